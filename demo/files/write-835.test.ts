// The 835 writer, read back by our 835 mapper (no warnings: every balancing rule holds, the same claims,
// lines, adjustments and PLB) and by node-x12; and the balancing check that guards it.
import { X12QueryEngine } from 'node-x12';
import { describe, expect, it } from 'vitest';
import { readEraBytes } from '../../ingest/remittance/read-era.ts';
import type { Adjudication, Remittance } from '../model.ts';
import { reverse } from '../simulation/adjudication.ts';
import { assertBalanced } from './balance-835.ts';
import { C2_DENIED, C3_PRIMARY, claimOf, PRACTICE, REMIT_ACME_1, REMIT_ACME_2, REMIT_MEDICAID, REMIT_MEDICARE } from './test-fixture.ts';
import { nodeX12 } from './test-read.ts';
import { write835 } from './write-835.ts';

const control = { interchange: 401, group: 401 };
const write = (r: Remittance) => write835(PRACTICE, r, control, claimOf);

async function read(r: Remittance) {
  const era = await readEraBytes(new TextEncoder().encode(write(r)), 'written.835');
  expect(era.error).toBeUndefined();
  expect(era.remittances).toHaveLength(1);
  return era.remittances[0];
}

/** The model's adjudication in the reader's shape. */
function expected(a: Adjudication) {
  const adjustments = (list: Adjudication['claimAdjustments']) => list.map((x) => expect.objectContaining({ group: x.group, reason: x.carc, amount: x.amount }));
  return {
    patientControlNumber: a.claimId, statusCode: a.status, charge: a.charge, paid: a.paid, patientResponsibility: a.patientResponsibility === 0 ? null : a.patientResponsibility,
    payerClaimNumber: a.payerClaimNumber, isReversal: a.isReversal, facilityTypeCode: '11', frequencyCode: '1',
    adjustments: adjustments(a.claimAdjustments),
    patient: expect.objectContaining({ lastName: claimOf(a.claimId).patient.lastName, idQualifier: 'MI', id: claimOf(a.claimId).patient.memberId }),
    statementFrom: claimOf(a.claimId).serviceDate,
    lines: a.lines.map((l) => expect.objectContaining({
      procedure: { qualifier: 'HC', code: l.procedureCode, modifiers: l.modifiers, description: null }, charge: l.charge, paid: l.paid, units: String(l.units),
      serviceDate: l.serviceDate, lineControlNumber: l.controlNumber, allowedAmount: l.allowed ?? null, adjustments: adjustments(l.adjustments), remarks: l.remarks.map((code) => expect.objectContaining({ source: 'LQ', qualifier: 'HE', code })),
    })),
  };
}

describe('write835', () => {
  it.each([
    ['ACME, ACH: paid with PR 1/2/3, a CO 197 denial, PLB L6 interest', REMIT_ACME_1],
    ['ACME, check: replacement paid, reversal and correction, PLB WO recoupment', REMIT_ACME_2],
    ['Medicare: processed as primary and crossed over (19, NM1*TT)', REMIT_MEDICARE],
    ['Medicaid: processed as secondary with OA 23, no lines', REMIT_MEDICAID],
  ])('%s: reads back balanced, with no warning', async (_, remittance) => {
    const { remittance: read_, claims, warnings } = await read(remittance);
    expect(warnings).toEqual([]);
    expect(read_.payment).toMatchObject({ handlingCode: 'I', amount: remittance.total, creditDebit: 'C', method: remittance.method, date: remittance.date, traceNumber: remittance.traceNumber, productionDate: remittance.date });
    expect(read_.payer).toMatchObject({ name: PRACTICE.payers.find((p) => p.id === remittance.payerId)!.name });
    expect(read_.payer.references).toEqual([expect.objectContaining({ qualifier: '2U', value: remittance.payerId })]);
    expect(read_.payee).toMatchObject({ name: PRACTICE.name, idQualifier: 'XX', id: PRACTICE.billingNpi });
    expect(claims).toHaveLength(remittance.adjudications.length);
    claims.forEach((c, i) => expect(c).toMatchObject(expected(remittance.adjudications[i])));
    expect(read_.providerAdjustments.map((p) => [p.providerId, p.fiscalPeriodDate, p.reason, p.reference, p.amount])).toEqual(
      remittance.providerAdjustments.map((p) => [PRACTICE.billingNpi, `${remittance.date.slice(0, 4)}-12-31`, p.reason, p.reference, p.amount]),
    );
    expect(read_.claimPaidTotal).toBe(remittance.adjudications.reduce((s, a) => s + a.paid, 0));
  });

  it('sends the allowed amount (AMT*B6) on the lines that carry one, negated on a reversal', async () => {
    // allowed = paid + patient responsibility (+ sequestration): the charge less the contractual reduction
    const priced = { ...C3_PRIMARY, lines: C3_PRIMARY.lines.map((l, i) => ({ ...l, allowed: [5880, 630][i] })) };
    const reversed = reverse(priced, REMIT_MEDICARE.date);
    const remittance: Remittance = { ...REMIT_MEDICARE, adjudications: [priced, reversed], total: 0 };
    expect(write(remittance)).toMatch(/AMT\*B6\*58\.80~\s*(LQ|SVC|CLP|SE)/);
    const { claims, warnings } = await read(remittance);
    expect(warnings).toEqual([]);
    expect(claims.map((c) => c.lines.map((l) => l.allowedAmount))).toEqual([[5880, 630], [-5880, -630]]);
  });

  it('names the crossover carrier and keeps reversal amounts negative', async () => {
    const [medicare] = (await read(REMIT_MEDICARE)).claims;
    expect(medicare.crossoverCarrier).toMatchObject({ lastName: 'STATE MEDICAID TEST', idQualifier: 'PI', id: 'MCDST' });
    const acme = await read(REMIT_ACME_2);
    expect(acme.claims.map((c) => [c.statusCode, c.charge, c.paid, c.patientResponsibility])).toEqual([['1', 140000, 64960, 16240], ['22', -14000, -7000, -1120], ['1', 14000, 7600, 1120]]);
    expect(acme.claims[1].lines[0].adjustments.map((a) => `${a.group}-${a.reason} ${a.amount}`)).toEqual(['CO-45 -5880', 'PR-3 -1120']);
  });

  it('writes one CAS per group with up to six reasons, and BPR H / NON when nothing is paid', () => {
    expect(write(REMIT_ACME_1)).toContain('SVC*HC:20610:RT:59*220.00*64.00**1~\nDTM*472*20240220~\nCAS*PR*1*50.00**2*16.00~\nCAS*CO*45*90.00~\nREF*6R*CLM-1001-2~');
    expect(write(REMIT_MEDICAID)).toContain('CLP*CLM-1003*2*155.00*10.00**MC*MD24-0003*11*1~\nCAS*OA*23*143.24~\nCAS*CO*45*1.76~\nNM1*QC*1*ROE*RICHARD****MI*1EG4TE5MK72~');
    const denialOnly: Remittance = { ...REMIT_ACME_1, adjudications: [C2_DENIED], providerAdjustments: [], total: 0 };
    expect(write(denialOnly)).toContain('BPR*H*0.00*C*NON************20240315~');
    const recoupment: Remittance = { ...REMIT_ACME_1, adjudications: [C2_DENIED], total: -12500, providerAdjustments: [{ payerId: 'ACME1', date: '2024-03-15', reason: 'WO', reference: 'X', amount: 12500 }] };
    expect(write(recoupment)).toContain('BPR*I*125.00*D*ACH*');
  });

  it('passes node-x12 with no diagnostics, which reads the same claim payments', () => {
    const text = write(REMIT_ACME_2);
    const { interchange, diagnostics } = nodeX12(text);
    expect(diagnostics).toEqual([]);
    const engine = new X12QueryEngine(true);
    expect(engine.query(interchange, 'CLP04').map((r) => r.value)).toEqual(['649.60', '-70.00', '76.00']);
    expect(engine.query(interchange, 'BPR02').map((r) => r.value)).toEqual(['605.60']);
  });

  it('writes the same bytes for the same input', () => {
    expect(write(REMIT_ACME_1)).toBe(write(REMIT_ACME_1));
  });
});

describe('assertBalanced', () => {
  it('accepts the fixture remittances', () => {
    for (const r of [REMIT_ACME_1, REMIT_ACME_2, REMIT_MEDICARE, REMIT_MEDICAID]) expect(() => assertBalanced(r)).not.toThrow();
  });

  it('names the claim and the rule that fails', () => {
    const [c1, ...rest] = REMIT_ACME_1.adjudications;
    const line = { ...c1.lines[0], paid: c1.lines[0].paid + 1 };
    const unbalancedLine = { ...REMIT_ACME_1, adjudications: [{ ...c1, lines: [line, ...c1.lines.slice(1)] }, ...rest] };
    expect(() => assertBalanced(unbalancedLine)).toThrow('claim CLM-1001 (CLP02 1, payer claim AC24-0001) in the 2024-03-15 remittance of ACME1, line 1: charge 210.00 − adjustments 120.00 ≠ paid 90.01');
    const unbalancedClaim = { ...REMIT_ACME_1, adjudications: [{ ...c1, paid: c1.paid + 1 }, ...rest] };
    expect(() => assertBalanced(unbalancedClaim)).toThrow('claim CLM-1001 (CLP02 1, payer claim AC24-0001) in the 2024-03-15 remittance of ACME1: charge 510.00 − claim and line adjustments 324.00 ≠ paid 186.01');
    const linesShort = { ...REMIT_ACME_1, adjudications: [{ ...c1, charge: c1.charge + 100 }, ...rest] };
    expect(() => assertBalanced(linesShort)).toThrow('its lines charge 510.00, the claim 511.00');
    expect(() => assertBalanced({ ...REMIT_ACME_1, total: 1 })).toThrow('claims paid − provider adjustments = 257.25, but its total is 0.01');
    expect(() => write835(PRACTICE, { ...REMIT_ACME_1, total: 1 }, control, claimOf)).toThrow('but its total is 0.01');
  });
});
