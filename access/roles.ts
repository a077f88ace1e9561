// What each role may open. One table, read by the server's routes (server/auth/require-view.ts), the report
// deliveries and the docs: a route names the view it belongs to, and a user whose role lacks it gets 403.
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
  work: "the work queues' claims, with their clocks, reasons and work state",
  work_write: "a claim's work state: owner, status, follow-up date and notes",
  work_counts: "the work queues' counts and dollars (no claim numbers)",
} as const;
export type View = keyof typeof VIEWS;

export const ROLE_VIEWS: Record<Role, readonly View[]> = {
  admin: ['metrics', 'patterns', 'claims', 'claim_detail', 'ingest', 'ingest_write', 'reports', 'accounts', 'work', 'work_write', 'work_counts'],
  practice_manager: ['metrics', 'patterns', 'claims', 'claim_detail', 'ingest', 'reports', 'work', 'work_write', 'work_counts'],
  billing_lead: ['metrics', 'patterns', 'claims', 'claim_detail', 'ingest', 'work', 'work_write', 'work_counts'],
  finance: ['metrics', 'reports', 'work_counts'],
};

export function mayOpen(role: Role, view: View): boolean {
  return ROLE_VIEWS[role].includes(view);
}
