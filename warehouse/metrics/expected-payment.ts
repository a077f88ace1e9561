// Expected payment (metrics.md, "Expected payment"): what payers allowed against what their fee schedules
// expected, per paid service line of a primary 835 record (mart_expected_payment). Underpaid dollars and the
// underpayment rate, the lines, and how many paid lines a schedule prices at all. Declared over measures.ts.
import type { MetricDefinition } from './metric.ts';
import { declareMetric } from './declare.ts';

const common = {
  section: 'Expected payment', grain: 'line', window: 'quarter',
  dateBasis: 'adjudication date (BPR16 of the 835 record); a record reversed by the as-of date gives way to the one re-adjudicating the line',
} as const;

const exclusions = 'denied lines (denials, not underpayments); lines no schedule row prices (no expectation); reversals and secondary payers’ records';

export const EXPECTED_PAYMENT_METRICS: MetricDefinition[] = [
  declareMetric({
    id: 'underpayment_rate', label: 'Underpayment rate (underpaid dollars over expected allowed)', shortLabel: 'Underpayment rate', unit: 'ratio', format: 'pct1', ...common,
    numerator: 'Σ (expected allowed − actual allowed) over the underpaid lines (short of the fee schedule by more than the tolerance: the larger of $0.50 and 1 % of expected, ref_underpayment_tolerance)',
    denominator: 'Σ expected allowed (fee schedule × units) over the paid lines a schedule prices',
    exclusions,
    formula: '{underpaid_dollars} / {expected_allowed}',
  }),
  declareMetric({
    id: 'underpaid_dollars', label: 'Underpaid dollars (below the fee schedule)', shortLabel: 'Underpaid dollars', unit: 'dollars', format: 'usd', ...common,
    numerator: 'Σ (expected allowed − actual allowed) over the underpaid lines: the underpayment rate’s numerator (underpaid_lines counts them)', denominator: '—',
    exclusions,
    formula: '{underpaid_dollars}',
  }),
  declareMetric({
    id: 'underpaid_lines', label: 'Underpaid lines (below the fee schedule)', shortLabel: 'Underpaid lines', unit: 'count', format: 'count', ...common,
    numerator: 'paid lines whose actual allowed is short of the expected allowed by more than the tolerance', denominator: '—',
    exclusions,
    formula: '{underpaid_lines}',
  }),
  declareMetric({
    id: 'schedule_coverage', label: 'Fee schedule coverage (paid lines with an expected amount)', shortLabel: 'Schedule coverage', unit: 'ratio', format: 'pct1', ...common,
    numerator: 'paid lines a fee schedule row prices (payer, procedure, first modifier or any, date of service)', denominator: 'paid lines (not denied) of primary 835 records',
    exclusions: 'denied lines; reversals and secondary payers’ records',
    formula: '{expected_lines} / {paid_lines}',
  }),
];
