// The loaded remittances a person must look at (the mart_remittance_problem model): a remittance delivered
// again (not counted again), a payment that conflicts with an earlier one of the same trace number
// (counted), a reversal whose original was never loaded (its cash counts, not its balance). Read by
// `rcm errors` and GET /api/ingest/remittance-problems.
import type { Row, Warehouse } from '../database.ts';
import { inPractices } from '../metrics/practice-scope.ts';
import { REMITTANCE_PROBLEM_COLUMNS } from '../../kernel/api/tables.ts';

/** The listing's columns, as the API answers them (JSON, CSV, Arrow). */
// the columns are the API's answer (kernel/api/tables.ts): declared once, for JSON, CSV, Arrow and the dashboards
export { REMITTANCE_PROBLEM_COLUMNS };

export interface ProblemFilter {
  batchId?: bigint;
  limit?: number;
  /** The practices (billing NPIs) whose rows the reader may see; every row when absent (an admin). */
  practices?: readonly string[];
}

export interface RemittanceProblems {
  /** Newest files first, at most the filter's limit. */
  rows: Row[];
  /** How many of each problem there are in all (duplicate_remittance, payment_conflict, orphan_reversal). */
  counts: Record<string, number>;
}

/** null when the models were never built (the listing is one of them). */
export async function listRemittanceProblems(warehouse: Warehouse, filter: ProblemFilter = {}): Promise<RemittanceProblems | null> {
  const built = await warehouse.one<{ n: bigint }>("SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'mart_remittance_problem'");
  if (!built?.n) return null;
  // a row shows to the practice it belongs to (mart_remittance_problem.billing_npi), not to its file's
  const scope = filter.practices === undefined ? '' : ` AND ${inPractices('billing_npi', filter.practices)}`;
  const where = `($1::BIGINT IS NULL OR batch_id = $1)${scope}`;
  const params = [filter.batchId ?? null];
  const rows = await warehouse.all(
    `SELECT problem, batch_id, file_id, file_name, segment_position, claim_id, payer_id, trace_number, payment_date, amount,
            first_file_name, first_segment_position, counted, message, hint
     FROM mart_remittance_problem WHERE ${where}
     ORDER BY file_id DESC, segment_position
     LIMIT ${Math.trunc(filter.limit ?? 1000)}`,
    params,
  );
  const counts = await warehouse.all<{ problem: string; n: bigint }>(`SELECT problem, count(*) AS n FROM mart_remittance_problem WHERE ${where} GROUP BY problem ORDER BY problem`, params);
  return { rows, counts: Object.fromEntries(counts.map((c) => [c.problem, Number(c.n)])) };
}
