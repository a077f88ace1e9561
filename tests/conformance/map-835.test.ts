// Every public 835 sample (RCM_SAMPLES_DIR), with answers read off the files by hand (and from the samples'
// SOURCES.md).
import { describe, expect, it } from 'vitest';
import { samplePath } from '../support/samples.ts';
import { formatCents } from '../../kernel/money.ts';
import { eraTransaction } from '../../ingest/remittance/era-document.ts';
import { readEra, type EraRead } from '../../ingest/remittance/read-era.ts';

const read = (name: string) => readEra(samplePath(name), name);
const codes = (r: EraRead) => r.remittances.flatMap((x) => x.warnings.map((w) => w.code));
const claimsOf = (r: EraRead) => r.remittances.flatMap((x) => x.claims);
const money = (c: number | null) => (c === null ? null : formatCents(c));

describe('835 samples', () => {
  it('LinuxForHealth Medicare Part A: balances with a negative PLB, MOA remark, payer id from REF*2U', async () => {
    const r = await read('linuxforhealth_x12__835-medicare-part-a.835');
    expect(r.error).toBeUndefined();
    expect(codes(r)).toEqual([]);
    const [{ remittance, claims }] = r.remittances;
    expect(money(remittance.payment.amount)).toBe('150000.00');
    expect(remittance.payment).toMatchObject({ creditDebit: 'C', method: 'ACH', date: '2002-09-13', traceNumber: '12345', productionDate: '2002-09-16' });
    expect(money(remittance.claimPaidTotal)).toBe('149998.73');
    expect(remittance.providerAdjustments).toEqual([expect.objectContaining({ reason: 'CV', reference: 'CP', amount: -127, fiscalPeriodDate: '2002-12-31', providerId: '6543210903' })]);
    const doc = eraTransaction(remittance, claims, []);
    expect(doc.payer).toEqual({ name: 'INSURANCE COMPANY OF TIMBUCKTU', id: '999' });
    expect(doc.payee).toEqual({ name: 'REGIONAL HOPE HOSPITAL', npi: '6543210903' });
    expect(doc.claims.map((c) => [c.patient_control_number, c.status_code, c.charge, c.paid, c.filing_indicator, c.payer_claim_number])).toEqual([
      ['666123', '1', 211366.97, 138018.4, 'MA', '1999999444444'],
      ['777777', '1', 15000, 11980.33, 'MB', '1999999444445'],
    ]);
    expect(doc.claims[0].adjustments).toEqual([{ group: 'CO', reason: '45', amount: 73348.57, quantity: null }]);
    expect(doc.claims[1].remarks).toEqual(['MA02']);
    expect(claims[0]).toMatchObject({ headerNumber: '110212', facilityTypeCode: '11', frequencyCode: '1', statementFrom: '2002-08-16', statementTo: '2002-08-24' });
    expect(claims[0].quantities).toEqual([expect.objectContaining({ qualifier: 'CA', quantity: '8' })]);
    expect(claims[0].inpatientAdjudication).toMatchObject({ text: 'MIA*0***138018.40' });
  });

  it('LinuxForHealth managed care: claim-level CAS before NM1 and line-level CAS both balance', async () => {
    const r = await read('linuxforhealth_x12__835-managed-care.835');
    expect(codes(r)).toEqual(['invalid_value']); // BPR16 20002316 is not a date
    const claims = claimsOf(r);
    expect(claims.map((c) => [c.patientControlNumber, money(c.charge), money(c.paid), money(c.patientResponsibility)])).toEqual([
      ['5554555444', '800.00', '450.00', '300.00'],
      ['8765432112', '1200.00', '495.00', '600.00'],
    ]);
    expect(claims[0].adjustments.map((a) => `${a.group}-${a.reason} ${money(a.amount)}`)).toEqual(['CO-A2 50.00']);
    expect(claims[1].lines[0].adjustments.map((a) => `${a.group}-${a.reason} ${money(a.amount)}`)).toEqual(['PR-1 600.00', 'CO-45 50.00']);
    expect(claims[1].lines[0]).toMatchObject({ serviceStart: '2002-03-10', serviceEnd: '2002-03-12', serviceDate: null });
  });

  it('LinuxForHealth secondary payment: ">" composites despite ISA16 ":", multi-triplet CAS with empty quantity', async () => {
    const r = await read('linuxforhealth_x12__835-secondary-payment.835');
    expect(r.error).toBeUndefined();
    expect(codes(r)).toEqual(['separator_mismatch']);
    const claims = claimsOf(r);
    expect(claims.map((c) => c.statusCode)).toEqual(['2', '2']);
    expect(claims[0].adjustments).toEqual([expect.objectContaining({ group: 'OA', reason: '23', amount: 941164 })]);
    const line = claims[1].lines[0];
    expect(line.procedure).toEqual({ qualifier: 'HC', code: '12345', modifiers: ['26'], description: null });
    const multi = claims[1].lines.flatMap((l) => l.adjustments).filter((a) => a.group === 'PR');
    expect(multi.slice(0, 2)).toEqual([
      expect.objectContaining({ reason: '1', amount: 15000, quantity: null, triplet: 1 }),
      expect.objectContaining({ reason: '2', amount: 7000, quantity: null, triplet: 2 }),
    ]);
  });

  it('LinuxForHealth COB: a negative adjustment amount', async () => {
    const r = await read('linuxforhealth_x12__835-cob-contractural-adjustment.835');
    expect(codes(r)).toEqual(['separator_mismatch']);
    const [claim] = claimsOf(r);
    expect(claim.lines[0].adjustments.map((a) => [a.group, a.reason, money(a.amount)])).toEqual([['OA', '23', '516.00'], ['OA', '94', '-9.00']]);
    expect(claim.lines[0].procedure.code).toBe('55669');
  });

  it('LinuxForHealth tertiary: the malformed SVC loads with an unbalanced-line warning', async () => {
    const r = await read('linuxforhealth_x12__835-tertiary-payment.835');
    expect(r.error).toBeUndefined();
    expect(codes(r).sort()).toEqual(['invalid_value', 'line_unbalanced']);
    const [claim] = claimsOf(r);
    expect(claim.statusCode).toBe('3');
    expect(claim.lines[0].procedure).toMatchObject({ qualifier: 'HC', code: null });
    expect(r.remittances[0].warnings.find((w) => w.code === 'line_unbalanced')).toMatchObject({ segment: 20, subjectSegment: 20 });
  });

  it('eMedNY profee: modifiers, timely filing and a RARC, balanced', async () => {
    const r = await read('tastypackets_x12-parser__835-profee.edi');
    expect(codes(r)).toEqual([]);
    const doc = eraTransaction(r.remittances[0].remittance, r.remittances[0].claims, []);
    expect(doc.payment).toEqual({ amount: 45.75, credit_debit: 'C', method: 'ACH', date: '2010-01-01', trace_number: '10100000000' });
    expect(doc.claims).toHaveLength(3);
    expect(doc.claims[0].lines.map((l) => [l.procedure_code, l.modifiers, l.charge, l.paid, l.units])).toEqual([
      ['V2020', ['RB'], 6, 6, 1], ['V2700', ['RB'], 2.75, 2.75, 1], ['V2103', ['RB'], 5.5, 5.5, 1], ['S0580', [], 20, 20, 2],
    ]);
    expect(doc.claims[1].lines.map((l) => [l.units, l.adjustments])).toEqual([
      [0, [{ group: 'CO', reason: '29', amount: 12, quantity: null }]],
      [0, [{ group: 'CO', reason: '29', amount: 22, quantity: null }]],
    ]);
    const remarks = doc.claims.flatMap((c) => c.lines.flatMap((l) => l.remarks));
    expect(remarks).toEqual(['N206', 'N206']);
    expect(doc.claims.flatMap((c) => c.lines.flatMap((l) => l.adjustments.map((a) => `${a.group}-${a.reason}`)))).toContain('CO-251');
  });

  it('eMedNY profee-multiple: 156 interchanges read as 156 remittances', async () => {
    const r = await read('tastypackets_x12-parser__835-profee-multiple.edi');
    expect(r.error).toBeUndefined();
    expect(codes(r)).toEqual([]);
    expect(r.remittances).toHaveLength(156);
    expect(claimsOf(r)).toHaveLength(468);
    expect(money(r.remittances.reduce((s, x) => s + (x.remittance.payment.amount ?? 0), 0))).toBe(formatCents(156 * 4575));
  });

  it('Blue Cross NC: no envelope, SVC06 original procedure, SE01 off by one', async () => {
    const r = await read('keironstoddart_edi-835-parser__835-blue_cross_nc_sample.txt');
    expect(r.error).toBeUndefined();
    expect(codes(r).sort()).toEqual(['control_count', 'invalid_value', 'invalid_value', 'no_envelope', 'unknown_version']);
    const [claim] = claimsOf(r);
    expect(claim).toMatchObject({ patientControlNumber: '200200964A52', statusCode: '1', charge: 210000, paid: 192286, patientResponsibility: 14254, filingIndicator: '15', receivedDate: '2011-01-03' });
    expect(claim.lines.map((l) => [l.procedure.code, l.originalProcedure?.code ?? null, l.lineControlNumber])).toEqual([
      ['59430', '59410', '0001'], ['59440', '59410', '0002'], ['59426', null, '0003'],
    ]);
    expect(claim.lines[2]).toMatchObject({ charge: null, paid: null, originalUnits: '742' });
    expect(claim.lines.map((l) => [l.allowedAmount, l.amounts.length])).toEqual([[117540, 0], [null, 0], [74200, 0]]);
    expect(money(r.remittances[0].remittance.payment.amount)).toBe('1922.86');
  });

  it('pyx12 mult_loops: a denied claim (status 4) with CO 16 / OA A7 and LQ N14, notification-only payment', async () => {
    const r = await read('azoner_pyx12__835-mult_loops.txt');
    expect(codes(r)).toEqual([]);
    const [claim] = claimsOf(r);
    expect(claim.statusCode).toBe('4');
    expect(claim.renderingProvider).toMatchObject({ lastName: 'PAYEE', idQualifier: 'MC', id: '44452736' });
    expect(claim.lines.map((l) => l.remarks.map((x) => x.code))).toEqual([['N14'], ['N14'], ['N14']]);
    expect(claim.lines.map((l) => l.adjustments.map((a) => `${a.group}-${a.reason}`).join())).toEqual(['CO-16', 'OA-A7', 'OA-A7']);
    expect(r.remittances[0].remittance.payment).toMatchObject({ handlingCode: 'H', amount: 0, method: 'NON' });
  });

  it('pyx12 835id (4010): a reversal then its correction, CR group, PLB without reference', async () => {
    const r = await read('azoner_pyx12__835-4010-reversal-correction-835id.txt');
    expect(r.error).toBeUndefined();
    expect(codes(r)).toEqual(['transaction_unbalanced']); // synthetic file: BPR does not balance
    const claims = claimsOf(r);
    expect(claims.map((c) => [c.patientControlNumber, c.statusCode, money(c.charge), money(c.paid), c.isReversal])).toEqual([
      ['123839-24635', '22', '-310.00', '-210.00', true],
      ['123839-24635', '1', '300.00', '200.00', false],
      ['134158-27488', '22', '-500.25', '-500.25', true],
    ]);
    expect(claims[0].lines[0].adjustments).toEqual([expect.objectContaining({ group: 'CR', reason: '45', amount: -10000 })]);
    expect(r.remittances[0].remittance.providerAdjustments.map((a) => [a.reason, a.reference, money(a.amount)])).toEqual([
      ['CS', null, '-1008.10'], ['CS', null, '24.21'], ['CS', null, '5.95'],
    ]);
  });

  it('OopFactory Example1: BOM, CRLF and indentation; reversals with negative units; PLB not netted in BPR', async () => {
    const r = await read('oopfactory-x12parser__835-5010-Example1.txt');
    expect(r.error).toBeUndefined();
    expect(codes(r).sort()).toEqual(['invalid_value', 'invalid_value', 'transaction_unbalanced', 'unknown_version']); // GS08 is "5010"
    const claims = claimsOf(r);
    expect(claims).toHaveLength(10);
    expect(claims.map((c) => c.statusCode)).toEqual(['1', '4', '4', '2', '4', '1', '25', '22', '22', '22']);
    expect(claims.filter((c) => c.isReversal)).toHaveLength(3);
    expect(claims[0].lines[0].procedure).toEqual({ qualifier: 'HC', code: 'H0005', modifiers: ['HF', 'H9'], description: null });
    expect(claims[9]).toMatchObject({ charge: null, paid: null });
    const reversalLines = claims.filter((c) => c.isReversal).flatMap((c) => c.lines);
    expect(reversalLines.some((l) => l.units.startsWith('-'))).toBe(true);
    expect(money(r.remittances[0].remittance.claimPaidTotal)).toBe('5.75');
  });

  it('OopFactory DeIdent_02 (4010, masked): 6 remittances, 375 claims, 1552 lines, 2405 CAS segments', async () => {
    const r = await read('oopfactory-x12parser__835-4010-DeIdent_02.dat');
    expect(r.error).toBeUndefined();
    const claims = claimsOf(r);
    expect(r.remittances).toHaveLength(6);
    expect(claims).toHaveLength(375);
    const lines = claims.flatMap((c) => c.lines);
    expect(lines).toHaveLength(1552);
    const casSegments = new Set([...claims.flatMap((c) => c.adjustments), ...lines.flatMap((l) => l.adjustments)].map((a) => a.position));
    expect(casSegments.size).toBe(2405);
    expect(claims.filter((c) => c.statusCode === '19')).toHaveLength(292);
    expect(claims.filter((c) => c.statusCode === '22')).toHaveLength(8);
  });
});
