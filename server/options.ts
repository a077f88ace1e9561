// How the server runs: session lifetimes, login limits, when cookies are Secure, and the clock (a test
// moves it instead of waiting).
import { DEFAULT_LOGIN_LIMITS, type LoginLimits } from './auth/login-limiter.ts';
import type { SessionLimits } from './auth/sessions.ts';

export interface ServerOptions {
  session: SessionLimits;
  login: LoginLimits;
  /** 'auto': Secure when the request came over HTTPS (by X-Forwarded-Proto only with trustProxy). */
  secureCookies: 'auto' | 'always' | 'never';
  /** Behind a reverse proxy that sets X-Forwarded-Proto and X-Forwarded-For. */
  trustProxy: boolean;
  now: () => Date;
}

export const DEFAULT_SERVER_OPTIONS: ServerOptions = {
  session: { idleMinutes: 30, maxMinutes: 12 * 60 },
  login: DEFAULT_LOGIN_LIMITS,
  secureCookies: 'auto',
  trustProxy: false,
  now: () => new Date(),
};
