// The claims behind a number: a filtered, sorted, paged list of claims with their balance on an as-of
// date, for the drill-down from any metric (GET /api/claims). Filters arrive checked (server/routes) and
// reach SQL as bound parameters; the sort column is one of SORTS. Runs inside the practice scope, so a
// reader sees only their practices' claims.
import type { SqlValue, Warehouse } from '../database.ts';
import { scopeToPractices, type ClaimScope } from '../metrics/practice-scope.ts';
import { dateLiteral } from '../sql.ts';
import { BUCKETS, bucketCase } from '../metrics/ar.ts';
import { stillRejectedSql } from '../metrics/rejections.ts';
import { reasonsBy } from '../metrics/rejected-at.ts';
import { outcomeCondition, OUTCOMES, type Outcome } from '../metrics/denial-outcomes.ts';
import { windowFor } from '../metrics/window.ts';
import type { Row } from '../table.ts';
import { CLAIM_LIST_COLUMNS } from '../../kernel/api/tables.ts';

// the columns are the API's answer (kernel/api/tables.ts): declared once, for JSON, CSV, Arrow and the dashboards
export { CLAIM_LIST_COLUMNS };

export const SORTS = ['claim_id', 'service_date', 'first_submitted_date', 'first_adjudicated_date', 'charge', 'balance', 'age_days', 'payer_id'] as const;
export type Sort = (typeof SORTS)[number];
export const STATUSES = ['any', 'open', 'credit', 'settled'] as const;
export { OUTCOMES };
export const AGING_BUCKETS = BUCKETS.map(([label]) => label) as unknown as readonly [(typeof BUCKETS)[number][0], ...(typeof BUCKETS)[number][0][]];

export interface ClaimListQuery {
  asOf: string;
  serviceFrom?: string;
  serviceTo?: string;
  submittedFrom?: string;
  submittedTo?: string;
  adjudicatedFrom?: string;
  adjudicatedTo?: string;
  payer?: string;
  status: (typeof STATUSES)[number];
  /** Only claims with an open balance on this side. */
  portion?: 'insurance' | 'patient';
  aging?: (typeof AGING_BUCKETS)[number];
  /** Only claims denied (a line or all) on their first adjudication. */
  denied?: boolean;
  rejected?: boolean;
  /** A submission rejected for this reason code by the as-of date (sent between submittedFrom and submittedTo, which then leave the first submission alone). */
  rejectionReason?: string;
  /** Still rejected at the as-of date (the rejected work queue's claims). */
  stillRejected?: boolean;
  /**
   * What became of the claim's denial (the outcomes table): overturned or written off (resolved between
   * resolvedFrom and resolvedTo, default the quarter ending at the as-of date, and not overturned by its
   * end), or open at the as-of date; duplicate denials left out, as the metrics do. With it, the denial
   * category, CARC and denied CPT (and the lists and resolution date shown) are the claim's first denial's.
   */
  outcome?: Outcome;
  resolvedFrom?: string;
  resolvedTo?: string;
  denialCategory?: string;
  carc?: string;
  /** A procedure code of a line denied on the claim's first denial (the outcome metrics' cpt). */
  deniedCpt?: string;
  cpt?: string;
  modifier?: string;
  diagnosis?: string;
  /** A claim number's beginning. */
  search?: string;
  sort: Sort;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

export async function listClaims(warehouse: Warehouse, q: ClaimListQuery, scope: ClaimScope): Promise<{ total: number; rows: Row[] }> {
  const params: SqlValue[] = [];
  const bind = (value: SqlValue) => {
    params.push(value);
    return `$${params.length}`;
  };
  const conditions: string[] = [`c.service_date <= ${dateLiteral(q.asOf)}`];
  const range = (column: string, from?: string, to?: string) => {
    if (from) conditions.push(`${column} >= ${dateLiteral(from)}`);
    if (to) conditions.push(`${column} <= ${dateLiteral(to)}`);
  };
  range('c.service_date', q.serviceFrom, q.serviceTo);
  if (q.rejectionReason) {
    // the rejection_rate breakdown's submissions: their window is the submission date
    const sent: string[] = [];
    if (q.submittedFrom) sent.push(`submitted_date >= ${dateLiteral(q.submittedFrom)}`);
    if (q.submittedTo) sent.push(`submitted_date <= ${dateLiteral(q.submittedTo)}`);
    // a reason counts once an acknowledgment dated by the as-of date gave it (rejected-at.ts)
    conditions.push(`c.claim_id IN (SELECT claim_id FROM mart_rejection WHERE list_contains(${reasonsBy(q.asOf)}, ${bind(q.rejectionReason)})${sent.map((x) => ` AND ${x}`).join('')})`);
  } else {
    range('c.first_submitted_date', q.submittedFrom, q.submittedTo);
  }
  if (q.stillRejected) conditions.push(`c.claim_id IN (SELECT claim_id FROM (${stillRejectedSql({ asOf: q.asOf, from: q.asOf, to: q.asOf }, {})}))`);
  range('c.first_adjudicated_date', q.adjudicatedFrom, q.adjudicatedTo);
  if (q.payer) conditions.push(`c.payer_id = ${bind(q.payer)}`);
  if (q.status === 'open') conditions.push('balance > 0');
  if (q.status === 'credit') conditions.push('balance < 0');
  if (q.status === 'settled') conditions.push('balance = 0');
  if (q.portion === 'insurance') conditions.push('insurance_balance > 0');
  if (q.portion === 'patient') conditions.push('patient_balance > 0');
  if (q.aging) conditions.push(`balance > 0 AND aging_bucket = ${bind(q.aging)}`);
  if (q.denied !== undefined) conditions.push(q.denied ? 'coalesce(c.first_denied, false)' : 'NOT coalesce(c.first_denied, false)');
  if (q.rejected !== undefined) conditions.push(q.rejected ? 'c.first_rejected_date IS NOT NULL' : 'c.first_rejected_date IS NULL');
  // the outcome metrics break down by the first denial's causes, the initial rates by the first adjudication's
  const lists = q.outcome ? 'first_denial_record' : 'first_denial';
  if (q.denialCategory) conditions.push(`list_contains(c.${lists}_categories, ${bind(q.denialCategory)})`);
  if (q.carc) conditions.push(`list_contains(c.${lists}_carcs, ${bind(q.carc)})`);
  if (q.deniedCpt) conditions.push(`list_contains(c.${lists}_cpts, ${bind(q.deniedCpt)})`);
  if (q.outcome) {
    const quarter = windowFor('quarter', q.asOf);
    // nothing after the as-of date is known at it: a resolution window reaching past it ends there
    const to = q.resolvedTo ?? quarter.to;
    conditions.push(outcomeCondition(q.outcome, { asOf: q.asOf, from: q.resolvedFrom ?? quarter.from, to: to > q.asOf ? q.asOf : to }));
  } else {
    range('c.resolved_date', q.resolvedFrom, q.resolvedTo);
  }
  const line: string[] = [];
  if (q.cpt) line.push(`l.procedure_code = ${bind(q.cpt)}`);
  if (q.modifier) line.push(`list_contains(string_split(l.modifiers, ' '), ${bind(q.modifier)})`);
  if (q.diagnosis) line.push(`l.diagnosis_code = ${bind(q.diagnosis)}`);
  if (line.length) conditions.push(`c.claim_id IN (SELECT l.claim_id FROM mart_first_adjudication_line l WHERE ${line.join(' AND ')})`);
  if (q.search) conditions.push(`starts_with(c.claim_id, ${bind(q.search)})`);
  const asOf = dateLiteral(q.asOf);
  const resolved = q.outcome ? 'denial_resolved_date' : 'resolved_date';
  const claims = `
    WITH balance AS (
      SELECT claim_id, total_balance, patient_balance FROM mart_claim_balance
      WHERE valid_from <= ${asOf} AND (valid_to IS NULL OR valid_to > ${asOf})
    ),
    claims AS (
      SELECT c.*, coalesce(b.total_balance, 0) AS balance, coalesce(b.patient_balance, 0) AS patient_balance,
             coalesce(b.total_balance, 0) - coalesce(b.patient_balance, 0) AS insurance_balance,
             date_diff('day', c.service_date, ${asOf}) AS age_days,
             ${bucketCase(`date_diff('day', c.service_date, ${asOf})`)} AS aging_bucket
      FROM mart_claim c LEFT JOIN balance b USING (claim_id)
    )`;
  const where = `WHERE ${conditions.join('\n      AND ')}`;
  // the page (a top-N sort) and the count apart: a window count over every match would sort them all
  const page = `${claims}
    SELECT c.claim_id, c.billing_npi AS practice, c.payer_id, (SELECT p.payer_name FROM mart_payer p WHERE p.payer_id = c.payer_id) AS payer_name,
           c.rendering_npi AS provider, (SELECT v.provider_name FROM mart_provider v WHERE v.npi = c.rendering_npi) AS provider_name, c.location,
           c.service_date, c.first_submitted_date, c.first_adjudicated_date, CASE WHEN c.${resolved} <= ${asOf} THEN c.${resolved} END AS resolved_date,
           c.charge, c.first_paid, c.balance, c.insurance_balance, c.patient_balance, c.age_days, c.aging_bucket,
           c.first_denied, c.${lists}_categories AS denial_categories, c.${lists}_carcs AS denial_carcs, c.first_rejected_date IS NOT NULL AS first_rejected
    FROM claims c
    ${where}
    ORDER BY ${q.sort} ${q.order === 'desc' ? 'DESC' : 'ASC'} NULLS LAST, claim_id
    LIMIT ${q.limit} OFFSET ${q.offset}`;
  const rows = await warehouse.all<Row>(scopeToPractices(page, scope), params);
  const counted = rows.length < q.limit && (rows.length > 0 || q.offset === 0)
    ? q.offset + rows.length
    : Number((await warehouse.one<{ total: bigint }>(scopeToPractices(`${claims} SELECT count(*) AS total FROM claims c ${where}`, scope), params))!.total);
  return { total: counted, rows };
}
