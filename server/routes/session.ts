// Browser sessions: POST /api/session (log in: user name and password; sets the HttpOnly session cookie
// and returns the CSRF token), GET /api/session (who is signed in, and the CSRF token again), DELETE
// /api/session (log out). Failed logins are rate-limited per user name and per address.
import { Hono, type Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { getConnInfo } from '@hono/node-server/conninfo';
import { z } from 'zod';
import type { Warehouse } from '../../warehouse/database.ts';
import { httpError } from '../http-error.ts';
import type { ServerOptions } from '../options.ts';
import { LoginLimiter } from '../auth/login-limiter.ts';
import { checkOrigin, ownOrigin, requireUser, type AppEnv } from '../auth/require-user.ts';
import { createSession, endSession, SESSION_COOKIE } from '../../access/sessions.ts';
import { listUsers, passwordHashOf, passwordMatches, type User } from '../../access/users.ts';
import { ROLE_VIEWS } from '../../access/roles.ts';

const loginBody = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(1024) }).strict();

const userJson = (u: User) => ({ username: u.username, role: u.role, practices: u.practices, views: ROLE_VIEWS[u.role] });

function clientAddress(c: Context, options: ServerOptions): string {
  const forwarded = options.trustProxy ? c.req.header('x-forwarded-for')?.split(',')[0].trim() : undefined;
  if (forwarded) return forwarded;
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function sessionRoutes(warehouse: Warehouse, serialized: <T>(work: () => Promise<T>) => Promise<T>, options: ServerOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const limiter = new LoginLimiter(options.login);
  const secure = (c: Context) => options.secureCookies === 'always' || (options.secureCookies === 'auto' && ownOrigin(c, options).startsWith('https:'));

  app.post('/session', async (c) => {
    checkOrigin(c, options); // a login form posted from another site is refused
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw httpError(400, 'bad_request', 'send {"username": …, "password": …} as JSON');
    }
    const parsed = loginBody.safeParse(body);
    if (!parsed.success) throw httpError(400, 'bad_request', 'send {"username": …, "password": …} as JSON');
    const { username, password } = parsed.data;
    const address = clientAddress(c, options);
    const now = options.now();
    // counted before the password is checked: concurrent attempts cannot all slip under the limit
    const attempt = limiter.attempt(username, address, now.getTime());
    if ('retryAfter' in attempt) {
      throw httpError(429, 'too_many_attempts', `too many sign-in attempts: try again in ${Math.ceil(attempt.retryAfter / 60)} minute(s)`, { 'Retry-After': String(attempt.retryAfter) });
    }
    const stored = await serialized(() => passwordHashOf(warehouse, username));
    if (!(await passwordMatches(password, stored))) throw httpError(401, 'unauthorized', 'wrong user name or password');
    attempt.succeeded();
    const { user, session } = await serialized(async () => {
      const found = (await listUsers(warehouse, username))[0];
      return { user: found, session: await createSession(warehouse, found, now) };
    });
    setCookie(c, SESSION_COOKIE, session.token, { httpOnly: true, sameSite: 'Strict', secure: secure(c), path: '/', maxAge: options.session.maxMinutes * 60 });
    return c.json({ user: userJson(user), csrf_token: session.csrfToken });
  });

  app.use('/session', requireUser(warehouse, serialized, options));

  app.get('/session', (c) => {
    const session = c.get('session');
    return c.json({ user: userJson(c.get('user')), csrf_token: session?.csrfToken ?? null, expires_at: session?.expiresAt.toISOString() ?? null });
  });

  app.delete('/session', async (c) => {
    const session = c.get('session');
    if (session) await serialized(() => endSession(warehouse, session.token, options.now()));
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: secure(c) });
    return c.body(null, 204);
  });

  return app;
}
