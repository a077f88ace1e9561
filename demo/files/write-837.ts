// The practice's claim files: an 837P (005010X222A1) with one transaction set per payer. The patient is
// always the subscriber (no 2000C loop), so each claim sits under its own subscriber HL.
import type { Claim, IsoDate, Practice, Submission } from '../model.ts';
import { date8, find, interchange, money, setControlNumber, TransactionSet, time4, type FileControl } from './x12-writer.ts';

export const VERSION_837P = '005010X222A1';
/** The model has no phone number for the billing office; a fictional 555-01xx one fills PER (required in 1000A). */
const BILLING_OFFICE_PHONE = '2175550100';
const MAX_DIAGNOSES = 12;
const MAX_POINTERS = 4;

/** The transaction sets of one 837 file: the submissions grouped by payer, in order of first appearance. */
export interface PayerSet {
  payerId: string;
  /** ST02, what a 999 AK202 acknowledges. */
  controlNumber: string;
  submissions: Submission[];
}

export function transactionSets837(submissions: readonly Submission[]): PayerSet[] {
  const byPayer = new Map<string, Submission[]>();
  for (const s of submissions) {
    const list = byPayer.get(s.payerId) ?? [];
    list.push(s);
    byPayer.set(s.payerId, list);
  }
  return [...byPayer].map(([payerId, list], i) => ({ payerId, controlNumber: setControlNumber(i + 1), submissions: list }));
}

/** BHT03 of every transaction set of a file: the batch a 277CA names in its TRN*2 (2200B). */
export function batchId837(group: number): string {
  return `B${group}`;
}

/** An 837P file; '' when there is nothing to send (a file must hold at least one transaction set). */
export function write837P(practice: Practice, submissions: readonly Submission[], control: FileControl & { fileDate: IsoDate }): string {
  const sets = transactionSets837(submissions);
  if (sets.length === 0) return '';
  return interchange(
    { sender: practice.submitterId, receiver: practice.receiverId, functionalId: 'HC', version: VERSION_837P, date: control.fileDate, control },
    sets.map((set) => transactionSet(practice, set, control)),
  );
}

function transactionSet(practice: Practice, set: PayerSet, control: FileControl & { fileDate: IsoDate }): string[] {
  const payer = find(practice.payers, (p) => p.id === set.payerId, `payer ${set.payerId}`);
  const st = new TransactionSet('837', set.controlNumber, VERSION_837P)
    .add('BHT', '0019', '00', batchId837(control.group), date8(control.fileDate), time4(control.time), 'CH')
    // 1000A submitter, 1000B receiver
    .add('NM1', '41', '2', practice.name, '', '', '', '', '46', practice.submitterId)
    .add('PER', 'IC', 'BILLING OFFICE', 'TE', BILLING_OFFICE_PHONE)
    .add('NM1', '40', '2', practice.receiverId, '', '', '', '', '46', practice.receiverId)
    // 2000A billing provider
    .add('HL', 1, '', '20', 1)
    .add('NM1', '85', '2', practice.name, '', '', '', '', 'XX', practice.billingNpi)
    .add('N3', practice.street)
    .add('N4', practice.city, practice.state, practice.zip)
    .add('REF', 'EI', practice.taxId);
  set.submissions.forEach((submission, i) => {
    const claim = submission.claim;
    const patient = claim.patient;
    // 2000B subscriber (= patient: HL04 0, no child level), 2010BA, 2010BB
    st.add('HL', i + 2, 1, '22', 0)
      .add('SBR', 'P', '18', '', '', '', '', '', '', payer.filingIndicator)
      .add('NM1', 'IL', '1', patient.lastName, patient.firstName, '', '', '', 'MI', patient.memberId)
      .add('N3', patient.street)
      .add('N4', patient.city, patient.state, patient.zip)
      .add('DMG', 'D8', date8(patient.birthDate), patient.sex)
      .add('NM1', 'PR', '2', payer.name, '', '', '', '', 'PI', payer.id);
    addClaim(st, practice, submission, claim);
  });
  return st.close();
}

function addClaim(st: TransactionSet, practice: Practice, submission: Submission, claim: Claim): void {
  checkClaim(claim);
  const location = find(practice.locations, (l) => l.id === claim.locationId, `location ${claim.locationId} of claim ${claim.id}`);
  const provider = find(practice.providers, (p) => p.npi === claim.renderingNpi, `rendering provider ${claim.renderingNpi} of claim ${claim.id}`);
  st.add('CLM', claim.id, money(claim.charge), '', '', [location.placeOfService, 'B', submission.frequency], 'Y', 'A', 'Y', 'Y');
  // TR3 order of the 2300 REFs: G1 (prior authorization) before F8 (payer claim control number).
  if (claim.priorAuthorization) st.add('REF', 'G1', claim.priorAuthorization);
  if (submission.frequency !== '1' && !submission.originalPayerClaimNumber) {
    throw new Error(`claim ${claim.id}: frequency ${submission.frequency} needs the payer claim number it replaces (REF*F8)`);
  }
  if (submission.originalPayerClaimNumber) st.add('REF', 'F8', submission.originalPayerClaimNumber);
  st.add('HI', ...claim.diagnoses.map((code, i) => [i === 0 ? 'ABK' : 'ABF', code]));
  // 2310B rendering provider, 2310C service facility
  st.add('NM1', '82', '1', provider.lastName, provider.firstName, '', '', '', 'XX', provider.npi)
    .add('PRV', 'PE', 'PXC', provider.taxonomy)
    .add('NM1', '77', '2', location.name, '', '', '', '', 'XX', location.npi)
    .add('N3', location.street)
    .add('N4', location.city, location.state, location.zip);
  for (const line of claim.lines) {
    st.add('LX', line.number)
      .add('SV1', ['HC', line.procedureCode, ...line.modifiers], money(line.charge), 'UN', line.units, '', '', line.diagnosisPointers)
      .add('DTP', '472', 'D8', date8(line.serviceDate))
      .add('REF', '6R', line.controlNumber);
  }
}

/** What the TR3 requires of a claim and the simulation could get wrong: better an error here than a file a payer would reject. */
function checkClaim(claim: Claim): void {
  const fail = (why: string) => {
    throw new Error(`claim ${claim.id}: ${why}`);
  };
  if (claim.diagnoses.length === 0 || claim.diagnoses.length > MAX_DIAGNOSES) fail(`has ${claim.diagnoses.length} diagnoses (1 to ${MAX_DIAGNOSES} fit an 837P)`);
  if (claim.lines.length === 0 || claim.lines.length > 50) fail(`has ${claim.lines.length} service lines (1 to 50 fit an 837P)`);
  const sum = claim.lines.reduce((s, l) => s + l.charge, 0);
  if (sum !== claim.charge) fail(`charge ${money(claim.charge)} is not the sum of its lines ${money(sum)}`);
  for (const line of claim.lines) {
    if (line.modifiers.length > 4) fail(`line ${line.number} has more than 4 modifiers`);
    const pointers = line.diagnosisPointers;
    if (pointers.length === 0 || pointers.length > MAX_POINTERS || pointers.some((p) => !Number.isInteger(p) || p < 1 || p > claim.diagnoses.length)) {
      fail(`line ${line.number} has diagnosis pointers [${pointers.join(', ')}]; 1 to ${MAX_POINTERS} pointers into its ${claim.diagnoses.length} diagnoses`);
    }
  }
}
