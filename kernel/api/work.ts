// The work queues over HTTP (GET /api/work, GET /api/work/counts) and a claim's work state (POST /api/work/state):
// what to act on at the as-of date, by queue, with each claim's clock, reason, owner and status.
import { z } from 'zod';
import { ClaimNumber, IsoDate, Money } from './common.ts';
import { tableAnswer, type Columns } from './tables.ts';
import { USER_NAME } from './admin.ts';

import { WORK_CLOCKS, WORK_QUEUES, WORK_STATUSES } from '../work.ts';

export { WORK_CLOCKS, WORK_QUEUES, WORK_STATUSES };

export const WORK_LIST_COLUMNS = {
  queue: 'text', rank: 'int', claim_id: 'text', practice: 'text', payer_id: 'text', payer_name: 'text', provider: 'text', provider_name: 'text',
  balance: 'money', insurance_portion: 'money', patient_portion: 'money', days_left: 'int', days_since: 'int', reason: 'text',
  status: 'text', owner: 'text', follow_up: 'date',
} as const satisfies Columns;

export const QueueTotal = z.object({ count: z.number().int(), dollars: Money.describe('the sum of the claims’ balances at the as-of date') }).meta({ id: 'QueueTotal' });
export type QueueTotal = z.infer<typeof QueueTotal>;

export const QueueTotals = z.object(Object.fromEntries(WORK_QUEUES.map((q) => [q, QueueTotal])) as Record<(typeof WORK_QUEUES)[number], typeof QueueTotal>)
  .meta({ id: 'QueueTotals', description: 'every queue, with none in it as 0 and "0.00"' });
export type QueueTotals = z.infer<typeof QueueTotals>;

export const WorkCounts = z.object({ as_of: IsoDate, queues: QueueTotals }).meta({ id: 'WorkCounts' });
export type WorkCounts = z.infer<typeof WorkCounts>;

export const WorkList = tableAnswer(WORK_LIST_COLUMNS, 'WorkRow', {
  as_of: IsoDate,
  queue: z.enum(WORK_QUEUES).describe('the queue whose claims are listed'),
  queues: QueueTotals.describe('each queue’s claims matching the filters (payer, provider, owner, status, clock, practice)'),
  page: z.number().int(),
  page_size: z.number().int(),
}, ['queue', 'rank', 'claim_id', 'payer_id', 'balance', 'insurance_portion', 'patient_portion', 'reason', 'status']).meta({ id: 'WorkList' });
export type WorkList = z.infer<typeof WorkList>;
export type WorkRow = WorkList['rows'][number];

const Owner = z.string().regex(USER_NAME, 'a user name: 2–64 lower-case letters, digits, or . _ @ -').meta({ description: 'a user name', example: 'bl_a' });

export const WorkChange = z.object({
  claims: z.array(ClaimNumber).min(1).max(500).describe('the claims to change (at most 500), each one of the reader’s practices'),
  status: z.enum(WORK_STATUSES).optional(),
  owner: Owner.nullable().optional().describe('who works the claims; null: nobody'),
  follow_up: IsoDate.nullable().optional().describe('when to look at them again; null clears it'),
  note: z.string().min(1).max(2000).nullable().optional().describe('a note kept in the claims’ history'),
}).strict().refine((c) => c.status !== undefined || c.owner !== undefined || c.follow_up !== undefined || c.note !== undefined, 'say what to change: status, owner, follow_up or note')
  .meta({ id: 'WorkChange' });
export type WorkChange = z.infer<typeof WorkChange>;

export const WorkState = z.object({
  claim_id: z.string(), status: z.enum(WORK_STATUSES), owner: z.string().nullable(), follow_up: IsoDate.nullable(), note: z.string().nullable(),
  updated_by: z.string(), updated_at: z.string().describe('UTC, YYYY-MM-DD HH:MM:SS'),
}).meta({ id: 'WorkState' });
export type WorkState = z.infer<typeof WorkState>;

export const WorkStates = z.object({ states: z.array(WorkState).describe('each claim’s state after the change, in the order asked') }).meta({ id: 'WorkStates' });
export type WorkStates = z.infer<typeof WorkStates>;
