// Expected payment's lines and what payers pay per code (metrics.md, "Expected payment"), over
// mart_expected_payment: the service lines adjudicated in a window, standing at the as-of date (a line whose
// record was reversed by then gives way to the re-adjudication), each with its expected and actual allowed;
// and per payer and procedure, allowed and paid per unit (median, 10th and 90th percentiles) over the paid
// lines, a schedule or not. A reader sees the lines of their practices only. Money leaves as decimal text.
import type { Warehouse } from '../database.ts';
import { inPractices } from '../metrics/practice-scope.ts';
import { dateLiteral } from '../sql.ts';
import type { VarianceStatus } from '../../kernel/expected-payment.ts';

export interface LineWindow {
  asOf: string;
  from: string;
  to: string;
  payer?: string;
  cpt?: string;
  /** The practices (billing NPIs) the reader may see; undefined: every one. */
  practices?: readonly string[];
}

export type VarianceLine = {
  claim_id: string;
  practice: string | null;
  payer_id: string;
  service_date: string | null;
  adjudication_date: string;
  procedure_code: string | null;
  modifier: string | null;
  units: string;
  expected_allowed: string | null;
  actual_allowed: string;
  variance: string | null;
  tolerance: string | null;
  status: VarianceStatus;
};

export type Reimbursement = {
  payer_id: string;
  procedure_code: string;
  lines: number;
  units: string;
  allowed_median: string;
  allowed_p10: string;
  allowed_p90: string;
  paid_median: string;
  paid_p10: string;
  paid_p90: string;
};

function standing(q: LineWindow, params: string[]): string {
  const conditions = [
    `adjudication_date BETWEEN ${dateLiteral(q.from)} AND ${dateLiteral(q.to)}`,
    `(reversed_date IS NULL OR reversed_date > ${dateLiteral(q.asOf)})`,
  ];
  if (q.practices !== undefined) conditions.push(inPractices('billing_npi', q.practices));
  if (q.payer !== undefined) conditions.push(`payer_id = $${params.push(q.payer)}`);
  if (q.cpt !== undefined) conditions.push(`procedure_code = $${params.push(q.cpt)}`);
  return conditions.join(' AND ');
}

/** The lines adjudicated in the window (one status, or all), the most underpaid first (a denied line's shortfall is a denial: last); and how many there are. */
export async function varianceLines(w: Warehouse, q: LineWindow & { status?: VarianceStatus; limit: number; offset: number }): Promise<{ total: number; rows: VarianceLine[] }> {
  const params: string[] = [];
  let where = standing(q, params);
  if (q.status !== undefined) where += ` AND status = $${params.push(q.status)}`;
  const total = await w.one<{ n: bigint }>(`SELECT count(*) AS n FROM mart_expected_payment WHERE ${where}`, params);
  const rows = await w.all<VarianceLine>(`SELECT claim_id, billing_npi AS practice, payer_id, strftime(service_date, '%Y-%m-%d') AS service_date,
      strftime(adjudication_date, '%Y-%m-%d') AS adjudication_date, procedure_code, modifier_1 AS modifier, units::DECIMAL(18,2)::VARCHAR AS units,
      expected_allowed::VARCHAR AS expected_allowed, actual_allowed::VARCHAR AS actual_allowed, variance::VARCHAR AS variance,
      CASE WHEN expected_allowed IS NULL THEN NULL ELSE tolerance::DECIMAL(18,2)::VARCHAR END AS tolerance, status
    FROM mart_expected_payment WHERE ${where}
    ORDER BY status = 'denied', variance NULLS LAST, adjudication_date, claim_id, line_in_claim
    LIMIT ${q.limit} OFFSET ${q.offset}`, params);
  return { total: Number(total?.n ?? 0), rows };
}

/** Per payer and procedure: allowed and paid per unit over the paid (not denied) lines adjudicated in the window. */
export async function reimbursement(w: Warehouse, q: LineWindow): Promise<Reimbursement[]> {
  const params: string[] = [];
  const where = `${standing(q, params)} AND status <> 'denied' AND procedure_code IS NOT NULL AND units > 0`;
  const rows = await w.all<Omit<Reimbursement, 'lines'> & { lines: bigint }>(`WITH per_unit AS (
    SELECT payer_id, procedure_code, units, round(actual_allowed / units, 2)::DECIMAL(18,2) AS allowed, round(paid / units, 2)::DECIMAL(18,2) AS paid
    FROM mart_expected_payment WHERE ${where}
  )
  SELECT payer_id, procedure_code, count(*) AS lines, sum(units)::DECIMAL(18,2)::VARCHAR AS units,
         ${['allowed', 'paid'].flatMap((m) => [['median', 0.5], ['p10', 0.1], ['p90', 0.9]].map(([name, p]) => `round(quantile_cont(${m}, ${p}), 2)::DECIMAL(18,2)::VARCHAR AS ${m}_${name}`)).join(',\n         ')}
  FROM per_unit GROUP BY ALL ORDER BY procedure_code, payer_id`, params);
  return rows.map((r) => ({ ...r, lines: Number(r.lines) }));
}
