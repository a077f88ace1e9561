// A payer's remittance advice (835, 005010X221A1): the payment (BPR/TRN), payer and payee, one CLP loop
// per adjudication with its claim and line adjustments, and PLB for money that belongs to no claim.
import type { Adjudication, Adjustment, Claim, Payer, Practice, ProviderAdjustment, Remittance } from '../model.ts';
import { assertBalanced } from './balance-835.ts';
import { date8, find, interchange, money, setControlNumber, TransactionSet, type Element, type FileControl } from './x12-writer.ts';

export const VERSION_835 = '005010X221A1';

/** Fictional bank ids: the model has no bank accounts, and BPR06–BPR15 are required for ACH. */
const PAYER_BANK = { routing: '999999992', account: '123456789' };
const PRACTICE_BANK = { routing: '888888880', account: '987654321' };
/** The model has no payer address or phone; 1000A N3/N4 and PER*BL are required, so fictional ones stand in. */
const PAYER_ADDRESS = { street: 'PO BOX 9000', city: 'SPRINGFIELD', state: 'IL', zip: '627159000' };
const PAYER_PHONE = '8005550199';

/** CLP06 codes; the 837 SBR09 indicators for commercial plans (CI, BL) become 12 (PPO). */
const CLAIM_FILING = new Set(['12', '13', '14', '15', '16', '17', 'AM', 'CH', 'DS', 'HM', 'LM', 'MA', 'MB', 'MC', 'OF', 'TV', 'VA', 'WC', 'ZZ']);

const CAS_PER_SEGMENT = 6;
const PLB_PER_SEGMENT = 6;

/**
 * An 835 file. The adjudications carry no patient or place of service, which NM1*QC, CLP08 and DTM*232
 * need: `claimOf` looks the claim up, once per adjudication, in their order.
 */
export function write835(practice: Practice, remittance: Remittance, control: FileControl, claimOf: (claimId: string) => Claim): string {
  assertBalanced(remittance);
  const payer = find(practice.payers, (p) => p.id === remittance.payerId, `payer ${remittance.payerId}`);
  const originator = `1${payerTin(payer.id)}`;
  const st = new TransactionSet('835', setControlNumber(1))
    .add('BPR', ...payment(remittance, originator))
    .add('TRN', '1', remittance.traceNumber, originator)
    .add('DTM', '405', date8(remittance.date))
    // 1000A payer, 1000B payee
    .add('N1', 'PR', payer.name)
    .add('N3', PAYER_ADDRESS.street)
    .add('N4', PAYER_ADDRESS.city, PAYER_ADDRESS.state, PAYER_ADDRESS.zip)
    .add('REF', '2U', payer.id)
    .add('PER', 'BL', 'PROVIDER SERVICES', 'TE', PAYER_PHONE)
    .add('N1', 'PE', practice.name, 'XX', practice.billingNpi)
    .add('N3', practice.street)
    .add('N4', practice.city, practice.state, practice.zip)
    .add('REF', 'TJ', practice.taxId);
  if (remittance.adjudications.length > 0) st.add('LX', 1);
  for (const a of remittance.adjudications) addClaimPayment(st, practice, payer, a, claimOf(a.claimId));
  for (const plb of providerAdjustments(practice, remittance)) st.add('PLB', ...plb);
  return interchange(
    { sender: payer.id, receiver: practice.submitterId, functionalId: 'HP', version: VERSION_835, date: remittance.date, control },
    [st.close()],
  );
}

/** BPR01–BPR16: I with ACH or CHK; H with NON when nothing is paid; a negative total is a debit (BPR03 D). */
function payment(r: Remittance, originator: string): Element[] {
  const amount = money(Math.abs(r.total));
  const creditDebit = r.total < 0 ? 'D' : 'C';
  const date = date8(r.date);
  if (r.total === 0) return ['H', amount, creditDebit, 'NON', '', '', '', '', '', '', '', '', '', '', '', date];
  if (r.method === 'CHK') return ['I', amount, creditDebit, 'CHK', '', '', '', '', '', '', '', '', '', '', '', date];
  return ['I', amount, creditDebit, 'ACH', 'CCP', '01', PAYER_BANK.routing, 'DA', PAYER_BANK.account, originator, '', '01', PRACTICE_BANK.routing, 'DA', PRACTICE_BANK.account, date];
}

function addClaimPayment(st: TransactionSet, practice: Practice, payer: Payer, a: Adjudication, claim: Claim): void {
  const location = find(practice.locations, (l) => l.id === claim.locationId, `location ${claim.locationId} of claim ${claim.id}`);
  st.add('CLP', a.claimId, a.status, money(a.charge), money(a.paid), a.patientResponsibility === 0 ? '' : money(a.patientResponsibility),
    claimFiling(payer), a.payerClaimNumber, location.placeOfService, '1');
  for (const cas of adjustments(a.claimAdjustments)) st.add('CAS', ...cas);
  st.add('NM1', 'QC', '1', claim.patient.lastName, claim.patient.firstName, '', '', '', 'MI', claim.patient.memberId);
  if (a.forwardedTo) {
    const carrier = find(practice.payers, (p) => p.id === a.forwardedTo, `crossover payer ${a.forwardedTo} of claim ${a.claimId}`);
    st.add('NM1', 'TT', '2', carrier.name, '', '', '', '', 'PI', carrier.id);
  }
  st.add('DTM', '232', date8(claim.serviceDate));
  for (const line of a.lines) {
    st.add('SVC', ['HC', line.procedureCode, ...line.modifiers], money(line.charge), money(line.paid), '', line.units)
      .add('DTM', '472', date8(line.serviceDate));
    for (const cas of adjustments(line.adjustments)) st.add('CAS', ...cas);
    st.add('REF', '6R', line.controlNumber);
    if (line.allowed !== undefined) st.add('AMT', 'B6', money(line.allowed));
    for (const remark of line.remarks) st.add('LQ', 'HE', remark);
  }
}

function claimFiling(payer: Payer): string {
  if (CLAIM_FILING.has(payer.filingIndicator)) return payer.filingIndicator;
  return payer.filingIndicator === 'CI' || payer.filingIndicator === 'BL' ? '12' : 'ZZ';
}

/** One CAS per group (in order of first appearance), a further one per six reasons. */
function adjustments(list: readonly Adjustment[]): Element[][] {
  const groups = new Map<string, Adjustment[]>();
  for (const a of list) {
    // 5010 removed CR (RFI 1147): a reversal repeats the original groups with negated amounts.
    if (a.group === 'CR') throw new Error(`adjustment group CR (CARC ${a.carc}) is not valid in a 5010 835`);
    groups.set(a.group, [...(groups.get(a.group) ?? []), a]);
  }
  const out: Element[][] = [];
  for (const [group, items] of groups) {
    for (let i = 0; i < items.length; i += CAS_PER_SEGMENT) {
      // triplets: reason, amount, quantity (not sent)
      out.push([group, ...items.slice(i, i + CAS_PER_SEGMENT).flatMap((a) => [a.carc, money(a.amount), ''])]);
    }
  }
  return out;
}

/** PLB: the payee's NPI, the last day of the fiscal year (the remittance's calendar year), six reason/amount pairs each. */
function providerAdjustments(practice: Practice, r: Remittance): Element[][] {
  const fiscalYearEnd = `${r.date.slice(0, 4)}1231`;
  const out: Element[][] = [];
  const list: readonly ProviderAdjustment[] = r.providerAdjustments;
  for (let i = 0; i < list.length; i += PLB_PER_SEGMENT) {
    out.push([practice.billingNpi, fiscalYearEnd, ...list.slice(i, i + PLB_PER_SEGMENT).flatMap((p) => [[p.reason, p.reference], money(p.amount)])]);
  }
  return out;
}

/** The model has no payer tax id: a stable made-up one (its digits a hash of the payer id) for TRN03 and BPR10. */
function payerTin(payerId: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < payerId.length; i++) h = Math.imul(h ^ payerId.charCodeAt(i), 0x01000193) >>> 0;
  return `9${String(h % 100_000_000).padStart(8, '0')}`;
}
