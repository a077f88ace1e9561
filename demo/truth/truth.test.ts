// The ground truth on a practice small enough to compute by hand: two payers (ACME commercial, MCR Medicare
// crossing over to ACME), nine claims, two as-of dates. Every expected number is worked out in the comments
// from the events below, not from the truth's own helpers.
import { describe, expect, it } from 'vitest';
import type { Adjudication, AdjustmentGroup, Claim, ClaimHistory, IsoDate, PlantedPattern, Posting, Practice } from '../model.ts';
import { checkInvariants, loadCrosswalk, TruthBuilder, type Truth } from './index.ts';
import { classify, parseCrosswalk } from './crosswalk.ts';
import { Histogram } from './quantile.ts';
import { roundHalfAwayDiv } from './ratio.ts';

const practice: Practice = {
  name: 'TINY PRACTICE', billingNpi: '1234567893', taxId: '371234567', street: '1 MAIN ST', city: 'SPRINGFIELD', state: 'IL', zip: '62701',
  submitterId: 'TINY', receiverId: 'CLEARHOUSE', providers: [], locations: [],
  payers: [
    { id: 'ACME', name: 'ACME HEALTH', kind: 'commercial', filingIndicator: 'CI' },
    { id: 'MCR', name: 'MEDICARE DEMO', kind: 'medicare', filingIndicator: 'MB' },
  ],
};

const crosswalk = loadCrosswalk();
const D1 = '2024-03-31';
const D2 = '2024-06-30';

// ---- fixture builders (construction only; no metric logic) ----

function claimOf(id: string, payerId: string, serviceDate: IsoDate, lines: [string, number][]): Claim {
  return {
    id, payerId, serviceDate, renderingNpi: '1234567893', locationId: 'MAIN', diagnoses: ['I10'],
    patient: { id: `P${id}`, memberId: `M${id}`, lastName: 'DOE', firstName: 'JO', birthDate: '1950-01-01', sex: 'F', street: '', city: '', state: 'IL', zip: '', payerId },
    lines: lines.map(([procedureCode, charge], i) => ({ number: i + 1, procedureCode, modifiers: [], units: 1, charge, diagnosisPointers: [1], serviceDate, controlNumber: `${id}-${i + 1}` })),
    charge: lines.reduce((s, [, c]) => s + c, 0),
  };
}

type Cas = [AdjustmentGroup, string, number];

interface AdjOptions {
  payerId?: string;
  claimCas?: Cas[];
  reversal?: boolean;
  forwardedTo?: string;
}

function adj(claim: Claim, date: IsoDate, status: Adjudication['status'], lines: { line: number; paid: number; cas: Cas[] }[], o: AdjOptions = {}): Adjudication {
  const sign = o.reversal ? -1 : 1;
  const cas = (list: Cas[]) => list.map(([group, carc, amount]) => ({ group, carc, amount }));
  const allCas = [...(o.claimCas ?? []), ...lines.flatMap((l) => l.cas)];
  return {
    claimId: claim.id, payerId: o.payerId ?? claim.payerId, date, status,
    charge: sign * claim.charge,
    paid: lines.reduce((s, l) => s + l.paid, 0),
    patientResponsibility: allCas.filter(([g]) => g === 'PR').reduce((s, [, , a]) => s + a, 0),
    payerClaimNumber: `PCN${claim.id}`, claimAdjustments: cas(o.claimCas ?? []), isReversal: o.reversal ?? false, forwardedTo: o.forwardedTo,
    lines: lines.map((l) => {
      const sl = claim.lines[l.line - 1];
      return { line: l.line, procedureCode: sl.procedureCode, modifiers: [], units: 1, charge: sign * sl.charge, paid: l.paid, adjustments: cas(l.cas), remarks: [], controlNumber: sl.controlNumber, serviceDate: sl.serviceDate };
    }),
  };
}

function post(claim: Claim, date: IsoDate, type: Posting['type'], amount: number, portion: Posting['portion'], reasonCode: string): Posting {
  return { claimId: claim.id, date, type, amount, portion, reasonCode, reference: `${claim.id}-${date}` };
}

function history(claim: Claim, parts: { subs?: [IsoDate, boolean][]; acks?: [IsoDate, IsoDate, 'A' | 'E' | 'R'][]; s277?: [IsoDate, IsoDate, string][]; adjs?: Adjudication[]; posts?: Posting[]; appeals?: IsoDate[]; patterns?: string[] }): ClaimHistory {
  return {
    claim,
    submissions: (parts.subs ?? []).map(([date, isFirst]) => ({ claimId: claim.id, date, payerId: claim.payerId, frequency: '1', claim, isFirst })),
    acknowledgments999: (parts.acks ?? []).map(([date, submissionDate, status]) => ({ claimId: claim.id, date, submissionDate, payerId: claim.payerId, status })),
    statuses277: (parts.s277 ?? []).map(([date, submissionDate, category]) => ({ claimId: claim.id, date, submissionDate, payerId: claim.payerId, category, statusCode: '20', charge: claim.charge })),
    adjudications: parts.adjs ?? [],
    postings: parts.posts ?? [],
    appeals: (parts.appeals ?? []).map((date) => ({ claimId: claim.id, date, level: 1, outcome: 'pending', outcomeDate: null })),
    patterns: parts.patterns ?? [],
  };
}

// ---- the practice's claims ----

// C1 ACME, clean: paid 4800, CO 45 4000, PR 2 1200. Patient overpays (1500), refunded 300 after D1.
// balance: 01-10 10000 → 02-01 1200 (patient 1200) → 02-20 −300 (credit; resolved) → 04-10 0.
const c1 = claimOf('C1', 'ACME', '2024-01-10', [['99213', 10000]]);
const h1 = history(c1, {
  subs: [['2024-01-12', true]], acks: [['2024-01-13', '2024-01-12', 'A']], s277: [['2024-01-14', '2024-01-12', 'A1']],
  adjs: [adj(c1, '2024-02-01', '1', [{ line: 1, paid: 4800, cas: [['CO', '45', 4000], ['PR', '2', 1200]] }])],
  posts: [post(c1, '2024-02-20', 'patient_payment', 1500, 'patient', 'STATEMENT'), post(c1, '2024-04-10', 'refund', 300, 'patient', 'OVERPAYMENT')],
});

// C2 ACME MRI, denied CO 197 (authorization, status 4), then reversed and re-adjudicated: paid 60000, CO 45 60000,
// PR 2 20000; the patient pays 20000. balance: 140000 until 04-08 → 20000 → 05-01 0 (resolved, overturned 04-08).
// The appeal log names an appeal of 01-30 (before the denial: of nothing), then 02-25 and 03-10: first appeal 02-25.
const c2 = claimOf('C2', 'ACME', '2024-01-15', [['73721', 140000]]);
const c2Denied = adj(c2, '2024-02-05', '4', [{ line: 1, paid: 0, cas: [['CO', '197', 140000]] }]);
const h2 = history(c2, {
  subs: [['2024-01-16', true]], acks: [['2024-01-17', '2024-01-16', 'A']],
  adjs: [
    c2Denied,
    adj(c2, '2024-04-08', '22', [{ line: 1, paid: 0, cas: [['CO', '197', -140000]] }], { reversal: true }),
    adj(c2, '2024-04-08', '1', [{ line: 1, paid: 60000, cas: [['CO', '45', 60000], ['PR', '2', 20000]] }]),
  ],
  posts: [post(c2, '2024-05-01', 'patient_payment', 20000, 'patient', 'STATEMENT')],
  appeals: ['2024-03-10', '2024-01-30', '2024-02-25'],
  patterns: ['mri-no-auth'],
});

// C3 MCR, line 2 (ECG) denied CO 50 (medical necessity), line 1 paid 6000, CO 45 11000, PR 2 3000. The denied
// 8000 is written off (DENIAL) on 05-15, the patient pays 3000 on 06-10. balance: 28000 → 03-01 11000
// (patient 3000, insurance 8000) → 05-15 3000 → 06-10 0 (resolved, not overturned).
const c3 = claimOf('C3', 'MCR', '2024-02-05', [['99214', 20000], ['93000', 8000]]);
const h3 = history(c3, {
  subs: [['2024-02-06', true]], acks: [['2024-02-07', '2024-02-06', 'E']], s277: [['2024-02-08', '2024-02-06', 'A1']],
  adjs: [adj(c3, '2024-03-01', '1', [
    { line: 1, paid: 6000, cas: [['CO', '45', 11000], ['PR', '2', 3000]] },
    { line: 2, paid: 0, cas: [['CO', '50', 8000]] },
  ])],
  posts: [post(c3, '2024-05-15', 'write_off', 8000, 'insurance', 'DENIAL'), post(c3, '2024-06-10', 'patient_payment', 3000, 'patient', 'STATEMENT')],
  patterns: ['ecg-medical-necessity'],
});

// C4 MCR, first adjudication a duplicate denial (claim-level CO 18, no line detail), later paid 8000, CO 45 6000.
// No acknowledgment of its submission. balance: 14000 → 04-15 0 (resolved, overturned 04-15).
const c4 = claimOf('C4', 'MCR', '2024-02-10', [['99213', 14000]]);
const h4 = history(c4, {
  subs: [['2024-02-12', true]],
  adjs: [
    adj(c4, '2024-03-04', '4', [], { claimCas: [['CO', '18', 14000]] }),
    adj(c4, '2024-04-15', '1', [{ line: 1, paid: 8000, cas: [['CO', '45', 6000]] }]),
  ],
});

// C5 MCR → ACME crossover: primary status 19 paid 4000, CO 45 11000, PR 1 5000; secondary status 2 paid 3000,
// OA 23 15000, PR 1 2000 (what is left). balance: 20000 → 03-25 5000 (patient 5000) → 04-20 2000 (patient 2000):
// OA 23 reduces nothing, the secondary's 3000 comes out of the patient portion, its PR 2000 adds nothing.
const c5 = claimOf('C5', 'MCR', '2024-03-05', [['99214', 20000]]);
const h5 = history(c5, {
  subs: [['2024-03-06', true]], acks: [['2024-03-07', '2024-03-06', 'A']], s277: [['2024-03-08', '2024-03-06', 'A1']],
  adjs: [
    adj(c5, '2024-03-25', '19', [{ line: 1, paid: 4000, cas: [['CO', '45', 11000], ['PR', '1', 5000]] }], { forwardedTo: 'ACME' }),
    adj(c5, '2024-04-20', '2', [{ line: 1, paid: 3000, cas: [['OA', '23', 15000], ['PR', '1', 2000]] }], { payerId: 'ACME' }),
  ],
});

// C6 self-pay: 40 % discount written off (5600) and 5000 paid at the visit, 3400 paid 04-25.
// balance (all patient): 03-20 14000 − 5600 − 5000 = 3400 → 04-25 0.
const c6 = claimOf('C6', 'SELFPAY', '2024-03-20', [['99213', 14000]]);
const h6 = history(c6, {
  posts: [
    post(c6, '2024-03-20', 'write_off', 5600, 'patient', 'SELF_PAY_DISCOUNT'),
    post(c6, '2024-03-20', 'patient_payment', 5000, 'patient', 'COPAY'),
    post(c6, '2024-04-25', 'patient_payment', 3400, 'patient', 'STATEMENT'),
  ],
});

// C7 ACME: first send rejected by the 999 (R), resent 03-14 and accepted; paid 8000, CO 45 7000, PR 3 3000.
// balance: 18000 (unadjudicated at D1) → 04-09 3000 → 04-30 0.
const c7 = claimOf('C7', 'ACME', '2024-03-11', [['99203', 18000]]);
const h7 = history(c7, {
  subs: [['2024-03-12', true], ['2024-03-14', false]],
  acks: [['2024-03-13', '2024-03-12', 'R'], ['2024-03-15', '2024-03-14', 'A']], s277: [['2024-03-16', '2024-03-14', 'A1']],
  adjs: [adj(c7, '2024-04-09', '1', [{ line: 1, paid: 8000, cas: [['CO', '45', 7000], ['PR', '3', 3000]] }])],
  posts: [post(c7, '2024-04-30', 'patient_payment', 3000, 'patient', 'STATEMENT')],
});

// C8 MCR: 999 accepted, 277CA A7 rejected, resent 06-10 and accepted; not adjudicated by D2 (9000 insurance).
const c8 = claimOf('C8', 'MCR', '2024-06-03', [['99212', 9000]]);
const h8 = history(c8, {
  subs: [['2024-06-04', true], ['2024-06-10', false]],
  acks: [['2024-06-05', '2024-06-04', 'A'], ['2024-06-11', '2024-06-10', 'A']],
  s277: [['2024-06-06', '2024-06-04', 'A7'], ['2024-06-12', '2024-06-10', 'A1']],
});

// C9 ACME, an old claim: paid 3000, CO 45 1500, PR 2 500 never collected (500 patient at both dates, 181+ days).
const c9 = claimOf('C9', 'ACME', '2023-09-01', [['99212', 5000]]);
const h9 = history(c9, {
  subs: [['2023-09-05', true]], acks: [['2023-09-06', '2023-09-05', 'A']],
  adjs: [adj(c9, '2023-10-02', '1', [{ line: 1, paid: 3000, cas: [['CO', '45', 1500], ['PR', '2', 500]] }])],
});

const patterns: PlantedPattern[] = [
  { name: 'mri-no-auth', description: 'MRI without authorization', payerId: 'ACME', procedureCodes: ['73721'], carc: '197', category: 'authorization' },
  { name: 'ecg-medical-necessity', description: 'ECG without a supporting diagnosis', procedureCodes: ['93000'], carc: '50', category: 'medical_necessity' },
  { name: 'never-seen', description: 'planted but no claim carries it', procedureCodes: ['99215'], carc: '16', category: 'coding' },
];

function build(histories: ClaimHistory[], asOf = [D2, D1]): Truth {
  const builder = new TruthBuilder(practice, { asOf, crosswalk, patterns });
  for (const h of histories) builder.addClaim(h);
  builder.addProviderAdjustment({ payerId: 'ACME', date: '2024-04-09', reason: 'L6', reference: 'INT1', amount: -150 });
  builder.addProviderAdjustment({ payerId: 'MCR', date: '2024-05-06', reason: 'WO', reference: 'REC1', amount: 500 });
  return builder.build();
}

const all = [h1, h2, h3, h4, h5, h6, h7, h8, h9];
const truth = build(all);
const [atD1, atD2] = truth.asOf;

describe('truth: the frame', () => {
  it('sorts the as-of dates and states the windows and the crosswalk', () => {
    expect(truth.asOfDates).toEqual([D1, D2]);
    expect(truth.windows[0]).toEqual({
      asOf: D1,
      month: { from: '2024-03-01', to: D1 }, quarter: { from: '2024-01-01', to: D1 }, ttm: { from: '2023-04-01', to: D1 },
    });
    expect(truth.windows[1].ttm).toEqual({ from: '2023-07-01', to: D2 });
    expect(truth.crosswalk.sha256).toMatch(/^[0-9a-f]{64}$/);
    // the practice's payers in order, then SELFPAY (seen on C6)
    expect(truth.payers).toEqual(['ACME', 'MCR', 'SELFPAY']);
    expect(truth.population).toEqual({ claims: 9, selfPayClaims: 1, lines: 10, charges: 258000, providerAdjustments: 2 });
  });

  it('is deterministic JSON', () => {
    expect(JSON.stringify(build(all))).toBe(JSON.stringify(truth));
    expect(JSON.parse(JSON.stringify(truth))).toEqual(truth);
  });

  it('holds its invariants', () => {
    expect(checkInvariants(truth)).toEqual([]);
  });
});

describe('truth: billed and unbilled A/R, and A/R by owner', () => {
  // C10 ACME, DOS 03-25, never sent; a 2000 copay taken at the desk: total 10000, insurance 12000, patient −2000.
  const c10 = claimOf('C10', 'ACME', '2024-03-25', [['99213', 12000]]);
  const h10 = history(c10, { posts: [post(c10, '2024-03-25', 'patient_payment', 2000, 'patient', 'COPAY')] });
  const [at] = build([h6, h7, h10], [D1]).asOf;

  it('bills a claim once sent or answered, a self-pay visit at the visit; ages the unbilled by DOS', () => {
    // open at 03-31: C7 18000 (ACME, sent 03-12), C6 3400 (self-pay), C10 10000 (never sent, 6 days old)
    expect([at.ar.total, at.ar.billed, at.ar.unbilled.amount, at.ar.unbilled.claims]).toEqual([31400, { amount: 21400, claims: 2 }, 10000, 1]);
    expect(at.ar.unbilled.buckets['0-30']).toEqual({ amount: 10000, claims: 1 });
    // charges with 2024-01-01 < DOS ≤ 03-31: 18000 + 14000 + 12000 = 44000; billed 21400 × 90 / 44000 = 43.7727
    // → 43.77; total 31400 × 90 / 44000 = 64.2273 → 64.23
    expect([at.daysInAr.numerator, at.daysInAr.denominator, at.daysInAr.value]).toEqual([21400, 44000, 43.77]);
    expect(at.daysInTotalAr.value).toBe(64.23);
  });

  it('gives each payer its insurance portions and "patient" the patient portions, billed or not', () => {
    // ACME: C7 18000 + C10 12000 = 30000, billed 18000; patient: C6 3400 + C10 −2000 = 1400, billed 3400
    expect([at.ar.byOwner.ACME.total, at.ar.byOwner.ACME.billed, at.ar.byOwner.patient.total, at.ar.byOwner.patient.billed]).toEqual([30000, 18000, 1400, 3400]);
    expect(at.ar.byOwner.ACME.agingByServiceDate['0-30']).toBe(30000);
    expect(at.ar.byOwner.patient.agingBySubmissionDate).toMatchObject({ '0-30': 0, unsubmitted: 1400 });
    // days by payer: ACME 18000 × 90 / its charges 30000 = 54; patient 3400 × 90 / all charges 44000 = 6.9545 → 6.95;
    // MCR has neither A/R nor charges: no number
    expect([at.daysInArByPayer.ACME.value, at.daysInArByPayer.patient.value, at.daysInArByPayer.MCR.value]).toEqual([54, 6.95, null]);
  });
});

describe('truth: A/R snapshots', () => {
  it('A/R at D1 with the insurance / patient split', () => {
    // balances at 03-31: C2 140000 (ins), C3 11000 (ins 8000, pat 3000), C4 14000 (ins), C5 5000 (pat),
    // C6 3400 (pat, self-pay), C7 18000 (ins), C9 500 (pat); C1 is −300: a credit balance, not A/R.
    // A/R = 140000 + 11000 + 14000 + 5000 + 3400 + 18000 + 500 = 191900 over 7 claims.
    // patient = 3000 + 5000 + 3400 + 500 = 11900; insurance = 191900 − 11900 = 180000:
    // ACME 140000 + 18000 = 158000, MCR 8000 + 14000 = 22000, SELFPAY 0.
    const ar = atD1.ar;
    expect([ar.total, ar.claims, ar.insurance, ar.patient]).toEqual([191900, 7, 180000, 11900]);
    expect(ar.byPayer).toEqual({ ACME: 158000, MCR: 22000, SELFPAY: 0, patient: 11900 });
    expect(ar.creditBalances).toEqual({ amount: 300, claims: 1 });
  });

  it('aging at D1 by DOS and by first submission', () => {
    // age = 03-31 − DOS: C2 76 (61-90), C3 55, C4 50 (31-60), C5 26, C6 11, C7 20 (0-30), C9 212 (181+)
    const byDos = atD1.ar.agingByServiceDate;
    expect(byDos.buckets).toEqual({
      '0-30': { amount: 5000 + 3400 + 18000, claims: 3 },
      '31-60': { amount: 11000 + 14000, claims: 2 },
      '61-90': { amount: 140000, claims: 1 },
      '91-120': { amount: 0, claims: 0 },
      '121-180': { amount: 0, claims: 0 },
      '181+': { amount: 500, claims: 1 },
    });
    // % > 90 = % > 120 = 500 / 191900 = 0.0026055… → 0.002606
    expect(byDos.over90).toEqual({ numerator: 500, denominator: 191900, value: 0.002606 });
    expect(byDos.over120).toEqual({ numerator: 500, denominator: 191900, value: 0.002606 });
    // age = 03-31 − first submission: C2 75, C3 54, C4 48, C5 25, C7 19 (its first, rejected send), C9 208;
    // C6 (self-pay) was never submitted
    expect(atD1.ar.agingBySubmissionDate.buckets).toEqual({
      '0-30': { amount: 5000 + 18000, claims: 2 },
      '31-60': { amount: 25000, claims: 2 },
      '61-90': { amount: 140000, claims: 1 },
      '91-120': { amount: 0, claims: 0 },
      '121-180': { amount: 0, claims: 0 },
      '181+': { amount: 500, claims: 1 },
      unsubmitted: { amount: 3400, claims: 1 },
    });
  });

  it('A/R and aging at D2', () => {
    // balances at 06-30: C5 2000 (pat), C8 9000 (ins MCR), C9 500 (pat); everything else is 0, no credits.
    const ar = atD2.ar;
    expect([ar.total, ar.claims, ar.insurance, ar.patient]).toEqual([11500, 3, 9000, 2500]);
    expect(ar.byPayer).toEqual({ ACME: 0, MCR: 9000, SELFPAY: 0, patient: 2500 });
    expect(ar.creditBalances).toEqual({ amount: 0, claims: 0 });
    // age: C8 27 (0-30), C5 117 (91-120), C9 303 (181+)
    expect(ar.agingByServiceDate.buckets['0-30']).toEqual({ amount: 9000, claims: 1 });
    expect(ar.agingByServiceDate.buckets['91-120']).toEqual({ amount: 2000, claims: 1 });
    expect(ar.agingByServiceDate.buckets['181+']).toEqual({ amount: 500, claims: 1 });
    // > 90: 2500 / 11500 = 0.217391; > 120: 500 / 11500 = 0.043478
    expect(ar.agingByServiceDate.over90.value).toBe(0.217391);
    expect(ar.agingByServiceDate.over120.value).toBe(0.043478);
    // by first submission: C8 26 (0-30), C5 116 (91-120), C9 299 (181+)
    expect(ar.agingBySubmissionDate.buckets['91-120']).toEqual({ amount: 2000, claims: 1 });
    expect(ar.agingBySubmissionDate.buckets.unsubmitted).toEqual({ amount: 0, claims: 0 });
  });

  it('days in A/R, gross and net', () => {
    // D1: charges with 2024-01-01 < DOS ≤ 03-31: 10000 + 140000 + 28000 + 14000 + 20000 + 14000 + 18000 = 244000
    // (C9 is older); days = 191900 / (244000 / 90) = 70.7828 → 70.78
    expect(atD1.daysInAr).toEqual({ numerator: 191900, denominator: 244000, days: 90, value: 70.78 });
    // D2: only C8 (9000) in (04-01, 06-30]; 11500 × 90 / 9000 = 115
    expect(atD2.daysInAr.value).toBe(115);

    // Net at D1. r_ACME = contractual (C1 4000 + C9 1500) / first-adjudicated charges (C1 10000 + C2 140000 + C9 5000)
    // = 5500 / 155000; r_MCR = (C3 11000 + C5 11000) / (C3 28000 + C4 14000 + C5 20000) = 22000 / 62000.
    // A/R claims not adjudicated by D1: C7 (ACME 18000 → 18000 × 5500/155000 = 638.71 → 639) and C6 (self-pay, r 0).
    // numerator = 191900 − 639 = 191261.
    // denominator, charge × (1 − r) per claim: C1 9645.16 → 9645, C2 135032.26 → 135032, C7 17361.29 → 17361,
    // C3 28000 × 40000/62000 = 18064.52 → 18065, C4 9032.26 → 9032, C5 12903.23 → 12903, C6 14000
    // = 216038; days = 191261 × 90 / 216038 = 79.678 → 79.68
    const net1 = atD1.daysInArNet;
    expect([net1.numerator, net1.denominator, net1.expectedContractuals, net1.value]).toEqual([191261, 216038, 639, 79.68]);
    expect(net1.contractualRatios.ACME).toEqual({ numerator: 5500, denominator: 155000, value: 0.035484 });
    expect(net1.contractualRatios.MCR).toEqual({ numerator: 22000, denominator: 62000, value: 0.354839 });
    // Net at D2: r_MCR = (11000 + 11000 + C4 6000) / 62000 = 28000 / 62000. C8 not adjudicated: 9000 × 28000/62000
    // = 4064.52 → 4065; numerator 11500 − 4065 = 7435; denominator C8 9000 × 34000/62000 = 4935.48 → 4935;
    // days = 7435 × 90 / 4935 = 135.593 → 135.59. r_ACME = (5500 + C2 60000 + C7 7000) / (155000 + 18000) = 72500/173000.
    const net2 = atD2.daysInArNet;
    expect([net2.numerator, net2.denominator, net2.value]).toEqual([7435, 4935, 135.59]);
    expect(net2.contractualRatios.ACME).toEqual({ numerator: 72500, denominator: 173000, value: 0.419075 });
  });
});

describe('truth: denials', () => {
  it('initial denial rate, claims and lines, with the duplicate set aside', () => {
    // D1 quarter: first adjudicated C1 (clean, 10000), C2 (CO 197, 140000), C3 (CO 50 on line 2, 28000),
    // C4 (CARC 18: excluded, reported apart), C5 (clean, 20000).
    // claims: 2 of 4 = 0.5; $: (140000 + 28000) / (10000 + 140000 + 28000 + 20000) = 168000 / 198000 = 0.848485
    const q = atD1.windows.quarter.initialDenialRate;
    expect(q.count).toEqual({ numerator: 2, denominator: 4, value: 0.5 });
    expect(q.amount).toEqual({ numerator: 168000, denominator: 198000, value: 0.848485 });
    expect(q.duplicatesExcluded).toEqual({ count: 1, amount: 14000 });
    expect(q.byCategory.authorization.count).toEqual({ numerator: 1, denominator: 4, value: 0.25 });
    expect(q.byCategory.medical_necessity.amount).toEqual({ numerator: 28000, denominator: 198000, value: 0.141414 });
    expect(q.byCategory.duplicate.count.numerator).toBe(0);
    // ACME: C2 of C1, C2 → 1/2, 140000/150000 = 0.933333; MCR: C3 of C3, C5 → 1/2, 28000/48000 = 0.583333
    expect(q.byPayer.ACME.amount).toEqual({ numerator: 140000, denominator: 150000, value: 0.933333 });
    expect(q.byPayer.MCR.amount).toEqual({ numerator: 28000, denominator: 48000, value: 0.583333 });
    expect(q.byPayer.SELFPAY.count.value).toBeNull();
    // lines: C1 L1, C2 L1, C3 L1 + L2, C5 L1 = 5 lines, 198000; denied C2 L1 (140000) and C3 L2 (8000)
    // → 2/5 = 0.4, 148000/198000 = 0.747475; C4's one line (14000) set aside
    const lines = atD1.windows.quarter.initialDenialRateLine;
    expect(lines.count).toEqual({ numerator: 2, denominator: 5, value: 0.4 });
    expect(lines.amount).toEqual({ numerator: 148000, denominator: 198000, value: 0.747475 });
    expect(lines.duplicatesExcluded).toEqual({ count: 1, amount: 14000 });

    // D1 month (March): C3, C5 (C4 aside): 1/2; 28000/48000 = 0.583333; lines 1/3 and 8000/48000 = 0.166667
    expect(atD1.windows.month.initialDenialRate.amount.value).toBe(0.583333);
    expect(atD1.windows.month.initialDenialRateLine.count.value).toBe(0.333333);
    expect(atD1.windows.month.initialDenialRateLine.amount.value).toBe(0.166667);
    // D1 TTM adds C9 (clean, 5000): 2/5; 168000/203000 = 0.827586
    expect(atD1.windows.ttm.initialDenialRate.amount).toEqual({ numerator: 168000, denominator: 203000, value: 0.827586 });
    // D2 month: nothing first adjudicated → unavailable, never 0 %
    expect(atD2.windows.month.initialDenialRate.count.value).toBeNull();
    expect(atD2.windows.month.initialDenialRate.count.unavailable).toMatch(/zero/);
    // D2 quarter: C7 only (clean): 0/1
    expect(atD2.windows.quarter.initialDenialRate.count).toEqual({ numerator: 0, denominator: 1, value: 0 });
    // D2 TTM: C9, C1, C2, C3, C5, C7 (C4 aside): 2/6; 168000 / 221000 = 0.760181
    expect(atD2.windows.ttm.initialDenialRate.amount).toEqual({ numerator: 168000, denominator: 221000, value: 0.760181 });
  });

  it('final denial rate: denial write-offs net of recoveries over net revenue', () => {
    // only C3's DENIAL write-off (8000, 05-15) is of class denial; C6's self-pay discount is policy. C3's
    // patient then pays the 3000 that was still theirs (06-10): the balance reaches 0, no credit, no recovery.
    // D2 quarter: net revenue = charges with DOS in Apr–Jun (C8 9000) − contractual 73000 (C2 60000, C7 7000,
    // C4 6000) = −64000: a negative denominator is no number
    expect(atD2.windows.quarter.finalDenialRate.claims).toBe(1);
    expect(atD2.windows.quarter.finalDenialRate.amount).toMatchObject({ numerator: 8000, denominator: -64000, value: null, unavailable: 'denominator is negative' });
    // D2 TTM: charges 2023-07-01..06-30 = 258000 (all nine claims) − contractual 100500 − policy 5600 (C6,
    // 03-20) = 151900; 8000 / 151900 = 0.052666
    expect(atD2.windows.ttm.finalDenialRate.amount).toEqual({ numerator: 8000, denominator: 151900, value: 0.052666 });
    // D1 quarter: no denial write-off: 0 over Jan–Mar's net revenue (244000 − contractual 26000 (C1 4000,
    // C3 11000, C5 11000) − policy 5600 = 212400)
    expect(atD1.windows.quarter.finalDenialRate).toEqual({ amount: { numerator: 0, denominator: 212400, value: 0 }, claims: 0 });
    // by the categories of the claim's first denial: C3's line 2, CO 50
    expect(atD2.windows.quarter.denialWriteOffsByCategory).toEqual({ medical_necessity: 8000 });
    expect(atD1.windows.quarter.denialWriteOffsByCategory).toEqual({});
  });

  it('denial overturn rate, duplicates set aside', () => {
    // denied claims resolved: C2 (05-01, its line paid 04-08 after the reversal), C3 (06-10, the denied line never
    // paid). C4 (04-15) was first denied as a duplicate (CO 18): counted among duplicates only, as in the initial
    // rates. D2 quarter: 1 / 2; D2 month: C3 only → 0 / 1; D1: none resolved.
    expect(atD2.windows.quarter.denialOverturnRate).toEqual({ numerator: 1, denominator: 2, value: 0.5 });
    expect(atD2.windows.month.denialOverturnRate).toEqual({ numerator: 0, denominator: 1, value: 0 });
    expect(atD1.windows.quarter.denialOverturnRate.value).toBeNull();
    // by the categories of the first denial: C2 authorization (overturned), C3 medical necessity (not)
    expect(atD2.windows.quarter.denialOverturnRateByCategory).toEqual({
      authorization: { numerator: 1, denominator: 1, value: 1 },
      medical_necessity: { numerator: 0, denominator: 1, value: 0 },
    });
  });

  it('days from denial to appeal and to resolution, duplicates set aside', () => {
    // C2 denied 02-05, first appealed 02-25 (the log's 01-30 is before the denial) → 20 days, in D1's quarter
    expect(atD1.windows.quarter.daysToAppeal).toEqual({ overall: { n: 1, median: 20, p90: 20 }, byCategory: { authorization: { n: 1, median: 20, p90: 20 } } });
    expect(atD2.windows.quarter.daysToAppeal.overall).toEqual({ n: 0, median: null, p90: null, unavailable: 'no denied claims first appealed in the window' });
    // resolved in D2's quarter: C2 05-01, 86 days after 02-05 (29 + 31 + 26); C3 06-10, 101 days after 03-01;
    // C4 a duplicate. Median 93.5, p90 86 + 0.9 × 15 = 99.5
    expect(atD2.windows.quarter.daysToResolution).toEqual({
      overall: { n: 2, median: 93.5, p90: 99.5 },
      byCategory: { authorization: { n: 1, median: 86, p90: 86 }, medical_necessity: { n: 1, median: 101, p90: 101 } },
    });
  });

  it('denials open at each as-of date, with their balance and age since the first denial', () => {
    // D1: C2 140000 (denied 02-05: 55 days), C3 11000 (denied 03-01: 30 days); C4 a duplicate
    expect(atD1.openDenials).toEqual({
      count: 2, amount: 151000,
      byCategory: { authorization: { count: 1, amount: 140000 }, medical_necessity: { count: 1, amount: 11000 } },
      byAge: { '0-30': { count: 1, amount: 11000 }, '31-60': { count: 1, amount: 140000 } },
    });
    // D2: C2 resolved 05-01, C3 06-10
    expect(atD2.openDenials).toEqual({ count: 0, amount: 0, byCategory: {}, byAge: {} });
  });

  it('counts the planted patterns', () => {
    // mri-no-auth: C2, its one line denied on the first adjudication (140000);
    // ecg-medical-necessity: C3, line 2 of 2 denied (8000)
    expect(truth.patterns.map((p) => [p.name, p.claims, p.linesFirstAdjudicated, p.linesDeniedOnFirstAdjudication, p.deniedLineCharges])).toEqual([
      ['mri-no-auth', 1, 1, 1, 140000],
      ['ecg-medical-necessity', 1, 2, 1, 8000],
      ['never-seen', 0, 0, 0, 0],
    ]);
    expect(truth.patterns[0].definition?.carc).toBe('197');
  });
});

describe('truth: acceptance and yield', () => {
  it('first-pass acceptance', () => {
    // first submissions with an acknowledgment: C1, C2, C3 (999 E counts as accepted), C5, C7 (999 R), C9;
    // C4 has none. D1 quarter: C1, C2, C3, C5 accepted, C7 rejected → 4 / 5
    expect(atD1.windows.quarter.firstPassAcceptance).toEqual({ numerator: 4, denominator: 5, value: 0.8 });
    // D1 month: C5, C7 → 1/2; D1 TTM adds C9 → 5/6
    expect(atD1.windows.month.firstPassAcceptance.value).toBe(0.5);
    expect(atD1.windows.ttm.firstPassAcceptance.value).toBe(0.833333);
    // D2 month: C8, rejected by the 277CA (A7) though the 999 accepted it → 0/1
    expect(atD2.windows.month.firstPassAcceptance).toEqual({ numerator: 0, denominator: 1, value: 0 });
    // D2 TTM: C9, C1, C2, C3, C5 accepted; C7, C8 rejected → 5/7
    expect(atD2.windows.ttm.firstPassAcceptance.value).toBe(0.714286);
  });

  it('is unavailable when no acknowledgment was ingested', () => {
    const t = build([h4, h6]);
    expect(t.asOf[0].windows.quarter.firstPassAcceptance).toEqual({ numerator: 0, denominator: 0, value: null, unavailable: 'denominator is zero: no acknowledgments ingested' });
  });

  it('first-pass yield', () => {
    // first adjudicated with no denied line and paid > 0 (or PR > 0): C1, C5 (status 19), C7, C9 yes; C2, C3, C4 no.
    // D1 quarter: C1, C2, C3, C4, C5 → 2/5; D1 month: C3, C4, C5 → 1/3; D2 TTM: C9, C1, C2, C3, C4, C5, C7 → 4/7
    expect(atD1.windows.quarter.firstPassYield).toEqual({ numerator: 2, denominator: 5, value: 0.4 });
    expect(atD1.windows.month.firstPassYield.value).toBe(0.333333);
    expect(atD2.windows.ttm.firstPassYield).toEqual({ numerator: 4, denominator: 7, value: 0.571429 });
  });
});

describe('truth: lags', () => {
  it('payer lag, first submission to first adjudication', () => {
    // C1 02-01 − 01-12 = 20, C2 02-05 − 01-16 = 20, C3 03-01 − 02-06 = 24, C4 03-04 − 02-12 = 21,
    // C5 03-25 − 03-06 = 19, C7 04-09 − 03-12 (the first, rejected send) = 28, C9 10-02 − 09-05 = 27.
    // D1 quarter: 19 20 20 21 24 → median (pos 2) 20; p90 pos 3.6 → 21 + 0.6 × 3 = 22.8
    expect(atD1.windows.quarter.payerLagDays.overall).toEqual({ n: 5, median: 20, p90: 22.8 });
    // MCR: 19 21 24 → median 21; p90 pos 1.8 → 21 + 0.8 × 3 = 23.4
    expect(atD1.windows.quarter.payerLagDays.byPayer.MCR).toEqual({ n: 3, median: 21, p90: 23.4 });
    // D1 TTM: 19 20 20 21 24 27 → median pos 2.5 → 20.5; p90 pos 4.5 → 24 + 0.5 × 3 = 25.5
    expect(atD1.windows.ttm.payerLagDays.overall).toEqual({ n: 6, median: 20.5, p90: 25.5 });
    // D2 TTM, ACME: 20 20 27 28 → median pos 1.5 → 23.5; p90 pos 2.7 → 27.7
    expect(atD2.windows.ttm.payerLagDays.byPayer.ACME).toEqual({ n: 4, median: 23.5, p90: 27.7 });
    // D2 TTM overall: 19 20 20 21 24 27 28 → median 21; p90 pos 5.4 → 27 + 0.4 = 27.4
    expect(atD2.windows.ttm.payerLagDays.overall).toEqual({ n: 7, median: 21, p90: 27.4 });
    expect(atD2.windows.month.payerLagDays.overall).toEqual({ n: 0, median: null, p90: null, unavailable: 'no claims first adjudicated in the window' });
  });

  it('charge lag, DOS to first submission', () => {
    // C9 4, C1 2, C2 1, C3 1, C4 2, C5 1, C7 1, C8 1 (C6 never submitted)
    // D1 TTM: 1 1 1 1 2 2 4 → median 1; p90 pos 5.4 → 2 + 0.4 × 2 = 2.8
    expect(atD1.windows.ttm.chargeLagDays).toEqual({ n: 7, median: 1, p90: 2.8 });
    // D2 TTM: 1 1 1 1 1 2 2 4 → median pos 3.5 → 1; p90 pos 6.3 → 2 + 0.3 × 2 = 2.6
    expect(atD2.windows.ttm.chargeLagDays).toEqual({ n: 8, median: 1, p90: 2.6 });
  });
});

describe('truth: cash', () => {
  it('net and gross collection rates', () => {
    // D1 TTM: paid 3000 (C9) + 4800 (C1) + 6000 (C3) + 4000 (C5) = 17800; patient 1500 + 5000 = 6500; no refunds
    // → 24300. Net revenue: charges 249000 (all but C8) − contractual 1500 + 4000 + 11000 + 11000 = 27500 −
    // policy 5600 (C6's self-pay discount) = 215900. NCR = 24300 / 215900 = 0.112552; GCR = 24300 / 249000 = 0.09759
    const ttm = atD1.windows.ttm;
    expect([ttm.netCollectionRate.numerator, ttm.netCollectionRate.denominator, ttm.netCollectionRate.value]).toEqual([24300, 215900, 0.112552]);
    expect(ttm.netRevenue).toBe(215900);
    expect(ttm.adjustmentsByClass).toEqual({ contractual: 27500, policy: 5600, duplicate: 0, denial: 0, bad_debt: 0, unclassified: 0 });
    expect(ttm.grossCollectionRate).toEqual({ numerator: 24300, denominator: 249000, value: 0.09759 });
    // D2 quarter: paid 60000 (C2) + 8000 (C7) + 8000 (C4) + 3000 (C5 secondary) = 79000, patient 20000 + 3400 +
    // 3000 + 3000 = 29400, refunds 300 → 108100; charges 9000 − contractual (60000 + 7000 + 6000) = −64000:
    // a negative denominator is no number. GCR = 108100 / 9000 = 12.011111
    const q = atD2.windows.quarter;
    expect(q.netCollectionRate.value).toBeNull();
    expect(q.netCollectionRate.unavailable).toBe('denominator is negative');
    expect(q.netCollectionRate.denominator).toBe(-64000);
    expect(q.grossCollectionRate.value).toBe(12.011111);
    // D2 TTM: paid 17800 + 79000 = 96800, patient 6500 + 29400 = 35900, refunds 300 → 132400;
    // net revenue 258000 − contractual (27500 + 73000 = 100500) − policy 5600 = 151900 → 0.871626
    expect(atD2.windows.ttm.netCollectionRate.value).toBe(0.871626);
    expect(atD2.windows.ttm.adjustmentsByClass).toEqual({ contractual: 100500, policy: 5600, duplicate: 0, denial: 8000, bad_debt: 0, unclassified: 0 });
  });

  it('collections by month tie to the remittances', () => {
    const april = truth.monthly.find((m) => m.month === '2024-04')!;
    // insurance: C2 60000 + C7 8000 + C4 8000 + C5's secondary 3000 = 79000 (ACME 71000, MCR 8000);
    // patients 3400 + 3000; refund 300; ACME interest 150 → cash 79150 (ACME 71150)
    expect(april.collections).toMatchObject({ insurancePayments: 79000, patientPayments: 6400, refunds: 300, plbInterest: 150, plbRecoupments: 0, remittanceCash: 79150 });
    expect(april.collections.byPayer.ACME).toEqual({ insurancePayments: 71000, plbInterest: 150, plbRecoupments: 0, remittanceCash: 71150 });
    const may = truth.monthly.find((m) => m.month === '2024-05')!;
    // MCR recoups 500 with no payment: cash −500
    expect(may.collections.byPayer.MCR).toEqual({ insurancePayments: 0, plbInterest: 0, plbRecoupments: 500, remittanceCash: -500 });
    expect(truth.monthly.map((m) => m.month)).toEqual(['2023-09', '2023-10', '2023-11', '2023-12', '2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06']);
  });
});

describe('truth: the roll-forward and the crossover rule', () => {
  it('ties for the D2 quarter with the hand-computed flows', () => {
    // (start 03-31: A/R 191900, credits 300) + charges 9000 − paid 79000 − payer adjustments (CO 45: 60000 + 7000 +
    // 6000; C5's OA 23 is not one) 73000 − patients 29400 − write-offs 8000 + refunds 300 = 11500 = A/R at D2
    expect(atD2.windows.quarter.rollForward).toEqual({
      start: D1, end: D2, arStart: 191900, creditBalancesStart: 300, arEnd: 11500, creditBalancesEnd: 0,
      charges: 9000, insurancePaid: 79000, payerAdjustments: 73000, patientPayments: 29400, writeOffs: 8000, refunds: 300,
      expectedEnd: 11500, actualEnd: 11500, holds: true,
      // by class: the payer adjustments are contractual, C3's DENIAL write-off is denial
      adjustmentsByClass: { contractual: 73000, policy: 0, duplicate: 0, denial: 8000, bad_debt: 0, unclassified: 0 },
    });
    // D1 quarter: start 2023-12-31 A/R 500 (C9) + 244000 − 14800 − 26000 − 6500 − write-off 5600 = 191600 = 191900 − 300
    expect(atD1.windows.quarter.rollForward).toMatchObject({ arStart: 500, expectedEnd: 191600, actualEnd: 191600, holds: true });
    expect(truth.monthly.every((m) => m.rollForward.holds)).toBe(true);
  });

  it('a crossover: the secondary pays out of the patient portion and its OA 23 reduces nothing', () => {
    const t = build([h5], ['2024-03-31', '2024-04-30']);
    // 03-31: 20000 − 4000 − CO 45 11000 = 5000, all patient (PR 1 5000)
    expect(t.asOf[0].ar).toMatchObject({ total: 5000, insurance: 0, patient: 5000 });
    // 04-30: 5000 − secondary paid 3000 = 2000, patient 5000 − 3000 = 2000 (its PR 2000 restates, OA 23 15000 ignored)
    expect(t.asOf[1].ar).toMatchObject({ total: 2000, insurance: 0, patient: 2000 });
    expect(t.asOf[1].ar.byPayer).toEqual({ ACME: 0, MCR: 0, patient: 2000 });
    expect(t.asOf[1].windows.month.rollForward).toMatchObject({ insurancePaid: 3000, payerAdjustments: 0, holds: true });
    // the secondary's record is no first adjudication and no denial: C5's first is the 19 of 03-25
    expect(t.asOf[1].windows.month.firstPassYield.denominator).toBe(0);
  });

  it('reports a broken roll-forward', () => {
    const broken = structuredClone(truth);
    broken.asOf[1].windows.quarter.rollForward.holds = false;
    expect(checkInvariants(broken)).toHaveLength(1);
  });
});

describe('truth: building blocks', () => {
  it('quantile_cont interpolates between the sorted values', () => {
    const h = new Histogram();
    for (const v of [10, 1, 4, 2]) h.add(v);
    // sorted 1 2 4 10: median pos 1.5 → 3; p90 pos 2.7 → 4 + 0.7 × 6 = 8.2
    expect(h.summary()).toEqual({ n: 4, median: 3, p90: 8.2 });
  });

  it('rounds half away from zero', () => {
    expect(roundHalfAwayDiv(5n, 2n)).toBe(3n);
    expect(roundHalfAwayDiv(-5n, 2n)).toBe(-3n);
    expect(roundHalfAwayDiv(7n, 3n)).toBe(2n);
  });

  it('classifies CARCs with the crosswalk, effective on the adjudication date', () => {
    expect(classify(crosswalk, '45', '2024-01-01')).toMatchObject({ category: 'contractual', isDenial: false });
    expect(classify(crosswalk, '197', '2024-01-01')).toMatchObject({ category: 'authorization', isDenial: true });
    expect(classify(crosswalk, '23', '2024-01-01').category).toBe('prior_payer');
    const dated = parseCrosswalk([
      'carc,category,is_denial,hard_soft,owner_team,effective_from,effective_to',
      '133,pending,false,,review,2000-01-01,2024-06-30',
      '133,documentation,true,soft,clinical,2024-07-01,',
    ].join('\n'));
    expect(classify(dated, '133', '2024-06-30')).toMatchObject({ category: 'pending', isDenial: false });
    expect(classify(dated, '133', '2024-07-01')).toMatchObject({ category: 'documentation', isDenial: true });
    expect(classify(dated, '999', '2024-07-01')).toEqual({ category: 'unmapped', isDenial: false });
  });
});

describe('truth: denials after a payment', () => {
  // D ACME MRI 20000: paid 15000, CO 45 5000 on 03-01 (balance 0); reversed and denied CO 197 (authorization)
  // 04-01 (20000 again); appealed 04-10; the denial reversed and paid again 05-15 (0): its denial resolved and
  // overturned 05-15, 44 days after it (30 + 14), 9 days to the appeal.
  const d = claimOf('D', 'ACME', '2024-02-10', [['73721', 20000]]);
  const hd = history(d, {
    subs: [['2024-02-15', true]],
    adjs: [
      adj(d, '2024-03-01', '1', [{ line: 1, paid: 15000, cas: [['CO', '45', 5000]] }]),
      adj(d, '2024-04-01', '22', [{ line: 1, paid: -15000, cas: [['CO', '45', -5000]] }], { reversal: true }),
      adj(d, '2024-04-01', '4', [{ line: 1, paid: 0, cas: [['CO', '197', 20000]] }]),
      adj(d, '2024-05-15', '22', [{ line: 1, paid: 0, cas: [['CO', '197', -20000]] }], { reversal: true }),
      adj(d, '2024-05-15', '1', [{ line: 1, paid: 15000, cas: [['CO', '45', 5000]] }]),
    ],
    appeals: ['2024-04-10'],
  });
  // E ACME 15000: paid 9000, CO 45 3000, PR 2 3000 on 03-03 (3000, the patient's); its resubmission of 03-25
  // denied OA 18 (a duplicate) 04-07; the patient pays 3000 on 05-10. Its first denial is a duplicate: no outcome.
  const e = claimOf('E', 'ACME', '2024-02-12', [['99213', 15000]]);
  const he = history(e, {
    subs: [['2024-02-15', true], ['2024-03-25', false]],
    adjs: [
      adj(e, '2024-03-03', '1', [{ line: 1, paid: 9000, cas: [['CO', '45', 3000], ['PR', '2', 3000]] }]),
      adj(e, '2024-04-07', '4', [{ line: 1, paid: 0, cas: [['OA', '18', 15000]] }]),
    ],
    posts: [post(e, '2024-05-10', 'patient_payment', 3000, 'patient', 'STATEMENT')],
  });
  // F ACME 10000: paid 6000, CO 45 4000 on 03-05 (0); reversed and denied CO 50 (medical necessity) 04-03 (10000);
  // written off (DENIAL) 05-20 (0): resolved 47 days after the denial (27 + 20), not overturned.
  const f = claimOf('F', 'ACME', '2024-02-14', [['99213', 10000]]);
  const hf = history(f, {
    subs: [['2024-02-15', true]],
    adjs: [
      adj(f, '2024-03-05', '1', [{ line: 1, paid: 6000, cas: [['CO', '45', 4000]] }]),
      adj(f, '2024-04-03', '22', [{ line: 1, paid: -6000, cas: [['CO', '45', -4000]] }], { reversal: true }),
      adj(f, '2024-04-03', '4', [{ line: 1, paid: 0, cas: [['CO', '50', 10000]] }]),
    ],
    posts: [post(f, '2024-05-20', 'write_off', 10000, 'insurance', 'DENIAL')],
  });
  const [at0420, atEnd] = build([hd, he, hf], ['2024-04-20', D2]).asOf;
  const q2 = atEnd.windows.quarter;

  it('the outcomes start at the denial and break down by its causes: D overturned, F written off, E a duplicate', () => {
    expect(q2.denialOverturnRate).toEqual({ numerator: 1, denominator: 2, value: 0.5 });
    expect(q2.denialOverturnRateByCategory).toEqual({
      authorization: { numerator: 1, denominator: 1, value: 1 },
      medical_necessity: { numerator: 0, denominator: 1, value: 0 },
    });
    // median of (44, 47) = 45.5, p90 44 + 0.9 × 3 = 46.7
    expect(q2.daysToResolution).toEqual({
      overall: { n: 2, median: 45.5, p90: 46.7 },
      byCategory: { authorization: { n: 1, median: 44, p90: 44 }, medical_necessity: { n: 1, median: 47, p90: 47 } },
    });
    expect(q2.daysToAppeal).toEqual({ overall: { n: 1, median: 9, p90: 9 }, byCategory: { authorization: { n: 1, median: 9, p90: 9 } } });
    expect(q2.denialWriteOffsByCategory).toEqual({ medical_necessity: 10000 });
    // the initial rates keep the first adjudication: none of the three denied, none a duplicate
    expect(atEnd.windows.ttm.initialDenialRate.count).toEqual({ numerator: 0, denominator: 3, value: 0 });
    expect(atEnd.windows.ttm.initialDenialRate.duplicatesExcluded).toEqual({ count: 0, amount: 0 });
  });

  it('open on 04-20: D (19 days, 20000) and F (17 days, 10000), not E', () => {
    expect(at0420.openDenials).toEqual({
      count: 2, amount: 30000,
      byCategory: { authorization: { count: 1, amount: 20000 }, medical_necessity: { count: 1, amount: 10000 } },
      byAge: { '0-30': { count: 2, amount: 30000 } },
    });
    expect(atEnd.openDenials.count).toBe(0);
  });
});
