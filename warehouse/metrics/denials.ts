// Denial metrics (metrics.md): initial denial rate by claim and by line, in count and dollars, by category
// and payer; final denial rate (write-offs on denied claims over gross charges); overturn rate. Duplicate
// denials (CARC 18) are left out of the initial rates and reported on their own; write-offs on denied claims. Declared over measures.ts.
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
    id: 'final_denial_rate', label: 'Final denial rate (write-offs on denied claims)', unit: 'ratio', shortLabel: 'Final denial rate', format: 'pct1', section: 'The metrics', grain: 'claim', dateBasis: 'posting date of the write-off; charges by date of service', window: 'quarter',
    numerator: 'write-offs posted in the window on claims that had a denied line on an adjudication dated on or before the write-off', denominator: 'gross charges with date of service in the window',
    exclusions: 'write-offs on claims never denied',
    formula: '{denial_write_offs} / {charges}',
  }),
  declareMetric({
    id: 'denial_write_offs', label: 'Write-offs on denied claims', unit: 'dollars', shortLabel: 'Denial write-offs', format: 'usd', section: 'The metrics', grain: 'claim', dateBasis: 'posting date of the write-off', window: 'quarter',
    numerator: 'write-offs posted in the window on claims that had a denied line on an adjudication dated on or before the write-off (the final denial rate’s numerator); by denial category: the categories of the claim’s first adjudication, a claim counted once in each',
    denominator: '—', exclusions: 'write-offs on claims never denied', defaultBreakdown: 'denial_category',
    formula: '{denial_write_offs}',
  }),
  declareMetric({
    id: 'denial_overturn_rate', label: 'Denial overturn rate', unit: 'ratio', shortLabel: 'Overturn rate', format: 'pct1', section: 'The metrics', grain: 'claim', dateBasis: 'resolution date (first day the balance reached zero or less)', window: 'quarter',
    numerator: 'denied claims whose denied lines were later paid (> 0) on a re-adjudication', denominator: 'claims with a denial that were resolved in the window; by denial category: those whose first adjudication was denied for it',
    exclusions: 'claims still open',
    formula: '{overturned_claims} / {resolved_denied_claims}', dollars: '{overturned_claim_charges} / {resolved_denied_claim_charges}',
  }),
];
