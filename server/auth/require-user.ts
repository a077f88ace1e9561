// Every route but health needs a user: for now an API token (Authorization: Bearer rcm_…); sessions for the
// browser come with the dashboards. The user's practices go with the request, and the data access applies
// them (warehouse/metrics/practice-scope.ts): an admin sees every practice, everyone else their grants.
import type { MiddlewareHandler } from 'hono';
import type { Warehouse } from '../../warehouse/database.ts';
import { httpError } from '../http-error.ts';
import { userOfToken, type User } from './users.ts';

export type AppEnv = { Variables: { user: User; practices: readonly string[] | undefined } };

export function requireUser(warehouse: Warehouse, serialized: <T>(work: () => Promise<T>) => Promise<T>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const token = /^Bearer (rcm_[A-Za-z0-9_-]{43})$/.exec(header)?.[1];
    const user = token ? await serialized(() => userOfToken(warehouse, token)) : undefined;
    if (!user) throw httpError(401, 'unauthorized', 'sign in: send an API token as "Authorization: Bearer <token>" (rcm tokens create)');
    c.set('user', user);
    c.set('practices', user.role === 'admin' ? undefined : user.practices);
    await next();
  };
}
