// A practice small enough to work every metric out by hand: two payers (ACME commercial; MCR Medicare, which
// crosses over to ACME) and self-pay, eleven visits, each with one edge case of metrics.md and the README's
// rules. Built as the demo's model objects and written to real files by the demo's writers (837P per
// submission day with its 999 and 277CA, 835 per payer and payment date, postings and charges CSV per month,
// the charges export listing every visit), so that the metrics are pinned through files → ingest → models.
// Money is in cents. The hand arithmetic lives in tests/metrics-fixture.test.ts.
//
//   FX-REV      ACME   paid, then reversed (22, every amount negated) and corrected in one later 835
//   FX-APPEAL   ACME   MRI denied CO 197 (CLP02 4); the appeal: reversal + paid record in a later 835
//   FX-LINE     ACME   two lines, the second denied CO 97 (bundling) and written off
//   FX-DUP      ACME   a second charge entry of FX-REV's visit, denied CO 18 (CLP02 4), written off
//   FX-REJECT   MCR    first send rejected by the 999 (IK5 R for MCR's set), resent and accepted, paid
//   FX-XOVER    MCR    primary 19 with NM1*TT ACME, then ACME's secondary 2 with OA 23; the patient pays the rest
//   FX-PRONLY   ACME   nothing paid: CO 45 and PR 1 (deductible) only; the patient pays part, the rest is bad debt
//   FX-CREDIT   ACME   copay at the desk 40.00 > the final PR 3 of 20.00: a credit balance until the refund
//   FX-SELF     self   charges export, deposit, SELF_PAY_DISCOUNT write-off, the rest paid later
//   FX-277REJ   ACME   first send rejected by the 277CA (A7), resent and accepted, paid; PR still open
//   FX-UNBILLED ACME   only in the charges export: never sent
import type { Acknowledgment999, Adjudication, Adjustment, AdjustmentGroup, Claim, ClaimStatus277, IsoDate, Patient, Posting, Practice, Remittance, Submission } from '../../demo/model.ts';
import { SELF_PAY } from '../../demo/model.ts';
import { batchId837, transactionSets837, write837P } from '../../demo/files/write-837.ts';
import { write999 } from '../../demo/files/write-999.ts';
import { write277CA } from '../../demo/files/write-277ca.ts';
import { write835 } from '../../demo/files/write-835.ts';
import { writeChargesCsv, writePostingsCsv } from '../../demo/files/write-csv.ts';

export const PRACTICE: Practice = {
  name: 'FIXTURE FAMILY CLINIC', billingNpi: '1234567893', taxId: '371234567',
  street: '1 MAIN ST', city: 'SPRINGFIELD', state: 'IL', zip: '627010001',
  submitterId: 'FIXCLINIC', receiverId: 'FIXCLEAR',
  providers: [{ npi: '1999999984', lastName: 'SMITH', firstName: 'JOHN', taxonomy: '207Q00000X', specialty: 'family' }],
  locations: [{ id: 'MAIN', name: 'FIXTURE CLINIC MAIN', npi: '1588667638', street: '1 MAIN ST', city: 'SPRINGFIELD', state: 'IL', zip: '627010001', placeOfService: '11' }],
  payers: [
    { id: 'ACME', name: 'ACME HEALTH PLAN', kind: 'commercial', filingIndicator: 'CI' },
    { id: 'MCR', name: 'MEDICARE PART B FIXTURE', kind: 'medicare', filingIndicator: 'MB' },
  ],
};

export const payerName = (id: string): string => PRACTICE.payers.find((p) => p.id === id)?.name ?? 'SELF PAY';

const address = { street: '12 ELM ST', city: 'SPRINGFIELD', state: 'IL', zip: '62702' };
export const patient = (id: string, lastName: string, payerId: string, secondaryPayerId?: string): Patient => ({
  id, memberId: `M${id}`, lastName, firstName: 'PAT', birthDate: '1955-05-05', sex: 'F', ...address, payerId, ...(secondaryPayerId ? { secondaryPayerId } : {}),
});
const DOE = patient('P1', 'DOE', 'ACME');
const ROE = patient('P2', 'ROE', 'MCR', 'ACME');
const MOE = patient('P3', 'MOE', 'MCR');
const POE = patient('P4', 'POE', SELF_PAY);

export function claim(id: string, who: Patient, serviceDate: IsoDate, lines: [procedureCode: string, charge: number][]): Claim {
  const serviceLines = lines.map(([procedureCode, charge], i) => ({
    number: i + 1, procedureCode, modifiers: [], units: 1, charge, diagnosisPointers: [1], serviceDate, controlNumber: `${id}-${i + 1}`,
  }));
  return {
    id, patient: who, payerId: who.payerId, renderingNpi: '1999999984', locationId: 'MAIN', diagnoses: ['I10'], lines: serviceLines,
    charge: serviceLines.reduce((s, l) => s + l.charge, 0), serviceDate,
  };
}

export const REV = claim('FX-REV', DOE, '2024-01-08', [['99213', 15000]]);
export const APPEAL = claim('FX-APPEAL', DOE, '2024-01-15', [['73721', 120000]]);
export const LINE = claim('FX-LINE', DOE, '2024-01-22', [['99214', 20000], ['96372', 5000]]);
/** The same visit as FX-REV entered a second time under a new claim number. */
export const DUP = claim('FX-DUP', DOE, '2024-01-08', [['99213', 15000]]);
export const REJECT = claim('FX-REJECT', MOE, '2024-02-05', [['99214', 20000]]);
export const XOVER = claim('FX-XOVER', ROE, '2024-02-12', [['99214', 20000]]);
export const PRONLY = claim('FX-PRONLY', DOE, '2024-03-04', [['99203', 18000]]);
export const CREDIT = claim('FX-CREDIT', DOE, '2024-03-06', [['99213', 15000]]);
export const SELF = claim('FX-SELF', POE, '2024-03-18', [['99203', 18000]]);
export const REJ277 = claim('FX-277REJ', DOE, '2024-04-01', [['99213', 15000]]);
export const UNBILLED = claim('FX-UNBILLED', DOE, '2024-06-03', [['99214', 20000]]);

export const CLAIMS: readonly Claim[] = [REV, APPEAL, LINE, DUP, REJECT, XOVER, PRONLY, CREDIT, SELF, REJ277, UNBILLED];

// ---- the front end: one 837 per submission day (one set per payer), its 999 the next day, and the 277CA
// statuses of the claims that passed the 999, also the next day ----

export interface SubmissionDay {
  date: IsoDate;
  /** [claim, first send?, 999 disposition of its payer's set, 277CA category (none when the 999 rejected)] */
  sends: [Claim, boolean, 'A' | 'E' | 'R', string | undefined][];
}

const nextDay = (d: IsoDate): IsoDate => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export const SUBMISSION_DAYS: readonly SubmissionDay[] = [
  { date: '2024-01-09', sends: [[REV, true, 'A', 'A2']] },
  { date: '2024-01-18', sends: [[APPEAL, true, 'E', 'A2']] }, // accepted with errors: still accepted
  { date: '2024-01-23', sends: [[LINE, true, 'A', 'A2']] },
  // set 0001 is MCR's (rejected), set 0002 ACME's (accepted): the 999 rejects a set, not the file
  { date: '2024-02-06', sends: [[REJECT, true, 'R', undefined], [DUP, true, 'A', 'A2']] },
  { date: '2024-02-09', sends: [[REJECT, false, 'A', 'A2']] },
  { date: '2024-02-13', sends: [[XOVER, true, 'A', 'A2']] },
  { date: '2024-03-05', sends: [[PRONLY, true, 'A', 'A2']] },
  { date: '2024-03-07', sends: [[CREDIT, true, 'A', 'A2']] },
  { date: '2024-04-02', sends: [[REJ277, true, 'A', 'A7']] }, // the payer rejects it (A7, subscriber)
  { date: '2024-04-05', sends: [[REJ277, false, 'A', 'A2']] },
];

// ---- adjudications ----

type Cas = [AdjustmentGroup, string, number];
const cas = (list: Cas[]): Adjustment[] => list.map(([group, carc, amount]) => ({ group, carc, amount }));

/** One 835 claim record: per line [paid, CAS, remarks]; optional claim-level CAS (a record without lines). */
export function adjudicate(c: Claim, payerId: string, date: IsoDate, status: Adjudication['status'], payerClaimNumber: string, lines: [number, Cas[], string[]?][], extra: { claimCas?: Cas[]; forwardedTo?: string } = {}): Adjudication {
  const adjudicated = lines.map(([paid, list, remarks], i) => {
    const l = c.lines[i];
    return { line: l.number, procedureCode: l.procedureCode, modifiers: l.modifiers, units: l.units, charge: l.charge, paid, adjustments: cas(list), remarks: remarks ?? [], controlNumber: l.controlNumber, serviceDate: l.serviceDate };
  });
  const claimAdjustments = cas(extra.claimCas ?? []);
  const all = [...claimAdjustments, ...adjudicated.flatMap((l) => l.adjustments)];
  const paid = adjudicated.length > 0 ? adjudicated.reduce((s, l) => s + l.paid, 0) : c.charge - all.reduce((s, a) => s + a.amount, 0);
  return {
    claimId: c.id, payerId, date, status, charge: c.charge, paid,
    patientResponsibility: all.filter((a) => a.group === 'PR').reduce((s, a) => s + a.amount, 0),
    payerClaimNumber, claimAdjustments, lines: adjudicated, isReversal: false, ...(extra.forwardedTo ? { forwardedTo: extra.forwardedTo } : {}),
  };
}

/** A reversal repeats the original with every amount negated (5010: the same groups, no CR). */
export function reversal(a: Adjudication, date: IsoDate): Adjudication {
  const negate = (list: Adjustment[]) => list.map((x) => ({ ...x, amount: -x.amount }));
  return {
    ...a, date, status: '22', isReversal: true, charge: -a.charge, paid: -a.paid, patientResponsibility: -a.patientResponsibility,
    claimAdjustments: negate(a.claimAdjustments), lines: a.lines.map((l) => ({ ...l, charge: -l.charge, paid: -l.paid, adjustments: negate(l.adjustments) })),
  };
}

const REV_ORIGINAL = adjudicate(REV, 'ACME', '2024-02-05', '1', 'AC-01', [[9000, [['CO', '45', 4000], ['PR', '3', 2000]]]]);
const REV_CORRECTED = adjudicate(REV, 'ACME', '2024-04-10', '1', 'AC-01', [[10000, [['CO', '45', 3000], ['PR', '3', 2000]]]]);
const APPEAL_DENIED = adjudicate(APPEAL, 'ACME', '2024-02-12', '4', 'AC-02', [[0, [['CO', '197', 120000]], ['N54']]]);
const APPEAL_PAID = adjudicate(APPEAL, 'ACME', '2024-05-06', '1', 'AC-02', [[50000, [['CO', '45', 60000], ['PR', '2', 10000]]]]);
const LINE_PAID = adjudicate(LINE, 'ACME', '2024-02-12', '1', 'AC-03', [
  [12000, [['CO', '45', 6000], ['PR', '2', 2000]]],
  [0, [['CO', '97', 5000]], ['M15']],
]);
const DUP_DENIED = adjudicate(DUP, 'ACME', '2024-03-25', '4', 'AC-04', [[0, [['CO', '18', 15000]], ['N522']]]);
const REJECT_PAID = adjudicate(REJECT, 'MCR', '2024-03-04', '1', 'MB-05', [[12000, [['CO', '45', 6000], ['PR', '2', 2000]]]]);
const XOVER_PRIMARY = adjudicate(XOVER, 'MCR', '2024-03-04', '19', 'MB-06', [[8000, [['CO', '45', 10000], ['PR', '2', 2000]]]], { forwardedTo: 'ACME' });
/** ACME as secondary: OA 23 is what Medicare paid and adjusted (8000 + 10000); it pays 15.00 of the 20.00 coinsurance; PR 2 5.00 restates what is left. */
const XOVER_SECONDARY = adjudicate(XOVER, 'ACME', '2024-04-08', '2', 'AC-06', [], { claimCas: [['OA', '23', 18000], ['PR', '2', 500]] });
const PRONLY_DEDUCTIBLE = adjudicate(PRONLY, 'ACME', '2024-03-25', '1', 'AC-07', [[0, [['CO', '45', 6000], ['PR', '1', 12000]]]]);
const CREDIT_PAID = adjudicate(CREDIT, 'ACME', '2024-03-25', '1', 'AC-08', [[10000, [['CO', '45', 3000], ['PR', '3', 2000]]]]);
const REJ277_PAID = adjudicate(REJ277, 'ACME', '2024-05-06', '1', 'AC-10', [[10000, [['CO', '45', 3000], ['PR', '3', 2000]]]]);

export function remittance(payerId: string, date: IsoDate, adjudications: Adjudication[], providerAdjustments: Remittance['providerAdjustments'] = []): Remittance {
  const total = adjudications.reduce((s, a) => s + a.paid, 0) - providerAdjustments.reduce((s, p) => s + p.amount, 0);
  return { payerId, date, method: 'ACH', traceNumber: `${payerId}${date.replace(/-/g, '')}`, adjudications, providerAdjustments, total };
}

/** One 835 per payer and payment date, as the demo groups them. */
export const REMITTANCES: readonly Remittance[] = [
  remittance('ACME', '2024-02-05', [REV_ORIGINAL]), // BPR02 90.00
  remittance('ACME', '2024-02-12', [APPEAL_DENIED, LINE_PAID]), // 120.00
  // Medicare recovers an old overpayment (WO 5.00) from this payment: 120.00 + 80.00 − 5.00 = 195.00
  remittance('MCR', '2024-03-04', [REJECT_PAID, XOVER_PRIMARY], [{ payerId: 'MCR', date: '2024-03-04', reason: 'WO', reference: 'OVP-2023-01', amount: 500 }]),
  remittance('ACME', '2024-03-25', [DUP_DENIED, PRONLY_DEDUCTIBLE, CREDIT_PAID]), // 100.00
  remittance('ACME', '2024-04-08', [XOVER_SECONDARY]), // 15.00
  // payer reprocessing: the reversal and the corrected record in one 835, plus interest (L6 −1.50): −90 + 100 + 1.50 = 11.50
  remittance('ACME', '2024-04-10', [reversal(REV_ORIGINAL, '2024-04-10'), REV_CORRECTED], [{ payerId: 'ACME', date: '2024-04-10', reason: 'L6', reference: 'AC-01', amount: -150 }]),
  // the appeal won: the denial reversed and the claim paid; and FX-277REJ paid: 500.00 + 100.00 = 600.00
  remittance('ACME', '2024-05-06', [reversal(APPEAL_DENIED, '2024-05-06'), APPEAL_PAID, REJ277_PAID]),
];

// ---- practice-management postings ----

export const posting = (c: Claim, date: IsoDate, type: Posting['type'], amount: number, reasonCode: string, portion: Posting['portion'] = 'patient'): Posting => ({
  claimId: c.id, date, type, amount, portion, reasonCode, reference: `${c.id}-${date}-${reasonCode}`,
});

export const POSTINGS: readonly Posting[] = [
  posting(REV, '2024-02-20', 'patient_payment', 2000, 'STATEMENT'),
  posting(CREDIT, '2024-03-06', 'patient_payment', 4000, 'COPAY'),
  posting(LINE, '2024-03-10', 'patient_payment', 2000, 'STATEMENT'),
  posting(SELF, '2024-03-18', 'write_off', 7200, 'SELF_PAY_DISCOUNT'),
  posting(SELF, '2024-03-18', 'patient_payment', 5000, 'DEPOSIT'),
  posting(DUP, '2024-04-05', 'write_off', 15000, 'DUPLICATE', 'insurance'),
  posting(REJECT, '2024-04-15', 'patient_payment', 2000, 'STATEMENT'),
  posting(CREDIT, '2024-04-18', 'refund', 2000, 'OVERPAYMENT'),
  posting(PRONLY, '2024-04-22', 'patient_payment', 5000, 'STATEMENT'),
  posting(SELF, '2024-04-25', 'patient_payment', 5800, 'STATEMENT'),
  posting(LINE, '2024-04-30', 'write_off', 5000, 'DENIAL', 'insurance'),
  posting(XOVER, '2024-05-20', 'patient_payment', 500, 'STATEMENT'),
  posting(APPEAL, '2024-05-30', 'patient_payment', 10000, 'STATEMENT'),
  posting(PRONLY, '2024-06-25', 'write_off', 7000, 'BAD_DEBT'),
];

// ---- the files ----

const byMonth = <T>(items: readonly T[], dateOf: (item: T) => IsoDate): [string, T[]][] => {
  const months = new Map<string, T[]>();
  for (const item of items) months.set(dateOf(item).slice(0, 7), [...(months.get(dateOf(item).slice(0, 7)) ?? []), item]);
  return [...months].sort(([a], [b]) => (a < b ? -1 : 1));
};

/** Every file of the practice, [name, content], named so that they sort in the order they would arrive. */
export function fixtureFiles(): [string, string][] {
  return practiceFiles({ claims: CLAIMS, submissionDays: SUBMISSION_DAYS, remittances: REMITTANCES, postings: POSTINGS });
}

/** A practice's life (its claims, submission days, remittances, postings) as the files it would receive. */
export function practiceFiles(life: { claims: readonly Claim[]; submissionDays: readonly SubmissionDay[]; remittances: readonly Remittance[]; postings: readonly Posting[] }): [string, string][] {
  const { claims, submissionDays, remittances, postings } = life;
  const claimOf = (id: string): Claim => claims.find((c) => c.id === id)!;
  const files: [string, string, IsoDate][] = [];
  let control = 0;
  for (const day of submissionDays) {
    const submissions: Submission[] = day.sends.map(([c, isFirst]) => ({ claimId: c.id, date: day.date, payerId: c.payerId, frequency: '1', claim: c, isFirst }));
    const group837 = ++control;
    files.push([`claims-${day.date}.837`, write837P(PRACTICE, submissions, { interchange: group837, group: group837, fileDate: day.date }), day.date]);
    const ackDate = nextDay(day.date);
    const acknowledgments: Acknowledgment999[] = day.sends.map(([c, , status]) => ({ claimId: c.id, date: ackDate, submissionDate: day.date, payerId: c.payerId, status }));
    const statusOf = new Map(acknowledgments.map((a) => [a.payerId, a.status]));
    const sets = transactionSets837(submissions).map((s) => ({ controlNumber: s.controlNumber, status: statusOf.get(s.payerId)! }));
    const ack = ++control;
    files.push([`ack-${ackDate}.999`, write999(PRACTICE, { group: group837, sets }, { interchange: ack, group: ack }, ackDate), ackDate]);
    const statuses: ClaimStatus277[] = day.sends.filter(([, , , category]) => category !== undefined).map(([c, , , category]) => ({
      claimId: c.id, date: ackDate, submissionDate: day.date, payerId: c.payerId, category: category!, charge: c.charge,
      ...(category === 'A7' ? { statusCode: '164', entity: 'IL' } : { statusCode: '20', payerClaimNumber: `${c.payerId}-${c.id}` }),
    }));
    if (statuses.length > 0) {
      const n = ++control;
      files.push([`status-${ackDate}.277`, write277CA(PRACTICE, statuses, { interchange: n, group: n }, ackDate, batchId837(group837), claimOf), ackDate]);
    }
  }
  for (const r of remittances) {
    const n = ++control;
    files.push([`era-${r.date}-${r.payerId}.835`, write835(PRACTICE, r, { interchange: n, group: n }, claimOf), r.date]);
  }
  // the monthly exports arrive after the month: their sort key is past every day of it
  for (const [month, rows] of byMonth(postings, (p) => p.date)) {
    const sorted = [...rows].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    files.push([`postings-${month}.csv`, writePostingsCsv(sorted, payerName, (id) => claimOf(id).payerId), `${month}-31`]);
  }
  // every visit, billed or not; the payer column carries the payer id, or SELF PAY
  for (const [month, rows] of byMonth(claims, (c) => c.serviceDate)) {
    files.push([`charges-${month}.csv`, writeChargesCsv(rows, (id) => (id === SELF_PAY ? 'SELF PAY' : id)), `${month}-31`]);
  }
  return files.sort((a, b) => (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0)).map(([name, text]) => [name, text]);
}
