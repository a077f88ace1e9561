// Every route but health and login needs a user: a browser session (the rcm_session cookie) or an API token
// (Authorization: Bearer rcm_…, for scripts). A session's state-changing requests must carry its CSRF token
// (X-CSRF-Token) and, when the browser sends an Origin, come from this server's own origin; a token is not
// sent by browsers on their own, so it needs neither. The user's practices go with the request, and the
// data access applies them (warehouse/metrics/practice-scope.ts): an admin sees every practice, everyone
// else their grants.
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Warehouse } from '../../warehouse/database.ts';
import { httpError } from '../http-error.ts';
import type { ServerOptions } from '../options.ts';
import { csrfMatches, sessionOf, SESSION_COOKIE, type Session } from '../../access/sessions.ts';
import { userOfToken, type User } from '../../access/users.ts';

export type AppEnv = {
  Variables: {
    user: User;
    practices: readonly string[] | undefined;
    session: (Session & { token: string }) | undefined;
    /** Drops the users remembered for tokens: a route that revokes a token or disables a user calls it, so the change holds from the next request. */
    forgetTokens: () => void;
  };
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The origin this request was sent to (scheme and host as the client used them). */
export function ownOrigin(c: Context, options: ServerOptions): string {
  const url = new URL(c.req.url);
  const proto = options.trustProxy ? (c.req.header('x-forwarded-proto')?.split(',')[0].trim() ?? url.protocol.replace(':', '')) : url.protocol.replace(':', '');
  return `${proto}://${c.req.header('host') ?? url.host}`;
}

/** A browser's Origin header, when sent, must be this server's. */
export function checkOrigin(c: Context, options: ServerOptions): void {
  const origin = c.req.header('origin');
  if (origin !== undefined && origin !== ownOrigin(c, options)) throw httpError(403, 'forbidden', 'cross-site request refused');
}

/**
 * How long a token's user is remembered between requests: it spares each scripted request a trip to the
 * database. While this server holds the warehouse, tokens are revoked and users disabled only through it
 * (/api/admin, which rcm users and rcm tokens --server call), and each such change forgets every token at once.
 */
const TOKEN_MEMORY_MS = 60_000;

/**
 * The users remembered for tokens, one memory per accounts connection: every user check on it (the API's,
 * the session routes') shares it, so that forgetting holds for all of them.
 */
class TokenMemory {
  readonly users = new Map<string, { user: User | undefined; until: number }>();
  /** Counts the forgettings: a lookup under way across one may have read the user before the change, and is not kept. */
  generation = 0;

  forget(): void {
    this.users.clear();
    this.generation++;
  }
}
const memories = new WeakMap<Warehouse, TokenMemory>();

export function requireUser(warehouse: Warehouse, serialized: <T>(work: () => Promise<T>) => Promise<T>, options: ServerOptions): MiddlewareHandler<AppEnv> {
  let memory = memories.get(warehouse);
  if (!memory) memories.set(warehouse, (memory = new TokenMemory()));
  const tokens = memory;
  const forgetTokens = () => tokens.forget();
  const tokenUser = async (token: string): Promise<User | undefined> => {
    const now = Date.now();
    const known = tokens.users.get(token);
    if (known && known.until > now) return known.user;
    const asked = tokens.generation;
    const user = await serialized(() => userOfToken(warehouse, token));
    if (tokens.users.size > 10_000) tokens.users.clear();
    if (asked === tokens.generation) tokens.users.set(token, { user, until: now + TOKEN_MEMORY_MS });
    return user;
  };
  // A page sends its requests at once, each with the same cookie: they share one check of the session
  // (two queries) rather than each making its own, one after another in the queue. Only checks under way
  // are shared, none is remembered after its answer.
  const checking = new Map<string, Promise<Session | undefined>>();
  const sessionCheck = (cookie: string): Promise<Session | undefined> => {
    let check = checking.get(cookie);
    if (!check) {
      check = serialized(() => sessionOf(warehouse, cookie, options.now(), options.session));
      checking.set(cookie, check);
      void check.finally(() => checking.delete(cookie)).catch(() => undefined);
    }
    return check;
  };
  return async (c, next) => {
    const header = c.req.header('authorization');
    let user: User | undefined;
    if (header !== undefined) {
      const token = /^Bearer (rcm_[A-Za-z0-9_-]{43})$/.exec(header)?.[1];
      user = token ? await tokenUser(token) : undefined;
      c.set('session', undefined);
    } else {
      const cookie = getCookie(c, SESSION_COOKIE);
      const session = cookie && /^[A-Za-z0-9_-]{43}$/.test(cookie) ? await sessionCheck(cookie) : undefined;
      if (session && !SAFE_METHODS.has(c.req.method)) {
        checkOrigin(c, options);
        if (!csrfMatches(c.req.header('x-csrf-token'), session.csrfToken)) throw httpError(403, 'csrf', 'this request needs the session’s X-CSRF-Token header (GET /api/session gives it)');
      }
      user = session?.user;
      c.set('session', session && cookie ? { ...session, token: cookie } : undefined);
    }
    if (!user) throw httpError(401, 'unauthorized', 'sign in (POST /api/session) or send an API token as "Authorization: Bearer <token>" (rcm tokens create)');
    c.set('user', user);
    c.set('practices', user.role === 'admin' ? undefined : user.practices);
    c.set('forgetTokens', forgetTokens);
    await next();
  };
}
