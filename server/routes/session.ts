// Browser sessions: POST /api/session (log in: user name and password; sets the HttpOnly session cookie
// and returns the CSRF token), GET /api/session (who is signed in, and the CSRF token again), DELETE
// /api/session (log out). Failed logins are rate-limited per user name and per address.
import type { Context } from 'hono';
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
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
import { Login, Session, SignedIn } from '../../kernel/api/session.ts';
import { CSRF_TOKEN, documentBodies, json, jsonBody, refusal, refusals, routeGroup, signedIn } from '../contract.ts';

const signIn = createRoute({
  method: 'post', path: '/session', operationId: 'signIn', summary: 'Sign in', tags: ['session'], security: [],
  description: `Checks the user name and password, sets the HttpOnly, SameSite=Strict \`${SESSION_COOKIE}\` cookie (Secure over HTTPS) and answers the CSRF token. Refused from another site's page (403). Failed logins are limited per user name and per address (429 with Retry-After).\n\nNeeds no sign-in.`,
  request: { body: jsonBody(Login) },
  responses: {
    200: { ...json('Signed in.', SignedIn), headers: { 'Set-Cookie': { description: `${SESSION_COOKIE}=…; HttpOnly; SameSite=Strict; Path=/; Max-Age=…`, schema: { type: 'string' } } } },
    400: refusals.BadRequest,
    401: refusal('Wrong user name or password.'),
    403: refusal('Posted from another origin.'),
    413: refusals.TooLarge,
    429: { ...refusal('Too many sign-in attempts (each counted before its password is checked).'), headers: { 'Retry-After': { description: 'seconds to wait', schema: { type: 'integer' } } } },
  },
});

const getSession = signedIn(createRoute({
  method: 'get', path: '/session', operationId: 'getSession', summary: 'Who is signed in', tags: ['session'],
  description: 'The user, their role, practices and views, and the CSRF token again (a page that reloads asks here).',
  responses: { 200: json('The user.', Session) },
}));

const signOut = signedIn(createRoute({
  method: 'delete', path: '/session', operationId: 'signOut', summary: 'Sign out', tags: ['session'],
  description: 'Ends the session and clears the cookie. With the cookie it needs the X-CSRF-Token header.',
  parameters: [CSRF_TOKEN],
  responses: { 204: { description: 'Signed out.' }, 403: refusals.Forbidden },
}));

const health = createRoute({
  method: 'get', path: '/health', operationId: 'getHealth', summary: 'Is the server up', tags: ['server'], security: [],
  description: 'Answers as soon as the server listens.\n\nNeeds no sign-in.',
  responses: { 200: json('It is.', z.object({ status: z.literal('ok') })) },
});

const userJson = (u: User) => ({ username: u.username, role: u.role, practices: u.practices, views: [...ROLE_VIEWS[u.role]] });

function clientAddress(c: Context, options: ServerOptions): string {
  const forwarded = options.trustProxy ? c.req.header('x-forwarded-for')?.split(',')[0].trim() : undefined;
  if (forwarded) return forwarded;
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** GET /health, answered before any sign-in. */
export function healthRoutes(): OpenAPIHono<AppEnv> {
  return routeGroup().openapi(health, (c) => c.json({ status: 'ok' as const }, 200));
}

export function sessionRoutes(warehouse: Warehouse, serialized: <T>(work: () => Promise<T>) => Promise<T>, options: ServerOptions): OpenAPIHono<AppEnv> {
  const app = routeGroup();
  documentBodies(app, Login);
  const limiter = new LoginLimiter(options.login);
  const secure = (c: Context) => options.secureCookies === 'always' || (options.secureCookies === 'auto' && ownOrigin(c, options).startsWith('https:'));

  app.openapi(signIn, async (c) => {
    checkOrigin(c, options); // a login form posted from another site is refused
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw httpError(400, 'bad_request', 'send {"username": …, "password": …} as JSON');
    }
    const parsed = Login.safeParse(body);
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
    return c.json({ user: userJson(user), csrf_token: session.csrfToken }, 200);
  });

  app.use('/session', requireUser(warehouse, serialized, options));

  app.openapi(getSession, (c) => {
    const session = c.get('session');
    return c.json({ user: userJson(c.get('user')), csrf_token: session?.csrfToken ?? null, expires_at: session?.expiresAt.toISOString() ?? null }, 200);
  });

  app.openapi(signOut, async (c) => {
    const session = c.get('session');
    if (session) await serialized(() => endSession(warehouse, session.token, options.now()));
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: secure(c) });
    return c.body(null, 204);
  });

  return app;
}
