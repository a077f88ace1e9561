// A hand-made slice of the practice's life for the writers' tests, small enough to check by hand:
//   CLM-1001 (ACME) three lines with modifiers, paid with PR 1/2/3 and CO 45; the patient pays and is refunded
//   CLM-1002 (ACME) denied CO 197 (no authorization), replaced (frequency 7, REF*F8) with the authorization, paid
//   CLM-1003 (Medicare) rejected by the 999, resent, paid and crossed over (19, NM1*TT) to Medicaid, which pays (2, OA 23)
//   CLM-1004 (ACME) paid, reversed (22) and corrected
//   CLM-1005 (ACME) rejected by the 277CA (A7), written off
//   CLM-1006 self-pay: a charges export and two postings
// plus PLB interest (L6) and a recoupment (WO).
import type { Adjudication, Adjustment, Claim, ClaimStatus277, Patient, Posting, Practice, Remittance, ServiceLine, Submission } from '../model.ts';

export const PRACTICE: Practice = {
  name: 'TEST FAMILY CLINIC', billingNpi: '1234567893', taxId: '371234567',
  street: '1 MAIN ST', city: 'SPRINGFIELD', state: 'IL', zip: '627010001',
  submitterId: 'TESTCLINIC', receiverId: 'TESTCLEAR',
  providers: [{ npi: '1999999984', lastName: 'SMITH', firstName: 'JOHN', taxonomy: '207Q00000X', specialty: 'family' }],
  locations: [{ id: 'MAIN', name: 'TEST CLINIC MAIN', npi: '1588667638', street: '1 MAIN ST', city: 'SPRINGFIELD', state: 'IL', zip: '627010001', placeOfService: '11' }],
  payers: [
    { id: 'ACME1', name: 'ACME HEALTH PLAN', kind: 'commercial', filingIndicator: 'CI' },
    { id: 'MCRB1', name: 'MEDICARE PART B TEST', kind: 'medicare', filingIndicator: 'MB' },
    { id: 'MCDST', name: 'STATE MEDICAID TEST', kind: 'medicaid', filingIndicator: 'MC' },
  ],
};

export const payerName = (id: string): string => PRACTICE.payers.find((p) => p.id === id)?.name ?? 'SELF PAY';

const address = { street: '12 ELM ST', city: 'SPRINGFIELD', state: 'IL', zip: '62702' };
const DOE: Patient = { id: 'P1', memberId: 'ACM123456', lastName: 'DOE', firstName: 'JANE', birthDate: '1970-04-01', sex: 'F', ...address, payerId: 'ACME1' };
const ROE: Patient = { id: 'P2', memberId: '1EG4TE5MK72', lastName: 'ROE', firstName: 'RICHARD', birthDate: '1950-07-15', sex: 'M', ...address, payerId: 'MCRB1', secondaryPayerId: 'MCDST' };
const POE: Patient = { id: 'P3', memberId: 'NONE', lastName: 'POE', firstName: 'EDGAR', birthDate: '1985-01-19', sex: 'M', ...address, payerId: 'SELFPAY' };

type LineSpec = [procedureCode: string, modifiers: string[], units: number, charge: number, pointers: number[]];

function claim(id: string, patient: Patient, serviceDate: string, diagnoses: string[], lines: LineSpec[], priorAuthorization?: string): Claim {
  const serviceLines: ServiceLine[] = lines.map(([procedureCode, modifiers, units, charge, diagnosisPointers], i) => ({
    number: i + 1, procedureCode, modifiers, units, charge, diagnosisPointers, serviceDate, controlNumber: `${id}-${i + 1}`,
  }));
  return {
    id, patient, payerId: patient.payerId, renderingNpi: '1999999984', locationId: 'MAIN', diagnoses, lines: serviceLines,
    charge: serviceLines.reduce((s, l) => s + l.charge, 0), serviceDate, ...(priorAuthorization ? { priorAuthorization } : {}),
  };
}

export const C1 = claim('CLM-1001', DOE, '2024-02-20', ['E119', 'M1711', 'I10'], [
  ['99214', ['25'], 1, 21000, [1, 3]], ['20610', ['RT', '59'], 1, 22000, [2]], ['J3301', [], 4, 8000, [2]],
]);
export const C2 = claim('CLM-1002', DOE, '2024-02-21', ['M25561'], [['73721', ['RT'], 1, 140000, [1]]]);
/** The replacement of CLM-1002: the same claim, now with the authorization. */
export const C2_REPLACEMENT = claim('CLM-1002', DOE, '2024-02-21', ['M25561'], [['73721', ['RT'], 1, 140000, [1]]], 'AUTH-778');
export const C3 = claim('CLM-1003', ROE, '2024-02-22', ['E119', 'I10'], [['99213', [], 1, 14000, [1, 2]], ['36415', [], 1, 1500, [1]]]);
export const C4 = claim('CLM-1004', DOE, '2024-02-23', ['J069'], [['99213', [], 1, 14000, [1]]]);
export const C5 = claim('CLM-1005', DOE, '2024-02-26', ['R5383'], [['99212', [], 1, 9000, [1]]]);
export const C6 = { ...claim('CLM-1006', POE, '2024-02-27', ['Z0000'], [['99203', [], 1, 18000, [1]]]), payerId: 'SELFPAY' };

const CLAIMS = new Map([C1, C2, C3, C4, C5, C6].map((c) => [c.id, c]));
export const claimOf = (id: string): Claim => CLAIMS.get(id)!;

const submit = (c: Claim, date: string, isFirst = true, frequency: Submission['frequency'] = '1', originalPayerClaimNumber?: string): Submission => ({
  claimId: c.id, date, payerId: c.payerId, frequency, claim: c, isFirst, ...(originalPayerClaimNumber ? { originalPayerClaimNumber } : {}),
});

/** 837 #1: set 0001 ACME (C1, C2, C4, C5), set 0002 Medicare (C3, rejected by the 999). */
export const FILE1 = [submit(C1, '2024-03-01'), submit(C3, '2024-03-01'), submit(C2, '2024-03-01'), submit(C4, '2024-03-01'), submit(C5, '2024-03-01')];
/** 837 #2: C3 sent again. */
export const FILE2 = [submit(C3, '2024-03-05', false)];
/** 837 #3: C2 replaced after its denial. */
export const FILE3 = [submit(C2_REPLACEMENT, '2024-03-20', false, '7', 'AC24-0002')];

const status = (c: Claim, date: string, submissionDate: string, category: string, statusCode: string, payerClaimNumber?: string, entity?: string): ClaimStatus277 => ({
  claimId: c.id, date, submissionDate, payerId: c.payerId, category, statusCode, charge: c.charge,
  ...(payerClaimNumber ? { payerClaimNumber } : {}), ...(entity ? { entity } : {}),
});

export const STATUSES1 = [
  status(C1, '2024-03-03', '2024-03-01', 'A2', '20', 'AC24-0001'),
  status(C2, '2024-03-03', '2024-03-01', 'A2', '20', 'AC24-0002'),
  status(C4, '2024-03-03', '2024-03-01', 'A2', '20', 'AC24-0004'),
  status(C5, '2024-03-03', '2024-03-01', 'A7', '164', undefined, 'IL'),
];
export const STATUSES2 = [status(C3, '2024-03-07', '2024-03-05', 'A2', '20', 'MB24-0003')];
export const STATUSES3 = [status(C2_REPLACEMENT, '2024-03-22', '2024-03-20', 'A2', '20', 'AC24-0102')];

const adj = (group: Adjustment['group'], carc: string, amount: number): Adjustment => ({ group, carc, amount });

/** An adjudication of the claim's lines: per line [paid, adjustments, remarks]. */
function adjudicate(c: Claim, payerId: string, date: string, status: Adjudication['status'], payerClaimNumber: string, lines: [number, Adjustment[], string[]?][], extra: Partial<Adjudication> = {}): Adjudication {
  const adjudicated = lines.map(([paid, adjustments, remarks], i) => {
    const l = c.lines[i];
    return { line: l.number, procedureCode: l.procedureCode, modifiers: l.modifiers, units: l.units, charge: l.charge, paid, adjustments, remarks: remarks ?? [], controlNumber: l.controlNumber, serviceDate: l.serviceDate };
  });
  const all = adjudicated.flatMap((l) => l.adjustments);
  return {
    claimId: c.id, payerId, date, status, charge: c.charge, paid: adjudicated.reduce((s, l) => s + l.paid, 0),
    patientResponsibility: all.filter((a) => a.group === 'PR').reduce((s, a) => s + a.amount, 0),
    payerClaimNumber, claimAdjustments: [], lines: adjudicated, isReversal: false, ...extra,
  };
}

/** A reversal repeats the original with every amount negated (5010: same groups, no CR). */
function reversal(a: Adjudication, date: string): Adjudication {
  const negate = (list: Adjustment[]) => list.map((x) => ({ ...x, amount: -x.amount }));
  return {
    ...a, date, status: '22', isReversal: true, charge: -a.charge, paid: -a.paid, patientResponsibility: -a.patientResponsibility,
    claimAdjustments: negate(a.claimAdjustments), lines: a.lines.map((l) => ({ ...l, charge: -l.charge, paid: -l.paid, adjustments: negate(l.adjustments) })),
  };
}

// C1: allowed 12000 + 13000 + 4000; copay 30, deductible 50, coinsurance 16 + 8.
export const C1_PAID = adjudicate(C1, 'ACME1', '2024-03-15', '1', 'AC24-0001', [
  [9000, [adj('PR', '3', 3000), adj('CO', '45', 9000)]],
  [6400, [adj('PR', '1', 5000), adj('PR', '2', 1600), adj('CO', '45', 9000)]],
  [3200, [adj('PR', '2', 800), adj('CO', '45', 4000)]],
]);
export const C2_DENIED = adjudicate(C2, 'ACME1', '2024-03-15', '4', 'AC24-0002', [[0, [adj('CO', '197', 140000)], ['M62']]]);
export const C4_PAID = adjudicate(C4, 'ACME1', '2024-03-15', '1', 'AC24-0004', [[7000, [adj('CO', '45', 5880), adj('PR', '3', 1120)]]]);
export const C3_PRIMARY = adjudicate(C3, 'MCRB1', '2024-03-25', '19', 'MB24-0003', [
  [4704, [adj('CO', '45', 8120), adj('PR', '2', 1176)]],
  [630, [adj('CO', '45', 870)]],
], { forwardedTo: 'MCDST' });
/** Medicaid pays 10.00 of the 11.76 coinsurance at claim level; OA 23 is what Medicare paid and adjusted. */
export const C3_SECONDARY: Adjudication = {
  claimId: C3.id, payerId: 'MCDST', date: '2024-04-03', status: '2', charge: 15500, paid: 1000, patientResponsibility: 0, payerClaimNumber: 'MD24-0003',
  claimAdjustments: [adj('OA', '23', 14324), adj('CO', '45', 176)], lines: [], isReversal: false,
};
export const C2_PAID = adjudicate(C2_REPLACEMENT, 'ACME1', '2024-04-12', '1', 'AC24-0102', [[64960, [adj('CO', '45', 58800), adj('PR', '2', 16240)]]]);
export const C4_REVERSED = reversal(C4_PAID, '2024-04-12');
export const C4_CORRECTED = adjudicate(C4, 'ACME1', '2024-04-12', '1', 'AC24-0204', [[7600, [adj('CO', '45', 5280), adj('PR', '3', 1120)]]]);

export const REMIT_ACME_1: Remittance = {
  payerId: 'ACME1', date: '2024-03-15', method: 'ACH', traceNumber: 'ACH-0315', adjudications: [C1_PAID, C2_DENIED, C4_PAID],
  providerAdjustments: [{ payerId: 'ACME1', date: '2024-03-15', reason: 'L6', reference: 'AC24-0004', amount: -125 }],
  total: 18600 + 0 + 7000 + 125,
};
export const REMIT_MEDICARE: Remittance = { payerId: 'MCRB1', date: '2024-03-25', method: 'ACH', traceNumber: 'MCR-0325', adjudications: [C3_PRIMARY], providerAdjustments: [], total: 5334 };
export const REMIT_MEDICAID: Remittance = { payerId: 'MCDST', date: '2024-04-03', method: 'ACH', traceNumber: 'MCD-0403', adjudications: [C3_SECONDARY], providerAdjustments: [], total: 1000 };
export const REMIT_ACME_2: Remittance = {
  payerId: 'ACME1', date: '2024-04-12', method: 'CHK', traceNumber: 'CHK-40412', adjudications: [C2_PAID, C4_REVERSED, C4_CORRECTED],
  providerAdjustments: [{ payerId: 'ACME1', date: '2024-04-12', reason: 'WO', reference: 'OVP-2023-77', amount: 5000 }],
  total: 64960 - 7000 + 7600 - 5000,
};

const posting = (c: Claim, date: string, type: Posting['type'], amount: number, reasonCode: string, reference: string, portion: Posting['portion'] = 'patient'): Posting => ({
  claimId: c.id, date, type, amount, portion, reasonCode, reference,
});

export const POSTINGS: Posting[] = [
  posting(C1, '2024-02-20', 'patient_payment', 3000, 'COPAY', 'RCPT-1'),
  posting(C6, '2024-02-27', 'patient_payment', 10800, 'COPAY', 'RCPT-6'),
  posting(C6, '2024-02-27', 'write_off', 7200, 'SELF_PAY_DISCOUNT', ''),
  posting(C1, '2024-04-15', 'patient_payment', 7500, 'STATEMENT', 'RCPT-2, CARD'),
  posting(C4, '2024-04-16', 'patient_payment', 1120, 'STATEMENT', 'RCPT-3'),
  posting(C1, '2024-04-18', 'refund', 100, 'OVERPAYMENT', 'REFUND "A"'),
  posting(C2, '2024-04-20', 'write_off', 16240, 'BAD_DEBT', ''),
  posting(C5, '2024-04-20', 'write_off', 9000, 'TIMELY_FILING', '', 'insurance'),
];
