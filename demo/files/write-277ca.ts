// The payers' claim acknowledgments (277CA, 005010X214) for one 837 file, in one transaction set: per payer
// an information source (2000A) → the submitter (2000B, batch counts) → the billing provider (2000C,
// its counts) → one patient level (2000D) per claim with its status, TRN*2 = CLM01 and REF*1K.
import type { Claim, ClaimStatus277, IsoDate, Practice } from '../model.ts';
import { date8, find, interchange, money, setControlNumber, TransactionSet, time4, type FileControl } from './x12-writer.ts';

export const VERSION_277CA = '005010X214';
const ACCEPTED = new Set(['A1', 'A2']);

/** The statuses grouped by payer, in order of first appearance: one 2000A information source each. */
function byPayer(statuses: readonly ClaimStatus277[]): [string, ClaimStatus277[]][] {
  const groups = new Map<string, ClaimStatus277[]>();
  for (const s of statuses) groups.set(s.payerId, [...(groups.get(s.payerId) ?? []), s]);
  return [...groups];
}

/**
 * A 277CA file. The statuses carry no patient or dates of service, which NM1*QC and DTP*472 need:
 * `claimOf` looks the claim up, once per status, in their order.
 */
export function write277CA(
  practice: Practice, statuses: readonly ClaimStatus277[], control: FileControl, fileDate: IsoDate, acknowledgedBatchId: string, claimOf: (claimId: string) => Claim,
): string {
  if (statuses.length === 0) throw new Error('a 277CA needs at least one claim status');
  const st = new TransactionSet('277', setControlNumber(1), VERSION_277CA)
    .add('BHT', '0085', '08', `A${control.group}`, date8(fileDate), time4(control.time), 'TH');
  let hl = 0;
  for (const [payerId, list] of byPayer(statuses)) {
    const payer = find(practice.payers, (p) => p.id === payerId, `payer ${payerId}`);
    const accepted = list.filter((s) => ACCEPTED.has(s.category));
    const rejected = list.filter((s) => !ACCEPTED.has(s.category));
    const received = list.map((s) => s.submissionDate).sort()[0];
    const source = ++hl;
    st.add('HL', source, '', '20', 1)
      .add('NM1', 'PR', '2', payer.name, '', '', '', '', 'PI', payer.id)
      .add('TRN', '1', `${payer.id}${control.group}`)
      .add('DTP', '050', 'D8', date8(received))
      .add('DTP', '009', 'D8', date8(fileDate));
    const receiver = ++hl;
    st.add('HL', receiver, source, '21', 1)
      .add('NM1', '41', '2', practice.name, '', '', '', '', '46', practice.submitterId)
      .add('TRN', '2', acknowledgedBatchId)
      .add('STC', ['A1', '20'], date8(fileDate), 'WQ', money(sum(list)));
    addCounts(st, ['90', 'AA'], accepted, rejected);
    const provider = ++hl;
    st.add('HL', provider, receiver, '19', 1)
      .add('NM1', '85', '2', practice.name, '', '', '', '', 'XX', practice.billingNpi)
      .add('TRN', '1', acknowledgedBatchId);
    addCounts(st, ['QA', 'QC'], accepted, rejected);
    for (const status of list) {
      const claim = claimOf(status.claimId);
      const dates = claim.lines.map((l) => l.serviceDate).sort();
      st.add('HL', ++hl, provider, 'PT')
        .add('NM1', 'QC', '1', claim.patient.lastName, claim.patient.firstName, '', '', '', 'MI', claim.patient.memberId)
        .add('TRN', '2', status.claimId)
        .add('STC', [status.category, status.statusCode, status.entity], date8(status.date), ACCEPTED.has(status.category) ? 'WQ' : 'U', money(status.charge));
      if (status.payerClaimNumber) st.add('REF', '1K', status.payerClaimNumber);
      st.add('DTP', '472', 'RD8', `${date8(dates[0] ?? claim.serviceDate)}-${date8(dates[dates.length - 1] ?? claim.serviceDate)}`);
    }
  }
  return interchange(
    { sender: practice.receiverId, receiver: practice.submitterId, functionalId: 'HN', version: VERSION_277CA, date: fileDate, control },
    [st.close()],
  );
}

const sum = (list: ClaimStatus277[]) => list.reduce((s, x) => s + x.charge, 0);

/** QTY and AMT of accepted and rejected claims (2200B: 90/AA, 2200C: QA/QC; amounts YU/YY), sent only when not zero. */
function addCounts(st: TransactionSet, [acceptedQty, rejectedQty]: [string, string], accepted: ClaimStatus277[], rejected: ClaimStatus277[]): void {
  if (accepted.length > 0) st.add('QTY', acceptedQty, accepted.length);
  if (rejected.length > 0) st.add('QTY', rejectedQty, rejected.length);
  if (accepted.length > 0) st.add('AMT', 'YU', money(sum(accepted)));
  if (rejected.length > 0) st.add('AMT', 'YY', money(sum(rejected)));
}
