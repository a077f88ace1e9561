// First-pass metrics: acceptance at the front end (no 999 or 277CA rejection of the first submission) and
// yield at adjudication (paid, or moved wholly to the patient, with no denied line, the first time).
import { between, dateLiteral, type Window } from './window.ts';
import { claimDimensions, keyOf, payerFilter, type MetricDefinition } from './metric.ts';


export const FIRST_PASS_METRICS: MetricDefinition[] = [
  {
    id: 'first_pass_acceptance', label: 'First-pass acceptance', unit: 'ratio', valueKind: 'ratio', grain: 'claim', dateBasis: 'first submission date; acknowledgments dated on or before the as-of date', window: 'quarter',
    numerator: 'first submissions that no acknowledgment rejected (999 IK5 R, or 277CA claim STC category A3/A4/A6/A7/A8)',
    denominator: 'first submissions in the window with at least one acknowledgment (999 or 277CA)',
    exclusions: 'submissions without any acknowledgment; resubmissions', breakdowns: ['payer', 'provider', 'location', 'month'],
    sql(w, by, filters) {
      const d = dateLiteral(w.asOf);
      const key = keyOf(by, claimDimensions('first_submitted_date'));
      return `SELECT ${key} AS key, count(*) FILTER (WHERE first_rejected_date IS NULL OR first_rejected_date > ${d}) AS numerator, count(*) AS denominator
        FROM mart_claim WHERE ${between('first_submitted_date', w)} AND first_acknowledged_date <= ${d}${payerFilter(filters)} GROUP BY 1`;
    },
    unavailableSql(w) {
      return `SELECT CASE WHEN count(*) = 0 THEN 'no acknowledgments (999 or 277CA) were ingested by the as-of date' END AS reason
        FROM mart_claim WHERE first_acknowledged_date <= ${dateLiteral(w.asOf)}`;
    },
  },
  {
    id: 'first_pass_yield', label: 'First-pass yield', unit: 'ratio', valueKind: 'ratio', grain: 'claim', dateBasis: 'first adjudication date', window: 'quarter',
    numerator: 'claims paid (or moved wholly to patient responsibility) on the first adjudication, with no denied line', denominator: 'claims first adjudicated in the window',
    exclusions: 'reversals; a secondary payer’s records', breakdowns: ['payer', 'provider', 'location', 'month'],
    sql(w, by, filters) {
      const key = keyOf(by, claimDimensions('first_adjudicated_date'));
      return `SELECT ${key} AS key, count(*) FILTER (WHERE NOT first_denied AND (first_paid > 0 OR first_patient_responsibility > 0)) AS numerator, count(*) AS denominator
        FROM mart_claim WHERE ${between('first_adjudicated_date', w)}${payerFilter(filters)} GROUP BY 1`;
    },
  },
];
