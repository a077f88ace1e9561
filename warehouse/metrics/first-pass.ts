// First-pass metrics: acceptance at the front end (no 999 or 277CA rejection of the first submission) and
// yield at adjudication (paid, or moved wholly to the patient, with no denied line, the first time).
import { dateLiteral } from '../sql.ts';
import type { MetricDefinition } from './metric.ts';
import { declareMetric } from './declare.ts';

export const FIRST_PASS_METRICS: MetricDefinition[] = [
  declareMetric({
    id: 'first_pass_acceptance', label: 'First-pass acceptance', unit: 'ratio', shortLabel: 'Acceptance', format: 'pct1', section: 'The metrics', grain: 'claim', dateBasis: 'first submission date; acknowledgments dated on or before the as-of date', window: 'quarter',
    numerator: 'first submissions that no acknowledgment rejected (999 IK5 R, or 277CA claim STC category A3/A4/A6/A7/A8)',
    denominator: 'first submissions in the window with at least one acknowledgment (999 or 277CA)',
    exclusions: 'submissions without any acknowledgment; resubmissions',
    formula: '{accepted_submissions} / {acknowledged_submissions}',
    unavailableSql(w) {
      return `SELECT CASE WHEN count(*) = 0 THEN 'no acknowledgments (999 or 277CA) were ingested by the as-of date' END AS reason
        FROM mart_claim WHERE first_acknowledged_date <= ${dateLiteral(w.asOf)}`;
    },
  }),
  declareMetric({
    id: 'first_pass_yield', label: 'First-pass yield', unit: 'ratio', shortLabel: 'First-pass yield', format: 'pct1', section: 'The metrics', grain: 'claim', dateBasis: 'first adjudication date', window: 'quarter',
    numerator: 'claims paid (or moved wholly to patient responsibility) on the first adjudication, with no denied line', denominator: 'claims first adjudicated in the window',
    exclusions: 'reversals; a secondary payer’s records',
    formula: '{first_pass_claims} / {all_adjudicated_claims}',
  }),
];
