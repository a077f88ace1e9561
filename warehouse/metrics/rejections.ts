// Front-end rejections analysed like denials (metrics.md: "Rejections are not denials"): the share of
// submissions an acknowledgment rejected, by reason code; the claims still rejected at the as-of date (the
// rejected work queue's claims, one definition: rejected-at.ts); the days from a rejection to the claim's next
// submission. All read mart_rejection, one row per submission with its acknowledgments and dated reasons.
import { between, type Window } from './window.ts';
import { dateLiteral } from '../sql.ts';
import { claimsOn } from './ar.ts';
import { keyOf, payerFilter, payerNameOf, providerNameOf, type Breakdown, type Dimension, type Filters, type MetricDefinition } from './metric.ts';
import { declareMetric } from './declare.ts';
import { reasonsBy, rejectedAtSql } from './rejected-at.ts';

/** No acknowledgment (999 or 277CA) by the as-of date: no rejection metric. */
function noAcknowledgments(w: Window): string {
  return `SELECT CASE WHEN count(*) = 0 THEN 'no acknowledgments (999 or 277CA) were ingested by the as-of date' END AS reason
    FROM mart_rejection WHERE first_acknowledged_date <= ${dateLiteral(w.asOf)}`;
}

/** The dimensions of a row carrying a claim's payer_id, rendering_npi, location, billing_npi and reason codes (`u` once unnested). */
function rowDimensions(month: string): Partial<Record<Dimension, string>> {
  return {
    payer: 'payer_id', payer_name: payerNameOf('payer_id'), provider: 'rendering_npi', provider_name: providerNameOf('rendering_npi'),
    location: 'location', practice: 'billing_npi', month: `strftime(${month}, '%Y-%m')`, rejection_reason: 'u',
  };
}

/** Rows broken down by `by`: unnested once per reason code when by is the rejection reason. */
function byReason(rows: string, by: Breakdown | undefined): string {
  return by?.includes('rejection_reason') ? `SELECT *, unnest(reason_codes) AS u FROM (${rows})` : rows;
}

/** The claims still rejected at D (rejectedAtSql) owing a balance at D, with their balance, payer and attributes on D. */
export function stillRejectedSql(w: Window, filters: Filters): string {
  return `SELECT b.claim_id, b.payer_id, b.rendering_npi, b.location, b.billing_npi, b.total_balance, r.reason_codes, r.rejected_date, r.submitted_date
    FROM (${rejectedAtSql(w.asOf)}) r
    JOIN (${claimsOn(w, filters)}) b USING (claim_id)
    WHERE b.total_balance > 0`;
}

const ROW_BREAKDOWNS: Dimension[] = ['payer', 'payer_name', 'provider', 'provider_name', 'location', 'practice', 'rejection_reason'];

export const REJECTION_METRICS: MetricDefinition[] = [
  declareMetric({
    id: 'rejection_rate', label: 'Front-end rejection rate', unit: 'ratio', shortLabel: 'Rejection rate', format: 'pct1', section: 'Ground rules; The metrics', grain: 'claim',
    dateBasis: 'submission date (every submission, first and later); acknowledgments dated on or before the as-of date', window: 'quarter',
    numerator: 'submissions an acknowledgment rejected by the as-of date (999 IK5 R, or 277CA claim STC category A3/A4/A6/A7/A8; dollars: their charges); by rejection reason: a submission once under each reason code its rejecting acknowledgments gave by the as-of date (999 IK5, AK9, IK3, IK4; 277CA category:status:entity)',
    denominator: 'submissions in the window with at least one acknowledgment by the as-of date (dollars: their charges)',
    exclusions: 'submissions no acknowledgment answered; voids (CLM05-3 = 8: they bill nothing, so they are no submission); rejections are not denials (never adjudicated)',
    formula: '{rejected_sends} / {acknowledged_sends}', dollars: '{rejected_send_charges} / {acknowledged_send_charges}',
    unavailableSql: noAcknowledgments,
  }),
  {
    id: 'still_rejected', label: 'Claims still rejected', unit: 'count', shortLabel: 'Still rejected', format: 'count', section: 'Work queues; The metrics', valueKind: 'sum', grain: 'claim',
    dateBasis: 'snapshot at D (submissions and acknowledgments dated on or before it)', window: 'snapshot',
    numerator: 'claims whose latest submission by D has a rejection as its latest acknowledgment dated by D (so no later submission and no later acceptance by D), owing a balance at D: the rejected work queue’s claims, by one definition (dollars: their balance at D); by rejection reason: once under each reason code that submission’s rejecting acknowledgments gave by D',
    denominator: '—', exclusions: 'claims sent again after the rejection (whatever came of it); claims whose rejected submission a later acknowledgment accepted; claims owing nothing (a void, CLM05-3 = 8, is no submission: it takes the charge off)',
    breakdowns: ROW_BREAKDOWNS,
    unavailableSql: noAcknowledgments,
    sql(w, by, filters) {
      const rows = byReason(stillRejectedSql(w, filters), by);
      return `SELECT ${keyOf(by, rowDimensions('rejected_date'))} AS key, count(*) AS numerator, NULL AS denominator,
          coalesce(sum(total_balance), 0) AS numerator_amount, NULL AS denominator_amount
        FROM (${rows})${by?.length ? ' GROUP BY 1' : ''}`;
    },
  },
  {
    id: 'resubmission_lag_days', label: 'Rejection to resubmission (days)', unit: 'days', shortLabel: 'Resubmission lag', format: 'days', section: 'The metrics', valueKind: 'quantile', grain: 'claim',
    dateBasis: 'resubmission date (the claim’s next submission after a rejected one)', window: 'quarter',
    numerator: 'median (and p90) of days from a submission’s first rejecting acknowledgment to the claim’s next submission, counted only when that submission was sent on or after the rejection’s date', denominator: 'rejected submissions whose claim was sent again in the window, on or after the rejection’s date',
    exclusions: 'rejections not followed by a submission; a next submission sent before the rejection arrived (it does not answer it); voids (CLM05-3 = 8: never a next submission); by rejection reason: reasons given after the as-of date', breakdowns: [...ROW_BREAKDOWNS.filter((d) => d !== 'practice'), 'month'],
    unavailableSql: noAcknowledgments,
    sql(w, by, filters) {
      const rows = byReason(`SELECT * REPLACE (${reasonsBy(w.asOf)} AS reason_codes) FROM mart_rejection
        WHERE ${between('next_submitted_date', w)} AND rejected_date <= ${dateLiteral(w.asOf)} AND resubmission_lag_days IS NOT NULL${payerFilter(filters)}`, by);
      return `SELECT ${keyOf(by, rowDimensions('next_submitted_date'))} AS key, round(quantile_cont(resubmission_lag_days, 0.5), 2) AS median,
          round(quantile_cont(resubmission_lag_days, 0.9), 2) AS p90, count(*) AS n FROM (${rows}) GROUP BY 1`;
    },
  },
];
