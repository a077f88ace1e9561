// The route guard of the access model's views (access/roles.ts): a user whose role may not open a view gets 403.
import type { MiddlewareHandler } from 'hono';
import { mayOpen, VIEWS, type View } from '../../access/roles.ts';
import { httpError } from '../http-error.ts';
import type { AppEnv } from './require-user.ts';

/** Refuses (403) a user whose role may not open this view. */
export function requireView(view: View): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const role = c.get('user').role;
    if (!mayOpen(role, view)) throw httpError(403, 'forbidden', `a ${role.replace('_', ' ')} may not open ${VIEWS[view]}`);
    await next();
  };
}
