// Denial metrics (metrics.md): initial denial rate by claim and by line, in count and dollars, by category
// and payer; final denial rate (denial-class write-offs net of later recoveries over net revenue); overturn
// rate. Duplicate denials (CARC 18) are left out of the initial rates and the overturn rate, and reported on their own. Declared
// over measures.ts.
import type { MetricDefinition } from './metric.ts';
import { declareMetric } from './declare.ts';

export const DENIAL_METRICS: MetricDefinition[] = [
  declareMetric({
    id: 'initial_denial_rate', label: 'Initial denial rate (claims)', unit: 'ratio', shortLabel: 'Initial denial rate', format: 'pct1', section: 'The metrics', grain: 'claim', dateBasis: 'first adjudication date (BPR16 of the first 835 record that is not a reversal)', window: 'quarter',
    numerator: 'claims whose first adjudication had at least one denied line (dollars: their charges)', denominator: 'claims first adjudicated in the window (dollars: their charges)',
    exclusions: 'claims whose first adjudication was a duplicate denial (CARC 18), reported apart; reversals; a secondary payer’s records',
    denialFilters: true,
    formula: '{denied_claims} / {adjudicated_claims}', dollars: '{denied_claim_charges} / {adjudicated_claim_charges}',
  }),
  declareMetric({
    id: 'initial_denial_rate_line', label: 'Initial denial rate (lines)', unit: 'ratio', shortLabel: 'Line denial rate', format: 'pct1', section: 'The metrics', grain: 'line', dateBasis: 'first adjudication date', window: 'quarter',
    numerator: 'lines denied on their claim’s first adjudication (dollars: their charges)', denominator: 'lines first adjudicated in the window (dollars: their charges)',
    exclusions: 'lines of claims whose first adjudication was a duplicate denial (CARC 18)',
    denialFilters: true,
    formula: '{denied_lines} / {adjudicated_lines}', dollars: '{denied_line_charges} / {adjudicated_line_charges}',
  }),
  declareMetric({
    id: 'duplicate_denials', label: 'Duplicate denials (CARC 18)', unit: 'ratio', shortLabel: 'Duplicate denials', format: 'pct1', section: 'The metrics', grain: 'claim', dateBasis: 'first adjudication date', window: 'quarter',
    numerator: 'claims whose first adjudication was denied as a duplicate (dollars: their charges)', denominator: 'claims first adjudicated in the window, duplicates included',
    exclusions: '—',
    formula: '{duplicate_claims} / {all_adjudicated_claims}', dollars: '{duplicate_claim_charges} / {all_adjudicated_claim_charges}',
  }),
  declareMetric({
    id: 'final_denial_rate', label: 'Final denial rate (denial write-offs over net revenue)', unit: 'ratio', shortLabel: 'Final denial rate', format: 'pct1', section: 'Adjustment classes; The metrics', grain: 'claim', dateBasis: 'posting date of the write-off (a recovery: its payment date); charges by date of service', window: 'quarter',
    numerator: 'denial-class write-offs dated in the window, net of later recoveries on the same claims (money received after a claim’s first denial write-off, up to its denial write-offs)', denominator: 'net revenue of the window (charges with date of service in the window − contractual, policy and duplicate adjustments dated in it)',
    exclusions: 'duplicate, bad-debt, policy and unclassified write-offs (not denials); HFMA MAP Key AR-6',
    formula: '{denial_write_offs} / ({charges} - {contractual_adjustments} - {policy_adjustments} - {duplicate_adjustments})',
  }),
  declareMetric({
    id: 'denial_write_offs', label: 'Denial write-offs (net of recoveries)', unit: 'dollars', shortLabel: 'Denial write-offs', format: 'usd', section: 'Adjustment classes; The metrics', grain: 'claim', dateBasis: 'posting date of the write-off (a recovery: its payment date)', window: 'quarter',
    numerator: 'denial-class write-offs dated in the window, net of later recoveries (the final denial rate’s numerator); by denial category, CARC or CPT: those of the denied lines of the claim’s first denial (the first adjudication that denied a line), a claim counted once in each, (unknown) when no adjudication denied a line',
    denominator: '—', exclusions: 'duplicate, bad-debt, policy and unclassified write-offs', defaultBreakdown: 'denial_category',
    denialFilters: true,
    formula: '{denial_write_offs}',
  }),
  declareMetric({
    id: 'denial_overturn_rate', label: 'Denial overturn rate', unit: 'ratio', shortLabel: 'Overturn rate', format: 'pct1', section: 'The metrics', grain: 'claim', dateBasis: 'resolution date (first day on or after the first denial that the balance reached zero or less)', window: 'quarter',
    numerator: 'denied claims whose denied lines were later paid (> 0) on a re-adjudication', denominator: 'claims with a denial that were resolved in the window; by denial category, CARC or CPT: those whose first denial (the first adjudication that denied a line) denied lines for it (a claim once in each)',
    exclusions: 'claims whose first denial was a duplicate denial (CARC 18); claims still open',
    denialFilters: true,
    formula: '{overturned_claims} / {resolved_denied_claims}', dollars: '{overturned_claim_charges} / {resolved_denied_claim_charges}',
  }),
];
