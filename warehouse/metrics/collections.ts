// Money in: net and gross collection rates, and collections by kind (insurance payments, patient
// payments, refunds, PLB interest and recoupments) that tie to the remittances' cash (Σ BPR02).
import { between, dateLiteral, type Window } from './window.ts';
import { keyOf, payerFilter, type Breakdown, type Filters, type MetricDefinition } from './metric.ts';


/** Payments in the window: insurance (Σ CLP04, reversals netted) + patient payments − refunds, per payer when asked. */
function payments(w: Window, filters: Filters, by: Breakdown | undefined): string {
  return `SELECT ${keyOf(by, { payer: 'claim_payer_id', month: 'cash_month' })} AS key,
      sum(CASE kind WHEN 'insurance_paid' THEN amount WHEN 'patient_payment' THEN amount WHEN 'refund' THEN -amount ELSE 0 END) AS paid,
      sum(CASE kind WHEN 'contractual' THEN amount ELSE 0 END) AS contractual
    FROM mart_cash
    WHERE claim_id IS NOT NULL AND ${between('cash_date', w)}${payerFilter(filters, 'claim_payer_id')} GROUP BY 1`;
}

function charges(w: Window, filters: Filters, by: Breakdown | undefined): string {
  return `SELECT ${keyOf(by, { payer: 'payer_id', month: 'service_month' })} AS key, sum(charge) AS charges FROM mart_claim
    WHERE ${between('service_date', w)}${payerFilter(filters)} GROUP BY 1`;
}

export const COLLECTION_METRICS: MetricDefinition[] = [
  {
    id: 'net_collection_rate', label: 'Net collection rate', unit: 'ratio', valueKind: 'ratio', grain: 'money', dateBasis: 'payment and posting dates; charges by date of service', window: 'ttm',
    numerator: 'claim payments (Σ CLP04, reversals netted) + patient payments − refunds, dated in the window',
    denominator: 'charges with date of service in the window − contractual-category adjustments on remittances dated in the window',
    exclusions: 'PLB money (interest, recoupments: see collections); other adjustments (denials, bad debt) stay in the denominator', breakdowns: ['payer', 'month'],
    sql(w, by, filters) {
      return `SELECT coalesce(c.key, p.key) AS key, coalesce(p.paid, 0) AS numerator, coalesce(c.charges, 0) - coalesce(p.contractual, 0) AS denominator
        FROM (${charges(w, filters, by)}) c FULL JOIN (${payments(w, filters, by)}) p ON c.key IS NOT DISTINCT FROM p.key`;
    },
  },
  {
    id: 'gross_collection_rate', label: 'Gross collection rate', unit: 'ratio', valueKind: 'ratio', grain: 'money', dateBasis: 'payment and posting dates; charges by date of service', window: 'ttm',
    numerator: 'payments posted in the window (claim payments + patient payments − refunds)', denominator: 'charges with date of service in the window',
    exclusions: 'PLB money', breakdowns: ['payer', 'month'],
    sql(w, by, filters) {
      return `SELECT coalesce(c.key, p.key) AS key, coalesce(p.paid, 0) AS numerator, coalesce(c.charges, 0) AS denominator
        FROM (${charges(w, filters, by)}) c FULL JOIN (${payments(w, filters, by)}) p ON c.key IS NOT DISTINCT FROM p.key`;
    },
  },
  {
    id: 'collections', label: 'Collections', unit: 'dollars', valueKind: 'sum', grain: 'money', dateBasis: 'payment date (835 BPR16) and posting date', window: 'ttm',
    numerator: 'insurance payments (Σ CLP04) + PLB interest − PLB recoupments and other PLB (= Σ BPR02) + patient payments − refunds', denominator: '—',
    exclusions: 'contractual adjustments (not money)', breakdowns: ['kind', 'month', 'payer'], defaultBreakdown: 'kind',
    sql(w, by, filters) {
      // PLB amounts carry the payer's sign (negative adds to the payment): money in is their negation.
      const money = `CASE kind WHEN 'refund' THEN -amount WHEN 'plb_interest' THEN -amount WHEN 'plb_recoupment' THEN -amount WHEN 'plb_other' THEN -amount ELSE amount END`;
      const payer = payerFilter(filters);
      const key = keyOf(by, { kind: 'kind', month: 'cash_month', payer: "coalesce(payer_id, 'patient')" });
      return `SELECT ${key} AS key, sum(${money}) AS numerator, NULL AS denominator FROM mart_cash WHERE kind <> 'contractual' AND ${between('cash_date', w)}${payer} GROUP BY 1`;
    },
  },
];
