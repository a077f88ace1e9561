// A/R at an as-of date (metrics.md, "Claim state"): open claims (served by D, total balance > 0), their
// insurance and patient portions, aging buckets, credit balances beside them, and days in A/R.
import { type Window } from './window.ts';
import { dateLiteral } from '../sql.ts';
import { claimDimensions, keyOf, PATIENT_PAYER_NAME, payerFilter, payerNameOf, type Filters, type MetricDefinition } from './metric.ts';
import { sqlString } from '../sql.ts';

/** Every claim's balance on D, with the claim's attributes (mart_claim_balance carries them). */
export function claimsOn(w: Window, filters: Filters): string {
  const d = dateLiteral(w.asOf);
  return `SELECT *, total_balance - patient_balance AS insurance_balance FROM mart_claim_balance
    WHERE valid_from <= ${d} AND (valid_to IS NULL OR valid_to > ${d})${payerFilter(filters)}`;
}

/** Open claims: served on or before D with a positive total balance. */
function openClaims(w: Window, filters: Filters): string {
  return `SELECT * FROM (${claimsOn(w, filters)}) WHERE service_date <= ${dateLiteral(w.asOf)} AND total_balance > 0`;
}

const claimDimension = claimDimensions('service_date');

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
    numerator: 'Σ total balance of claims served on or before D whose total balance is positive; by payer: each claim’s insurance portion to its payer, its patient portion to "patient" ("Patient" by payer name)',
    denominator: '—', exclusions: 'credit balances (claims owing a negative total) are reported beside A/R, never netted into it',
    breakdowns: ['payer', 'payer_name', 'provider', 'location', 'kind'],
    sql(w, by, filters) {
      const open = openClaims(w, filters);
      if (by?.length === 1 && (by[0] === 'payer' || by[0] === 'payer_name')) {
        const [payer, patient] = by[0] === 'payer' ? ['payer_id', "'patient'"] : [payerNameOf('payer_id'), sqlString(PATIENT_PAYER_NAME)];
        return `SELECT ${payer} AS key, sum(insurance_balance) AS numerator, NULL AS denominator FROM (${open}) WHERE NOT is_self_pay GROUP BY 1
          UNION ALL SELECT ${patient}, coalesce(sum(patient_balance), 0), NULL FROM (${open})`;
      }
      if (by?.length === 1 && by[0] === 'kind') {
        return `SELECT 'insurance' AS key, sum(insurance_balance) AS numerator, NULL AS denominator FROM (${open})
          UNION ALL SELECT 'patient', sum(patient_balance), NULL FROM (${open})
          UNION ALL SELECT 'credit balances', -sum(total_balance), NULL FROM (${claimsOn(w, filters)}) WHERE total_balance < 0`;
      }
      const key = keyOf(by, claimDimension);
      return `SELECT ${key} AS key, coalesce(sum(total_balance), 0) AS numerator, count(*) AS denominator FROM (${open}) GROUP BY 1`;
    },
  },
  ...(['service', 'submission'] as const).map((basis): MetricDefinition => ({
    id: basis === 'service' ? 'ar_aging' : 'ar_aging_by_submission',
    label: basis === 'service' ? 'A/R aging' : 'A/R aging by first submission', shortLabel: basis === 'service' ? 'A/R aging' : 'Aging by submission',
    format: 'pct1', section: 'Claim state at an as-of date D; The metrics', unit: 'ratio', valueKind: 'ratio', grain: 'claim',
    dateBasis: basis === 'service' ? 'age = D − first date of service' : 'age = D − first submission date (claims never sent: "unsubmitted")', window: 'snapshot',
    numerator: 'A/R at D in each age bucket (0–30, 31–60, 61–90, 91–120, 121–180, 181+); the headline is the share older than 90 days', denominator: 'A/R at D', exclusions: 'credit balances',
    breakdowns: ['bucket'], defaultBreakdown: 'bucket',
    sql(w, by, filters) {
      const age = basis === 'service' ? `(${dateLiteral(w.asOf)} - service_date)` : `(${dateLiteral(w.asOf)} - first_submitted_date)`;
      const bucket = basis === 'service' ? bucketCase(age) : `CASE WHEN first_submitted_date IS NULL OR first_submitted_date > ${dateLiteral(w.asOf)} THEN 'unsubmitted' ELSE ${bucketCase(age)} END`;
      if (!by?.length) {
        return `SELECT NULL AS key, coalesce(sum(total_balance) FILTER (WHERE ${bucket} IN ('91-120', '121-180', '181+')), 0) AS numerator, sum(total_balance) AS denominator FROM (${openClaims(w, filters)})`;
      }
      return `SELECT ${bucket} AS key, sum(total_balance) AS numerator, sum(sum(total_balance)) OVER () AS denominator FROM (${openClaims(w, filters)}) GROUP BY 1`;
    },
  })),
  ...([90, 120] as const).map((days): MetricDefinition => ({
    id: `ar_over_${days}_pct`, label: `% of A/R over ${days} days`, shortLabel: `A/R over ${days} days`, format: 'pct1', section: 'Claim state at an as-of date D; The metrics', unit: 'ratio', valueKind: 'ratio', grain: 'claim', dateBasis: 'age = D − first date of service', window: 'snapshot',
    numerator: `A/R at D older than ${days} days`, denominator: 'A/R at D (ar_total)', exclusions: 'credit balances', breakdowns: ['payer', 'payer_name', 'provider', 'location'],
    sql(w, by, filters) {
      const key = keyOf(by, claimDimension);
      return `SELECT ${key} AS key, coalesce(sum(total_balance) FILTER (WHERE ${dateLiteral(w.asOf)} - service_date > ${days}), 0) AS numerator, sum(total_balance) AS denominator
        FROM (${openClaims(w, filters)}) GROUP BY 1`;
    },
  })),
  {
    id: 'days_in_ar', label: 'Days in A/R (gross)', unit: 'days', shortLabel: 'Days in A/R', format: 'days', section: 'Claim state at an as-of date D; The metrics', valueKind: 'days', grain: 'claim', dateBasis: 'snapshot at D; charges by date of service', window: 'snapshot',
    numerator: 'A/R at D', denominator: 'average daily gross charges over the 90 days ending D (Σ charges with D − 90 < DOS ≤ D, ÷ 90)', exclusions: 'credit balances',
    breakdowns: [],
    sql(w, _by, filters) {
      return `SELECT NULL AS key, (SELECT coalesce(sum(total_balance), 0) FROM (${openClaims(w, filters)})) AS numerator, (${ninetyDayCharges(w, filters, false)}) / 90 AS denominator`;
    },
  },
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
