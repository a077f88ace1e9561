// What each role may open. One table, read by the routes (requireView) and printed in the README: a route
// names the view it belongs to, and a user whose role lacks it gets 403.
import { httpError } from '../http-error.ts';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './require-user.ts';
import type { Role } from './users.ts';

export const VIEWS = {
  metrics: 'metrics and their definitions (aggregates only: no patient-level rows)',
  patterns: 'denial patterns with example claim numbers',
  claims: 'claim lists behind a number, and their CSV / Arrow exports',
  claim_detail: "one claim's full history",
  ingest: 'ingest batches, files and errors',
  ingest_write: 'loading files through the server',
  reports: 'report packages and their exports',
  accounts: 'users, API tokens and the audit trail',
} as const;
export type View = keyof typeof VIEWS;

export const ROLE_VIEWS: Record<Role, readonly View[]> = {
  admin: ['metrics', 'patterns', 'claims', 'claim_detail', 'ingest', 'ingest_write', 'reports', 'accounts'],
  practice_manager: ['metrics', 'patterns', 'claims', 'claim_detail', 'ingest', 'reports'],
  billing_lead: ['metrics', 'patterns', 'claims', 'claim_detail', 'ingest'],
  finance: ['metrics', 'reports'],
};

export function mayOpen(role: Role, view: View): boolean {
  return ROLE_VIEWS[role].includes(view);
}

/** Refuses (403) a user whose role may not open this view. */
export function requireView(view: View): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const role = c.get('user').role;
    if (!mayOpen(role, view)) throw httpError(403, 'forbidden', `a ${role.replace('_', ' ')} may not open ${VIEWS[view]}`);
    await next();
  };
}
