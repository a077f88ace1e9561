// A/R at an as-of date (metrics.md, "Claim state"): open claims (served by D, total balance > 0), their
// insurance and patient portions, aging buckets, credit balances beside them, billed and unbilled A/R, and
// days in A/R. By payer has one meaning in every A/R metric: a claim's insurance portion is its payer's, its
// patient portion the patient's ("patient"; a self-pay visit is wholly the patient's), in the breakdown and
// under the payer filter alike.
import { type Window } from './window.ts';
import { dateLiteral } from '../sql.ts';
import { claimDimensions, keyOf, PATIENT_PAYER_NAME, payerFilter, payerNameOf, type Breakdown, type Filters, type MetricDefinition } from './metric.ts';
import { sqlString } from '../sql.ts';

/** The columns of a claim's balance on D the A/R metrics read (the period carries more: the work queues' facts). */
const CLAIM_ON_COLUMNS = [
  'claim_id', 'valid_from', 'valid_to', 'total_balance', 'patient_balance', 'billing_npi', 'payer_id', 'is_self_pay', 'rendering_npi', 'location',
  'service_date', 'first_submitted_date', 'first_adjudicated_date', 'charge',
];

/** Every claim's balance on D, with the claim's attributes (mart_claim_balance carries them), and `more` of its columns if asked. */
export function claimsOn(w: Window, filters: Filters, more: readonly string[] = []): string {
  const d = dateLiteral(w.asOf);
  return `SELECT ${[...CLAIM_ON_COLUMNS, ...more].join(', ')}, total_balance - patient_balance AS insurance_balance FROM mart_claim_balance
    WHERE valid_from <= ${d} AND (valid_to IS NULL OR valid_to > ${d})${payerFilter(filters)}`;
}

/** Open claims: served on or before D with a positive total balance. */
function openClaims(w: Window, filters: Filters): string {
  return `SELECT * FROM (${claimsOn(w, filters)}) WHERE service_date <= ${dateLiteral(w.asOf)} AND total_balance > 0`;
}

/**
 * Whether a claim was billed by D (metrics.md, "Billed A/R"): first submitted or first answered by an 835 on or
 * before D (an 835 proves the claim was sent, even when its 837 is not at hand), or a self-pay visit (billed to
 * the patient at the visit).
 */
export function billedBy(d: string): string {
  return `coalesce(is_self_pay OR first_submitted_date <= ${d} OR first_adjudicated_date <= ${d}, false)`;
}

/** The owner of every patient portion in A/R by payer. */
const PATIENT_OWNER = 'patient';

/**
 * Open claims as the portions of their A/R (metrics.md, "A/R by payer"), one row per owner: `owner` the claim's
 * payer for the insurance portion, 'patient' for the patient portion (a self-pay visit has only that), `amount`
 * the portion; a claim's amounts sum to its total balance; `billed` as billedBy. The payer filter keeps one
 * owner's portions.
 */
function arPortions(w: Window, filters: Filters): string {
  const d = dateLiteral(w.asOf);
  return `SELECT * FROM (
      SELECT o.*, CASE k.part WHEN 'insurance' THEN o.payer_id ELSE ${sqlString(PATIENT_OWNER)} END AS owner,
             CASE k.part WHEN 'insurance' THEN o.insurance_balance ELSE o.patient_balance END AS amount,
             ${billedBy(d)} AS billed
      FROM (${openClaims(w, {})}) o CROSS JOIN (VALUES ('insurance'), ('patient')) k(part)
      WHERE k.part = 'patient' OR NOT o.is_self_pay)
    WHERE amount <> 0${payerFilter(filters, 'owner')}`;
}

const claimDimension = claimDimensions('service_date');

/** The dimensions of A/R portions: by payer is the portion's owner ("Patient" by payer name). */
const portionDimension = {
  ...claimDimension,
  payer: 'owner',
  payer_name: `CASE WHEN owner = ${sqlString(PATIENT_OWNER)} THEN ${sqlString(PATIENT_PAYER_NAME)} ELSE ${payerNameOf('owner')} END`,
};

export const BUCKETS = [
  ['0-30', 0, 30], ['31-60', 31, 60], ['61-90', 61, 90], ['91-120', 91, 120], ['121-180', 121, 180], ['181+', 181, null],
] as const;

/** The aging bucket of an age in days (one definition: the aging metric and the claim list both use it). */
export function bucketCase(age: string): string {
  return `CASE ${BUCKETS.map(([label, lo, hi]) => `WHEN ${age} ${hi === null ? `>= ${lo}` : `BETWEEN ${lo} AND ${hi}`} THEN '${label}'`).join(' ')} END`;
}

function ninetyDayCharges(w: Window, filters: Filters, net: boolean): string {
  const d = dateLiteral(w.asOf);
  return `SELECT sum(${net ? 'c.charge - round(c.charge * coalesce(r.ratio, 0), 2)::DECIMAL(18,2)' : 'c.charge'}) FROM mart_claim c ${net ? `LEFT JOIN (${contractualRatios(w)}) r USING (payer_id)` : ''}
    WHERE c.service_date > ${d} - INTERVAL 90 DAY AND c.service_date <= ${d}${payerFilter(filters, 'c.payer_id')}`;
}

/** Charges with D − 90 < DOS ≤ D, by the owner of A/R they belong to: a payer's own claims; the patients' portions come out of every visit, so "patient" has all charges. */
function ownerCharges(w: Window): string {
  const d = dateLiteral(w.asOf);
  const recent = `service_date > ${d} - INTERVAL 90 DAY AND service_date <= ${d}`;
  return `SELECT payer_id AS owner, sum(charge) AS charges FROM mart_claim WHERE ${recent} AND NOT is_self_pay GROUP BY 1
    UNION ALL SELECT ${sqlString(PATIENT_OWNER)}, sum(charge) FROM mart_claim WHERE ${recent}`;
}

/** Days in A/R of the billed A/R (`billedOnly`) or of all of it, over the average daily charges of the 90 days ending D; by payer, each owner over its own charges. */
function daysSql(w: Window, by: Breakdown | undefined, filters: Filters, billedOnly: boolean): string {
  const owed = `coalesce(sum(amount)${billedOnly ? ' FILTER (WHERE billed)' : ''}, 0)`;
  const portions = arPortions(w, filters);
  if (!by?.length) {
    // the payer filter narrows the denominator to that owner's charges, as its row of the breakdown has them
    const charges = filters.payer ? `SELECT charges FROM (${ownerCharges(w)}) WHERE owner = ${sqlString(filters.payer)}` : `SELECT sum(charge) FROM mart_claim WHERE service_date > ${dateLiteral(w.asOf)} - INTERVAL 90 DAY AND service_date <= ${dateLiteral(w.asOf)}`;
    return `SELECT NULL AS key, (SELECT ${owed} FROM (${portions})) AS numerator, (${charges}) / 90 AS denominator`;
  }
  return `SELECT ${keyOf(by, portionDimension)} AS key, coalesce(o.owed, 0) AS numerator, c.charges / 90 AS denominator
    FROM (SELECT owner, ${owed} AS owed FROM (${portions}) GROUP BY 1) o
    FULL JOIN (SELECT * FROM (${ownerCharges(w)}) WHERE true${payerFilter(filters, 'owner')}) c USING (owner)`;
}

/** Each payer's observed contractual ratio by D: its contractual adjustments ÷ the charges of its claims first adjudicated by D. */
export function contractualRatios(w: Window): string {
  const d = dateLiteral(w.asOf);
  return `SELECT c.payer_id, coalesce(a.contractual, 0) / nullif(c.charges, 0) AS ratio
    FROM (SELECT payer_id, sum(charge) AS charges FROM mart_claim WHERE first_adjudicated_date <= ${d} AND NOT is_self_pay GROUP BY 1) c
    LEFT JOIN (SELECT claim_payer_id AS payer_id, sum(amount) AS contractual FROM mart_cash WHERE kind = 'contractual' AND cash_date <= ${d} GROUP BY 1) a USING (payer_id)`;
}

export const AR_METRICS: MetricDefinition[] = [
  {
    id: 'ar_total', label: 'A/R', unit: 'dollars', shortLabel: 'A/R', format: 'usd', section: 'Claim state at an as-of date D; The metrics', valueKind: 'sum', grain: 'claim', dateBasis: 'as-of date (events dated on or before it)', window: 'snapshot',
    numerator: 'Σ total balance of claims served on or before D whose total balance is positive; by payer (and under the payer filter): each claim’s insurance portion to its payer, its patient portion to "patient" ("Patient" by payer name; a self-pay visit is wholly the patient’s)',
    denominator: '—', exclusions: 'credit balances (claims owing a negative total) are reported beside A/R, never netted into it',
    breakdowns: ['payer', 'payer_name', 'provider', 'provider_name', 'location', 'kind'],
    sql(w, by, filters) {
      const portions = arPortions(w, filters);
      if (by?.length === 1 && by[0] === 'kind') {
        const patient = `owner = ${sqlString(PATIENT_OWNER)}`;
        return `SELECT 'insurance' AS key, coalesce(sum(amount) FILTER (WHERE NOT ${patient}), 0) AS numerator, NULL AS denominator FROM (${portions})
          UNION ALL SELECT 'patient', coalesce(sum(amount) FILTER (WHERE ${patient}), 0), NULL FROM (${portions})
          UNION ALL SELECT 'credit balances', -sum(total_balance), NULL FROM (${claimsOn(w, filters)}) WHERE total_balance < 0`;
      }
      const key = keyOf(by, portionDimension);
      return `SELECT ${key} AS key, coalesce(sum(amount), 0) AS numerator, count(DISTINCT claim_id) AS denominator FROM (${portions}) GROUP BY 1`;
    },
  },
  ...(['service', 'submission'] as const).map((basis): MetricDefinition => ({
    id: basis === 'service' ? 'ar_aging' : 'ar_aging_by_submission',
    label: basis === 'service' ? 'A/R aging' : 'A/R aging by first submission', shortLabel: basis === 'service' ? 'A/R aging' : 'Aging by submission',
    format: 'pct1', section: 'Claim state at an as-of date D; The metrics', unit: 'ratio', valueKind: 'ratio', grain: 'claim',
    dateBasis: basis === 'service' ? 'age = D − first date of service' : 'age = D − first submission date (claims never sent: "unsubmitted")', window: 'snapshot',
    numerator: 'A/R at D in each age bucket (0–30, 31–60, 61–90, 91–120, 121–180, 181+); the headline is the share older than 90 days; under the payer filter, that payer’s insurance portions (or "patient": the patient portions)', denominator: 'A/R at D (of the payer filter’s portions)', exclusions: 'credit balances',
    breakdowns: ['bucket'], defaultBreakdown: 'bucket',
    sql(w, by, filters) {
      const age = basis === 'service' ? `(${dateLiteral(w.asOf)} - service_date)` : `(${dateLiteral(w.asOf)} - first_submitted_date)`;
      const bucket = basis === 'service' ? bucketCase(age) : `CASE WHEN first_submitted_date IS NULL OR first_submitted_date > ${dateLiteral(w.asOf)} THEN 'unsubmitted' ELSE ${bucketCase(age)} END`;
      if (!by?.length) {
        return `SELECT NULL AS key, coalesce(sum(amount) FILTER (WHERE ${bucket} IN ('91-120', '121-180', '181+')), 0) AS numerator, sum(amount) AS denominator FROM (${arPortions(w, filters)})`;
      }
      return `SELECT ${bucket} AS key, sum(amount) AS numerator, sum(sum(amount)) OVER () AS denominator FROM (${arPortions(w, filters)}) GROUP BY 1`;
    },
  })),
  ...([90, 120] as const).map((days): MetricDefinition => ({
    id: `ar_over_${days}_pct`, label: `% of A/R over ${days} days`, shortLabel: `A/R over ${days} days`, format: 'pct1', section: 'Claim state at an as-of date D; The metrics', unit: 'ratio', valueKind: 'ratio', grain: 'claim', dateBasis: 'age = D − first date of service', window: 'snapshot',
    numerator: `A/R at D older than ${days} days; by payer: each claim’s insurance portion to its payer, its patient portion to "patient" (as ar_total by payer)`, denominator: 'A/R at D (ar_total, by payer the same portions)', exclusions: 'credit balances', breakdowns: ['payer', 'payer_name', 'provider', 'provider_name', 'location'],
    sql(w, by, filters) {
      const key = keyOf(by, portionDimension);
      return `SELECT ${key} AS key, coalesce(sum(amount) FILTER (WHERE ${dateLiteral(w.asOf)} - service_date > ${days}), 0) AS numerator, sum(amount) AS denominator
        FROM (${arPortions(w, filters)}) GROUP BY 1`;
    },
  })),
  {
    id: 'days_in_ar', label: 'Days in A/R (billed)', unit: 'days', shortLabel: 'Days in A/R', format: 'days', section: 'Claim state at an as-of date D; The metrics', valueKind: 'days', grain: 'claim', dateBasis: 'snapshot at D; charges by date of service', window: 'snapshot',
    numerator: 'billed A/R at D (MGMA: A/R begins at billing): A/R of claims first submitted to a payer, or answered by an 835, on or before D, and of self-pay visits (billed to the patient at the visit); by payer: each claim’s billed insurance portion to its payer, its billed patient portion to "patient"',
    denominator: 'average daily gross charges over the 90 days ending D (Σ charges with D − 90 < DOS ≤ D, ÷ 90); by payer: a payer’s own claims’ charges, "patient" all charges (patient portions come out of every visit)',
    exclusions: 'credit balances; unbilled A/R (insured visits not yet sent: unbilled_ar, and days_in_total_ar counts them)',
    breakdowns: ['payer', 'payer_name'],
    sql: (w, by, filters) => daysSql(w, by, filters, true),
  },
  {
    id: 'days_in_total_ar', label: 'Days in total A/R (unbilled included)', unit: 'days', shortLabel: 'Days in total A/R', format: 'days', section: 'Claim state at an as-of date D; The metrics', valueKind: 'days', grain: 'claim', dateBasis: 'snapshot at D; charges by date of service', window: 'snapshot',
    numerator: 'A/R at D, unbilled included (ar_total); by payer: each claim’s insurance portion to its payer, its patient portion to "patient"',
    denominator: 'average daily gross charges over the 90 days ending D (as days_in_ar)',
    exclusions: 'credit balances', breakdowns: ['payer', 'payer_name'],
    sql: (w, by, filters) => daysSql(w, by, filters, false),
  },
  ...([['unbilled_ar', 'dollars'], ['unbilled_visits', 'count']] as const).map(([id, unit]): MetricDefinition => ({
    id, unit, valueKind: 'sum', grain: 'claim', section: 'Claim state at an as-of date D; The metrics', window: 'snapshot', dateBasis: 'snapshot at D; age = D − date of service',
    ...(unit === 'dollars'
      ? { label: 'Unbilled A/R', shortLabel: 'Unbilled A/R', format: 'usd' as const,
          numerator: 'A/R at D of insured visits neither submitted to a payer nor answered by an 835 by D, by age since the date of service (the aging’s buckets); by payer: the insurance portion to the payer, the patient portion (a copay taken at the desk) to "patient"' }
      : { label: 'Unbilled visits', shortLabel: 'Unbilled visits', format: 'count' as const,
          numerator: 'insured visits with a positive balance at D neither submitted to a payer nor answered by an 835 by D (the count beside unbilled_ar), by age since the date of service; by payer: the payer the visit is to be billed to' }),
    denominator: '—', exclusions: 'self-pay visits (billed to the patient at the visit); credit balances',
    breakdowns: ['bucket', 'payer', 'payer_name', 'provider', 'provider_name', 'location'], defaultBreakdown: 'bucket',
    sql(w, by, filters) {
      const bucket = bucketCase(`(${dateLiteral(w.asOf)} - service_date)`);
      if (unit === 'dollars') {
        const key = by?.[0] === 'bucket' ? bucket : keyOf(by, portionDimension);
        return `SELECT ${key} AS key, coalesce(sum(amount), 0) AS numerator, NULL AS denominator FROM (${arPortions(w, filters)}) WHERE NOT billed GROUP BY 1`;
      }
      const key = by?.[0] === 'bucket' ? bucket : keyOf(by, claimDimension);
      return `SELECT ${key} AS key, count(*) AS numerator, NULL AS denominator FROM (${openClaims(w, filters)}) WHERE NOT ${billedBy(dateLiteral(w.asOf))} GROUP BY 1`;
    },
  })),
  {
    id: 'days_in_ar_net', label: 'Days in A/R (net of expected contractuals)', unit: 'days', shortLabel: 'Net days in A/R', format: 'days', section: 'Claim state at an as-of date D; The metrics', valueKind: 'days', grain: 'claim', dateBasis: 'snapshot at D; charges by date of service', window: 'snapshot',
    numerator: 'A/R at D less the expected contractual adjustment of open claims not yet adjudicated (charge × the payer’s observed contractual ratio)',
    denominator: 'average daily (charges − expected contractuals) over the 90 days ending D',
    exclusions: 'credit balances; a payer with nothing adjudicated by D has no ratio (0 is used)', breakdowns: [],
    sql(w, _by, filters) {
      const d = dateLiteral(w.asOf);
      return `SELECT NULL AS key,
          (SELECT coalesce(sum(o.total_balance - CASE WHEN o.first_adjudicated_date IS NULL OR o.first_adjudicated_date > ${d} THEN round(o.charge * coalesce(r.ratio, 0), 2)::DECIMAL(18,2) ELSE 0 END), 0)
             FROM (${openClaims(w, filters)}) o LEFT JOIN (${contractualRatios(w)}) r USING (payer_id)) AS numerator,
          (${ninetyDayCharges(w, filters, true)}) / 90 AS denominator`;
    },
  },
];
