// Charges, net revenue and adjustments by class, and money in: net and gross collection rates, and collections
// by kind (insurance payments, patient payments, refunds, PLB interest and recoupments) that tie to the
// remittances' cash (Σ BPR02).
import type { MetricDefinition } from './metric.ts';
import { declareMetric } from './declare.ts';

export const COLLECTION_METRICS: MetricDefinition[] = [
  declareMetric({
    id: 'net_collection_rate', label: 'Net collection rate', unit: 'ratio', shortLabel: 'Net collection rate', format: 'pct1', section: 'The metrics', grain: 'money', dateBasis: 'payment and posting dates; charges by date of service', window: 'ttm',
    numerator: 'claim payments (Σ CLP04, reversals netted) + patient payments − refunds, dated in the window',
    denominator: 'net revenue of the window: charges with date of service in the window − contractual, policy and duplicate adjustments dated in the window (MGMA adjusted fee-for-service charges)',
    exclusions: 'PLB money (interest, recoupments: see collections); denial write-offs, bad debt and unclassified write-offs stay in the denominator (losses)',
    formula: '{payments} / ({charges} - {contractual_adjustments} - {policy_adjustments} - {duplicate_adjustments})',
  }),
  declareMetric({
    id: 'gross_collection_rate', label: 'Gross collection rate', unit: 'ratio', shortLabel: 'Gross collection rate', format: 'pct1', section: 'The metrics', grain: 'money', dateBasis: 'payment and posting dates; charges by date of service', window: 'ttm',
    numerator: 'payments posted in the window (claim payments + patient payments − refunds)', denominator: 'charges with date of service in the window',
    exclusions: 'PLB money',
    formula: '{payments} / {charges}',
  }),
  declareMetric({
    id: 'charges', label: 'Charges (date of service in the window)', shortLabel: 'Charges', format: 'usd', section: 'The metrics', unit: 'dollars', grain: 'claim', dateBasis: 'date of service', window: 'ttm',
    numerator: 'gross charges of the claims with a date of service in the window (the collection rates’ and the final denial rate’s charges)', denominator: '—',
    exclusions: '—',
    formula: '{charges}',
  }),
  declareMetric({
    id: 'net_revenue', label: 'Net revenue (adjusted charges)', shortLabel: 'Net revenue', format: 'usd', section: 'Adjustment classes; The metrics', unit: 'dollars', grain: 'money', dateBasis: 'charges by date of service; adjustments by their own date (835 payment date, posting date)', window: 'ttm',
    numerator: 'gross charges with date of service in the window − contractual, policy and duplicate adjustments dated in the window (MGMA adjusted fee-for-service charges): the net collection rate’s and the final denial rate’s denominator', denominator: '—',
    exclusions: 'denial, bad-debt and unclassified write-offs (losses: they stay in net revenue)',
    formula: '{charges} - {contractual_adjustments} - {policy_adjustments} - {duplicate_adjustments}',
  }),
  declareMetric({
    id: 'adjustments', label: 'Adjustments and write-offs by class', shortLabel: 'Adjustments by class', format: 'usd', section: 'Adjustment classes', unit: 'dollars', grain: 'money', dateBasis: 'the adjustment’s date (835 payment date, posting date)', window: 'ttm',
    numerator: 'every reduction of a balance that is not a payment, dated in the window, in its class: contractual (payer adjustments outside a denial category, manual contractual adjustments), policy, duplicate, denial (net of later recoveries), bad debt, unclassified (a write-off whose reason is in no table)', denominator: '—',
    exclusions: 'payments; denied dollars still open (they stay in A/R until written off)', defaultBreakdown: 'adjustment_class',
    formula: '{adjustments}',
  }),
  declareMetric({
    id: 'collections', label: 'Collections', unit: 'dollars', shortLabel: 'Collections', format: 'usd', section: 'The metrics', grain: 'money', dateBasis: 'payment date (835 BPR16) and posting date', window: 'ttm',
    numerator: 'insurance payments (Σ CLP04) + PLB interest − PLB recoupments and other PLB (= Σ BPR02) + patient payments − refunds', denominator: '—',
    exclusions: 'contractual adjustments (not money)', defaultBreakdown: 'kind',
    formula: '{collections}',
  }),
];
