// The work queues as a page lists them: every queue's count and dollars, and one queue's claims in rank order,
// narrowed by payer, rendering provider, owner, work status and clock; each row named (payer's and provider's names).
import { WORK_LIST_COLUMNS, WORK_QUEUES, type QueueTotals, type WorkRow } from '../../kernel/api/work.ts';
import type { Warehouse } from '../database.ts';
import { workQueuesSql, type Queue } from './work-queues.ts';

export { WORK_LIST_COLUMNS };

export type WorkClock = 'overdue' | 'week' | 'later';

export interface WorkFilter {
  payer?: string;
  provider?: string;
  owner?: string;
  status?: string;
  clock?: WorkClock;
}

/** The clock's days: a limit passed, due within 7 days, later (or no limit). */
const CLOCK_SQL: Record<WorkClock, string> = {
  overdue: 'days_left < 0',
  week: 'days_left BETWEEN 0 AND 7',
  later: '(days_left > 7 OR days_left IS NULL)',
};

function filtered(asOf: string, practices: readonly string[] | undefined, filter: WorkFilter): { sql: string; params: string[] } {
  const params: string[] = [];
  const where: string[] = [];
  const bind = (column: string, value: string | undefined) => {
    if (value === undefined) return;
    params.push(value);
    where.push(`${column} = $${params.length}`);
  };
  bind('q.payer_id', filter.payer);
  bind('m.rendering_npi', filter.provider);
  bind('q.owner', filter.owner);
  bind('q.status', filter.status);
  if (filter.clock) where.push(CLOCK_SQL[filter.clock]);
  const sql = `SELECT q.queue, q.rank, q.claim_id, q.practice, q.payer_id, p.payer_name, m.rendering_npi AS provider, v.provider_name, q.balance, q.insurance_portion, q.patient_portion,
       q.days_left, q.days_since, q.reason, q.status, q.owner, q.follow_up
FROM (${workQueuesSql(asOf, practices)}) q
LEFT JOIN mart_claim m ON m.claim_id = q.claim_id
LEFT JOIN mart_payer p ON p.payer_id = q.payer_id
LEFT JOIN mart_provider v ON v.npi = m.rendering_npi
WHERE ${where.length ? where.join(' AND ') : 'true'}`;
  return { sql, params };
}

/** Each queue's claims matching the filter: how many, and their balances' sum (exact). */
export async function workTotals(w: Warehouse, asOf: string, practices: readonly string[] | undefined, filter: WorkFilter = {}): Promise<QueueTotals> {
  const { sql, params } = filtered(asOf, practices, filter);
  const rows = await w.all<{ queue: Queue; count: bigint; dollars: string }>(
    `SELECT queue, count(*) AS count, sum(balance::DECIMAL(18, 2))::VARCHAR AS dollars FROM (${sql}) GROUP BY queue`, params);
  const totals = Object.fromEntries(WORK_QUEUES.map((q) => [q, { count: 0, dollars: '0.00' }])) as QueueTotals;
  for (const r of rows) totals[r.queue] = { count: Number(r.count), dollars: r.dollars };
  return totals;
}

/**
 * Every queue's totals (as workTotals) and one queue's claims matching the filter in rank order (1 = work first),
 * a page of them: the queues are computed once for both.
 */
export async function workPage(w: Warehouse, asOf: string, practices: readonly string[] | undefined, queue: Queue, filter: WorkFilter, page: { limit: number; offset: number }): Promise<{ queues: QueueTotals; rows: WorkRow[] }> {
  const { sql, params } = filtered(asOf, practices, filter);
  params.push(queue);
  type Part = WorkRow & { part: 'total' | 'row'; rank: bigint | number; queue_count: bigint | null; queue_dollars: string | null };
  const parts = await w.all<Part>(
    `WITH f AS MATERIALIZED (${sql})
SELECT 'total' AS part, queue, count(*) AS queue_count, sum(balance::DECIMAL(18, 2))::VARCHAR AS queue_dollars FROM f GROUP BY queue
UNION ALL BY NAME
(SELECT 'row' AS part, * FROM f WHERE queue = $${params.length} ORDER BY rank LIMIT ${Math.trunc(page.limit)} OFFSET ${Math.trunc(page.offset)})`, params);
  const queues = Object.fromEntries(WORK_QUEUES.map((q) => [q, { count: 0, dollars: '0.00' }])) as QueueTotals;
  const rows: WorkRow[] = [];
  for (const { part, queue_count: count, queue_dollars: dollars, ...row } of parts) {
    if (part === 'total') queues[row.queue as Queue] = { count: Number(count), dollars: dollars! };
    else rows.push({ ...row, rank: Number(row.rank) });
  }
  return { queues, rows: rows.sort((a, b) => a.rank - b.rank) };
}
