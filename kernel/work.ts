// The work queues' names, a claim's work statuses and the clock filter's values, shared by the API's schemas
// (kernel/api/work.ts) and the dashboards' Work page without the schemas' code.
export const WORK_QUEUES = ['unbilled', 'rejected', 'no_response', 'open_denial', 'underpaid', 'credit_balance'] as const;
export type WorkQueue = (typeof WORK_QUEUES)[number];
export const WORK_STATUSES = ['new', 'in_progress', 'corrected', 'appealed', 'waiting_on_payer', 'written_off', 'done'] as const;
/** The clock filter: a limit passed, due within 7 days (0–7 days left), or later (more than 7 days left, or no limit). */
export const WORK_CLOCKS = ['overdue', 'week', 'later'] as const;
