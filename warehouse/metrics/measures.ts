// The semantic models (one per mart the compiled metrics read) and their measures. A measure is named
// once and used by every metric whose formula names it.
import { dateLiteral, sqlString } from '../sql.ts';
import { PATIENT_PAYER_NAME, payerNameOf, providerNameOf } from './metric.ts';
import type { Measure, SemanticModel } from './semantic.ts';
import { overturnedBy, resolvedDenied } from './denial-outcomes.ts';
import { reasonsBy } from './rejected-at.ts';

const claimAttributes = { payer: { sql: 'payer_id' }, payer_name: { sql: payerNameOf('payer_id') }, provider: { sql: 'rendering_npi' }, provider_name: { sql: providerNameOf('rendering_npi') }, location: { sql: 'location' }, practice: { sql: 'billing_npi' } };

/** mart_claim: one row per claim; its denial lists (categories, CARCs, the CPT/HCPCS codes of the denied lines) are those of its first adjudication. */
export const claimModel: SemanticModel = {
  id: 'claim', from: 'mart_claim', payer: 'payer_id',
  dimensions: { ...claimAttributes, denial_category: { sql: 'first_denial_categories', list: 'denied' }, carc: { sql: 'first_denial_carcs', list: 'denied' }, cpt: { sql: 'first_denial_cpts', list: 'denied' } },
};

/** mart_claim for the denial outcomes: its denial lists are those of its first denial (the first adjudication that denied a line). */
export const deniedClaimModel: SemanticModel = {
  id: 'denied_claim', from: 'mart_claim', payer: 'payer_id',
  dimensions: { ...claimAttributes, denial_category: { sql: 'first_denial_record_categories', list: 'denied' }, carc: { sql: 'first_denial_record_carcs', list: 'denied' }, cpt: { sql: 'first_denial_record_cpts', list: 'denied' } },
};

/** mart_first_adjudication_line: one row per service line of a claim's first adjudication. */
export const lineModel: SemanticModel = {
  id: 'line', from: 'mart_first_adjudication_line', payer: 'payer_id',
  dimensions: {
    ...claimAttributes, cpt: { sql: 'procedure_code' }, diagnosis: { sql: 'diagnosis_code' },
    modifier: { sql: "CASE WHEN modifiers = '' THEN ['(none)'] ELSE string_split(modifiers, ' ') END", list: 'every' },
    denial_category: { sql: 'denial_categories', list: 'denied' }, carc: { sql: 'denial_carcs', list: 'denied' },
  },
};

/** mart_adjustment: one classed reduction of a balance (payer adjustment, write-off, a denial write-off's later recovery), with the claim's attributes and its first adjudication's denials. */
export const adjustmentModel: SemanticModel = {
  id: 'adjustment', from: 'mart_adjustment', payer: 'payer_id',
  dimensions: {
    ...claimAttributes, adjustment_class: { sql: 'adjustment_class' },
    denial_category: { sql: 'denial_categories', list: 'denied' }, carc: { sql: 'denial_carcs', list: 'denied' }, cpt: { sql: 'denial_cpts', list: 'denied' },
  },
};

/** mart_expected_payment: one service line of a primary 835 record, judged against its payer's fee schedule; the payer is the one that adjudicated it. */
export const expectedPaymentModel: SemanticModel = {
  id: 'expected_payment', from: 'mart_expected_payment', payer: 'payer_id',
  dimensions: { ...claimAttributes, cpt: { sql: 'procedure_code' } },
};

/** mart_cash as money on claims: the payer is the claim's. */
export const claimCashModel: SemanticModel = {
  id: 'claim_cash', from: 'mart_cash', payer: 'claim_payer_id',
  dimensions: { payer: { sql: 'claim_payer_id' }, payer_name: { sql: payerNameOf('claim_payer_id') }, practice: { sql: 'billing_npi' } },
};

/** mart_cash as money in: a payer's remittance money, or the patient's; PLB money's practice is the remittance's payee. */
export const cashModel: SemanticModel = {
  id: 'cash', from: 'mart_cash', payer: 'payer_id',
  dimensions: {
    payer: { sql: "coalesce(payer_id, 'patient')" }, payer_name: { sql: `CASE WHEN payer_id IS NULL THEN ${sqlString(PATIENT_PAYER_NAME)} ELSE ${payerNameOf('payer_id')} END` },
    kind: { sql: 'kind' }, practice: { sql: 'billing_npi' },
  },
};

/**
 * mart_rejection: one row per submission of a claim that bills it (first and later; voids apart), with the front end's word on it; the payer is
 * the one it was sent to. Its reasons are those given by the as-of date (rejected-at.ts, reasonsBy); rejection_reason_name is each reason code
 * with our own words for it ('277CA A7:33:IL: information not valid'), for a reader's table.
 */
export const rejectionModel: SemanticModel = {
  id: 'rejection', from: 'mart_rejection', payer: 'payer_id',
  dimensions: {
    ...claimAttributes,
    rejection_reason: { sql: (w) => reasonsBy(w.asOf), list: 'denied' }, rejection_reason_name: { sql: (w) => reasonsBy(w.asOf, 'name'), list: 'denied' },
  },
};

const firstAdjudication = { date: 'first_adjudicated_date' } as const;
const notDuplicate = 'NOT first_denied_as_duplicate';
// denied claims resolved since their first denial, a first denial as a duplicate (CARC 18) apart (denial-outcomes.ts: the claim list drills by them)
const deniedResolved = { model: deniedClaimModel, date: 'denial_resolved_date', where: resolvedDenied(), denied: true } as const;
const overturned = (w: { to: string }) => overturnedBy(w);
const lineFirst = { model: lineModel, date: 'adjudication_date', month: 'adjudication_month', where: 'NOT claim_denied_as_duplicate' } as const;
const adjusted = { model: adjustmentModel, aggregate: 'sum', expr: 'amount', date: 'event_date', month: 'event_month' } as const;
const ofClass = (adjustmentClass: string) => `adjustment_class = ${sqlString(adjustmentClass)}`;
const cashIn = { model: claimCashModel, date: 'cash_date', month: 'cash_month', where: 'claim_id IS NOT NULL' } as const;
const acknowledgedSend = { model: rejectionModel, date: 'submitted_date', month: 'submitted_month', where: (w: { asOf: string }) => `first_acknowledged_date <= ${dateLiteral(w.asOf)}` } as const;
const rejectedBy = (w: { asOf: string }) => `rejected_date <= ${dateLiteral(w.asOf)}`;
// a line reversed by the as-of date is judged on the record that replaces it
const standingLine = { model: expectedPaymentModel, date: 'adjudication_date', month: 'adjudication_month', where: (w: { asOf: string }) => `(reversed_date IS NULL OR reversed_date > ${dateLiteral(w.asOf)})` } as const;
const expected = "status IN ('underpaid', 'overpaid', 'as_expected')";

export const MEASURES: readonly Measure[] = [
  // claims at their first adjudication, duplicate denials (CARC 18) apart
  { id: 'adjudicated_claims', model: claimModel, aggregate: 'count', ...firstAdjudication, where: notDuplicate },
  { id: 'adjudicated_claim_charges', model: claimModel, aggregate: 'sum', expr: 'charge', ...firstAdjudication, where: notDuplicate },
  { id: 'denied_claims', model: claimModel, aggregate: 'count', filter: 'first_denied', ...firstAdjudication, where: notDuplicate, denied: true },
  { id: 'denied_claim_charges', model: claimModel, aggregate: 'sum', expr: 'charge', filter: 'first_denied', ...firstAdjudication, where: notDuplicate, denied: true },
  // claims at their first adjudication, duplicates included
  { id: 'all_adjudicated_claims', model: claimModel, aggregate: 'count', ...firstAdjudication },
  { id: 'all_adjudicated_claim_charges', model: claimModel, aggregate: 'sum', expr: 'charge', ...firstAdjudication },
  { id: 'duplicate_claims', model: claimModel, aggregate: 'count', filter: 'first_denied_as_duplicate', ...firstAdjudication },
  { id: 'duplicate_claim_charges', model: claimModel, aggregate: 'sum', expr: 'charge', filter: 'first_denied_as_duplicate', ...firstAdjudication },
  { id: 'first_pass_claims', model: claimModel, aggregate: 'count', filter: 'NOT first_denied AND (first_paid > 0 OR first_patient_responsibility > 0)', ...firstAdjudication },
  // lines at their claim's first adjudication
  { id: 'adjudicated_lines', aggregate: 'count', ...lineFirst },
  { id: 'adjudicated_line_charges', aggregate: 'sum', expr: 'charge', ...lineFirst },
  { id: 'denied_lines', aggregate: 'count', filter: 'is_denied', ...lineFirst, denied: true },
  { id: 'denied_line_charges', aggregate: 'sum', expr: 'charge', filter: 'is_denied', ...lineFirst, denied: true },
  // denied claims resolved (balance at zero or less on or after the first denial) in the window
  { id: 'resolved_denied_claims', aggregate: 'count', ...deniedResolved },
  { id: 'resolved_denied_claim_charges', aggregate: 'sum', expr: 'charge', ...deniedResolved },
  { id: 'overturned_claims', aggregate: 'count', filter: overturned, ...deniedResolved },
  { id: 'overturned_claim_charges', aggregate: 'sum', expr: 'charge', filter: overturned, ...deniedResolved },
  // first submissions acknowledged by the as-of date
  {
    id: 'acknowledged_submissions', model: claimModel, aggregate: 'count', date: 'first_submitted_date',
    where: (w) => `first_acknowledged_date <= ${dateLiteral(w.asOf)}`,
  },
  {
    id: 'accepted_submissions', model: claimModel, aggregate: 'count', date: 'first_submitted_date',
    where: (w) => `first_acknowledged_date <= ${dateLiteral(w.asOf)}`, filter: (w) => `first_rejected_date IS NULL OR first_rejected_date > ${dateLiteral(w.asOf)}`,
  },
  // charges by date of service; write-offs on denied claims by posting date
  { id: 'charges', model: claimModel, aggregate: 'sum', expr: 'charge', date: 'service_date', month: 'service_month' },
  // reductions of balances by adjustment class (metrics.md, "Adjustment classes"), by their own date; the
  // denial class nets later recoveries (mart_adjustment); net revenue subtracts the classes never revenue
  { id: 'adjustments', ...adjusted },
  { id: 'contractual_adjustments', ...adjusted, filter: ofClass('contractual') },
  { id: 'policy_adjustments', ...adjusted, filter: ofClass('policy') },
  { id: 'duplicate_adjustments', ...adjusted, filter: ofClass('duplicate') },
  { id: 'denial_write_offs', ...adjusted, filter: ofClass('denial'), denied: true },
  { id: 'bad_debt_write_offs', ...adjusted, filter: ofClass('bad_debt') },
  { id: 'unclassified_write_offs', ...adjusted, filter: ofClass('unclassified') },
  // money on claims: payments (insurance, reversals netted, + patient − refunds)
  { id: 'payments', aggregate: 'sum', expr: "CASE kind WHEN 'insurance_paid' THEN amount WHEN 'patient_payment' THEN amount WHEN 'refund' THEN -amount ELSE 0 END", ...cashIn },
  // money in; PLB amounts carry the payer's sign (negative adds to the payment): money in is their negation
  {
    id: 'collections', model: cashModel, aggregate: 'sum', date: 'cash_date', month: 'cash_month', where: "kind <> 'contractual'",
    expr: "CASE kind WHEN 'refund' THEN -amount WHEN 'plb_interest' THEN -amount WHEN 'plb_recoupment' THEN -amount WHEN 'plb_other' THEN -amount ELSE amount END",
  },
  // front-end rejections: every submission acknowledged by the as-of date, and those an acknowledgment rejected by
  // then (split by rejection reason, a submission once under each of its reasons)
  { id: 'acknowledged_sends', ...acknowledgedSend, aggregate: 'count' },
  { id: 'acknowledged_send_charges', ...acknowledgedSend, aggregate: 'sum', expr: 'charge' },
  { id: 'rejected_sends', ...acknowledgedSend, aggregate: 'count', filter: rejectedBy, denied: true },
  { id: 'rejected_send_charges', ...acknowledgedSend, aggregate: 'sum', expr: 'charge', filter: rejectedBy, denied: true },
  // expected payment: paid (not denied) lines of primary records standing at the as-of date, by adjudication date
  { id: 'paid_lines', ...standingLine, aggregate: 'count', filter: "status <> 'denied'" },
  { id: 'expected_lines', ...standingLine, aggregate: 'count', filter: expected },
  { id: 'expected_allowed', ...standingLine, aggregate: 'sum', expr: 'expected_allowed', filter: expected },
  { id: 'underpaid_lines', ...standingLine, aggregate: 'count', filter: "status = 'underpaid'" },
  { id: 'underpaid_dollars', ...standingLine, aggregate: 'sum', expr: 'underpaid_amount', filter: "status = 'underpaid'" },
];

const BY_ID = new Map(MEASURES.map((m) => [m.id, m]));

export function measure(id: string): Measure {
  const m = BY_ID.get(id);
  if (!m) throw new Error(`no measure ${id}`);
  return m;
}
