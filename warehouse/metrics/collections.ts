// Charges, and money in: net and gross collection rates, and collections by kind (insurance payments, patient
// payments, refunds, PLB interest and recoupments) that tie to the remittances' cash (Σ BPR02).
import type { MetricDefinition } from './metric.ts';
import { declareMetric } from './declare.ts';

export const COLLECTION_METRICS: MetricDefinition[] = [
  declareMetric({
    id: 'net_collection_rate', label: 'Net collection rate', unit: 'ratio', shortLabel: 'Net collection rate', format: 'pct1', section: 'The metrics', grain: 'money', dateBasis: 'payment and posting dates; charges by date of service', window: 'ttm',
    numerator: 'claim payments (Σ CLP04, reversals netted) + patient payments − refunds, dated in the window',
    denominator: 'charges with date of service in the window − contractual-category adjustments on remittances dated in the window',
    exclusions: 'PLB money (interest, recoupments: see collections); other adjustments (denials, bad debt) stay in the denominator',
    formula: '{payments} / ({charges} - {contractual_adjustments})',
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
    id: 'collections', label: 'Collections', unit: 'dollars', shortLabel: 'Collections', format: 'usd', section: 'The metrics', grain: 'money', dateBasis: 'payment date (835 BPR16) and posting date', window: 'ttm',
    numerator: 'insurance payments (Σ CLP04) + PLB interest − PLB recoupments and other PLB (= Σ BPR02) + patient payments − refunds', denominator: '—',
    exclusions: 'contractual adjustments (not money)', defaultBreakdown: 'kind',
    formula: '{collections}',
  }),
];
