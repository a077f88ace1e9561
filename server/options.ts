// How the server runs: session lifetimes, login limits, when cookies are Secure, where report packages go,
// and the clock (a test moves it instead of waiting).
import { DEFAULT_LOGIN_LIMITS, type LoginLimits } from './auth/login-limiter.ts';
import type { SessionLimits } from './auth/sessions.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export interface ServerOptions {
  session: SessionLimits;
  login: LoginLimits;
  /** 'auto': Secure when the request came over HTTPS (by X-Forwarded-Proto only with trustProxy). */
  secureCookies: 'auto' | 'always' | 'never';
  /** Behind a reverse proxy that sets X-Forwarded-Proto and X-Forwarded-For. */
  trustProxy: boolean;
  /** Where report packages made through the server are written, a folder per run (default: reportsDirFor). */
  reportsDir?: string;
  now: () => Date;
}

export const DEFAULT_SERVER_OPTIONS: ServerOptions = {
  session: { idleMinutes: 30, maxMinutes: 12 * 60 },
  login: DEFAULT_LOGIN_LIMITS,
  secureCookies: 'auto',
  trustProxy: false,
  now: () => new Date(),
};

/**
 * The reports folder beside the warehouse file (data/reports for data/rcm.duckdb: where `rcm report monthly`
 * writes by default); an in-memory warehouse's goes to a temporary folder.
 */
export function reportsDirFor(warehousePath: string, options: Pick<ServerOptions, 'reportsDir'> = {}): string {
  if (options.reportsDir !== undefined) return resolve(options.reportsDir);
  if (warehousePath === ':memory:') return mkdtempSync(join(tmpdir(), 'rcm-reports-'));
  return resolve(dirname(warehousePath), 'reports');
}
