// 835s that break the structure, written here from the hand-computed fixture (tests/support/fixture-835.ts).
// The public samples: tests/conformance/map-835.test.ts.
import { describe, expect, it } from 'vitest';
import { fixture835 } from '../../tests/support/fixture-835.ts';
import { fixture837P } from '../../tests/support/fixture-837p.ts';
import { tempDir, writeFile } from '../../tests/support/temp.ts';
import { formatCents } from '../../kernel/money.ts';
import { eraTransaction } from './era-document.ts';
import { readEra, type EraRead } from './read-era.ts';

const codes = (r: EraRead) => r.remittances.flatMap((x) => x.warnings.map((w) => w.code));
const claimsOf = (r: EraRead) => r.remittances.flatMap((x) => x.claims);
const money = (c: number | null) => (c === null ? null : formatCents(c));

describe('835s that break the structure', () => {
  it('keeps the first payee when a second N1*PE comes after the claims, and says so', async () => {
    // seen in an outside sample: N1*PE, REF*TJ and LX repeated between claims of one transaction
    const text = fixture835().replace('CLP*CLAIM-B*', 'N1*PE*OTHER CLINIC*XX*9999999999~\nREF*TJ*999999999~\nLX*2~\nCLP*CLAIM-B*');
    const r = await readEra(writeFile(tempDir(), 'two-payees.835', text), 'two-payees.835');
    expect(r.error).toBeUndefined();
    const [{ remittance, claims, warnings }] = r.remittances;
    expect(remittance.payee).toMatchObject({ name: 'GOOD CLINIC', id: '1234567893', position: 9 });
    expect(remittance.payee.references).toEqual([expect.objectContaining({ qualifier: 'TJ', value: '111223333' })]);
    expect(remittance.payment.references).toEqual([]);
    const repeated = warnings.filter((w) => w.code === 'unexpected_segment');
    expect(repeated).toHaveLength(1);
    expect(repeated[0]).toMatchObject({ segmentText: 'N1*PE*OTHER CLINIC*XX*9999999999' });
    expect(repeated[0].message).toContain('the payee named at segment 9 (GOOD CLINIC) is kept');
    // nothing else is lost: every claim is still read, the one after the second payee too
    expect(claims.map((c) => c.patientControlNumber)).toEqual(['CLAIM-A', 'CLAIM-B', 'CLAIM-C', 'CLAIM-C']); // C: a reversal and its correction
  });

  it.each([
    ['CLP04', 'CLP*CLAIM-A*1*500.00*280.00*', 'CLP*CLAIM-A*1*500.00*280.005*', '"280.005" has a fraction of a cent'],
    ['CAS03', 'CAS*CO*A2*20.00', 'CAS*CO*A2*20.004', '"20.004" has a fraction of a cent'],
  ])('rejects an amount with a fraction of a cent (%s) rather than rounding it', async (element, from, to, message) => {
    const text = fixture835().replace(from, to);
    expect(text).not.toBe(fixture835());
    const r = await readEra(writeFile(tempDir(), 'sub-cent.835', text), 'sub-cent.835');
    expect(r.error).toMatchObject({ code: 'invalid_amount', message: expect.stringContaining(`${element} ${message}`) });
    expect(r.error?.segmentText).toContain(to.split('*').slice(0, 3).join('*'));
  });

  it('reads zeros past the cents as the amount they are', async () => {
    const text = fixture835().replace('CLP*CLAIM-A*1*500.00*280.00*', 'CLP*CLAIM-A*1*500.000*280.0000*');
    const r = await readEra(writeFile(tempDir(), 'zeros.835', text), 'zeros.835');
    expect(r.error).toBeUndefined();
    expect(codes(r)).toEqual([]);
    expect(money(claimsOf(r)[0].paid)).toBe('280.00');
  });

  it('warns, on the payment, of a PLB without any adjustment and of a PLB pair without an amount', async () => {
    const plb = 'PLB*1234567893*20241231*L6:INT1*-5.00*WO:ICN-X*15.00';
    const text = fixture835().replace(plb, 'PLB*1234567893*20241231~PLB*1234567893*20241231*L6:INT1*-5.00*WO:ICN-X');
    expect(text).not.toBe(fixture835());
    const r = await readEra(writeFile(tempDir(), 'plb.835', text), 'plb.835');
    expect(r.error).toBeUndefined();
    const [{ remittance, warnings }] = r.remittances;
    expect(remittance.providerAdjustments.map((a) => [a.reason, a.reference, money(a.amount)])).toEqual([['L6', 'INT1', '-5.00']]);
    const plbWarnings = warnings.filter((w) => w.segmentText?.startsWith('PLB'));
    expect(plbWarnings.map((w) => [w.code, w.segmentText, w.subjectSegment])).toEqual([
      ['invalid_value', 'PLB*1234567893*20241231', remittance.payment.position],
      ['invalid_value', 'PLB*1234567893*20241231*L6:INT1*-5.00*WO:ICN-X', remittance.payment.position],
    ]);
    expect(plbWarnings[0].message).toContain('PLB has no adjustment');
    expect(plbWarnings[1].message).toContain('PLB pair 2 (WO:ICN-X) has a reason but no amount');
    // the missing 15.00 leaves the transaction unbalanced, and that is said too
    expect(codes(r)).toContain('transaction_unbalanced');
  });

  it('loads every CAS triplet and PLB pair past the six X12 allows, and says so', async () => {
    const text = fixture835()
      .replace('CAS*CO*197*150.00', 'CAS*CO*1*10*1*2*10*1*3*10*1*4*10*1*5*10*1*6*10*1*197*90')
      .replace('WO:ICN-X*15.00', 'WO:ICN-X*15.00*FB:A*1.00*FB:B*-1.00*FB:C*2.00*FB:D*-2.00*FB:E*0');
    const r = await readEra(writeFile(tempDir(), 'long.835', text), 'long.835');
    expect(r.error).toBeUndefined();
    const [{ remittance, claims, warnings }] = r.remittances;
    const b = claims.find((c) => c.patientControlNumber === 'CLAIM-B')!;
    expect(b.lines[0].adjustments.map((a) => [a.triplet, a.reason, money(a.amount), a.quantity])).toEqual([
      [1, '1', '10.00', '1'], [2, '2', '10.00', '1'], [3, '3', '10.00', '1'], [4, '4', '10.00', '1'], [5, '5', '10.00', '1'], [6, '6', '10.00', '1'], [7, '197', '90.00', null],
    ]);
    expect(remittance.providerAdjustments.map((a) => [a.pair, a.reason, money(a.amount)])).toEqual([
      [1, 'L6', '-5.00'], [2, 'WO', '15.00'], [3, 'FB', '1.00'], [4, 'FB', '-1.00'], [5, 'FB', '2.00'], [6, 'FB', '-2.00'], [7, 'FB', '0.00'],
    ]);
    // the file balances as written, so nothing but the two notices
    expect(warnings.map((w) => [w.code, w.message])).toEqual([
      ['invalid_value', 'CAS holds 7 triplets where X12 allows 6; all of them were loaded'],
      ['invalid_value', 'PLB holds 7 adjustment pairs where X12 allows 6; all of them were loaded'],
    ]);
  });

  it('warns of claim-level segments where no claim is open, and attaches them to nothing', async () => {
    const text = fixture835().replace('LX*1~\n', 'LX*1~\nREF*6R*STRAY~\nAMT*AU*5.00~\nQTY*CA*2~\nNM1*QC*1*DOE*JANE****MI*X1~\nDTM*232*20240301~\n');
    expect(text).not.toBe(fixture835());
    const r = await readEra(writeFile(tempDir(), 'stray.835', text), 'stray.835');
    expect(r.error).toBeUndefined();
    const [{ remittance, claims, warnings }] = r.remittances;
    // (the SE count, now five short, is warned of too)
    expect(warnings.filter((w) => w.code !== 'control_count').map((w) => [w.code, w.segmentText])).toEqual([
      ['unexpected_segment', 'REF*6R*STRAY'], ['unexpected_segment', 'AMT*AU*5.00'], ['unexpected_segment', 'QTY*CA*2'],
      ['unexpected_segment', 'NM1*QC*1*DOE*JANE****MI*X1'], ['unexpected_segment', 'DTM*232*20240301'],
    ]);
    expect(warnings[0].message).toBe('REF appears where no claim payment is open (before the first CLP, or after a PLB) and was ignored');
    expect(remittance.payee.references.map((x) => x.value)).toEqual(['111223333']);
    expect(remittance.payment.references).toEqual([]);
    expect(claims[0]).toMatchObject({ amounts: [], quantities: [], patient: expect.objectContaining({ lastName: 'DOE', id: 'M123' }) });
  });

  it('says where a CAS after the PLB stands, and rejects it', async () => {
    const text = fixture835().replace('WO:ICN-X*15.00~\n', 'WO:ICN-X*15.00~\nCAS*CO*45*1.00~\n');
    const r = await readEra(writeFile(tempDir(), 'late-cas.835', text), 'late-cas.835');
    expect(r.error).toMatchObject({ code: 'structure', message: expect.stringContaining('CAS appears where no claim payment is open (before the first CLP, or after a PLB)') });
  });

  it('loads an empty CLP02 as missing, with a warning', async () => {
    const text = fixture835().replace('CLP*CLAIM-A*1*', 'CLP*CLAIM-A**');
    const r = await readEra(writeFile(tempDir(), 'no-status.835', text), 'no-status.835');
    expect(r.error).toBeUndefined();
    const [{ remittance, claims, warnings }] = r.remittances;
    expect(claims[0]).toMatchObject({ statusCode: null, isReversal: false });
    expect(warnings.map((w) => [w.code, w.message])).toEqual([['invalid_value', 'CLP02 (claim status, a required code) is empty; loaded as missing']]);
    expect(eraTransaction(remittance, claims, warnings).claims[0].status_code).toBeNull();
  });

  it('loads quantities to four decimals, saying when it rounds, and refuses ones too long to hold', async () => {
    const text = fixture835()
      .replace('SVC*HC:96372*200.00*100.00**2', 'SVC*HC:96372*200.00*100.00**0.00004')
      .replace('CAS*CO*45*50.00~\nCAS*PR*1*50.00', 'CAS*CO*45*50.00*0.12345~\nCAS*PR*1*50.00*123456789012345');
    expect(text).not.toBe(fixture835());
    const r = await readEra(writeFile(tempDir(), 'quantities.835', text), 'quantities.835');
    expect(r.error).toBeUndefined();
    const [{ claims, warnings }] = r.remittances;
    const line = claims[0].lines[1];
    expect(line.units).toBe('0');
    expect(line.adjustments.map((a) => a.quantity)).toEqual(['0.1235', null]);
    expect(warnings.map((w) => w.message)).toEqual([
      'SVC05 "0.00004" has more than 4 decimals; loaded rounded to 0',
      'CAS04 "0.12345" has more than 4 decimals; loaded rounded to 0.1235',
      'CAS04 "123456789012345" has more digits than a quantity holds (14 before the decimal point); loaded as missing',
    ]);
  });

  it('rejects an amount beyond the warehouse, saying it is out of range', async () => {
    const text = fixture835().replace('CLP*CLAIM-A*1*500.00*', 'CLP*CLAIM-A*1*10000000000000.00*');
    const r = await readEra(writeFile(tempDir(), 'huge.835', text), 'huge.835');
    expect(r.error).toMatchObject({ code: 'invalid_amount', message: expect.stringContaining('CLP03 "10000000000000.00" is larger than the warehouse holds') });
  });

  it('shows the 835s of a file that also holds an 837, and refuses a file with no 835', async () => {
    const claims837 = fixture837P();
    const mixed = await readEra(writeFile(tempDir(), 'mixed.edi', fixture835() + claims837), 'mixed.edi');
    expect(mixed.error).toBeUndefined();
    expect(mixed.remittances).toHaveLength(1);
    expect(mixed.remittances[0].warnings.map((w) => [w.code, w.message])).toContainEqual(['unexpected_segment', 'transaction set 837 is not an 835 and was skipped here (rcm ingest loads it)']);
    const only837 = await readEra(writeFile(tempDir(), 'fixture.837', claims837), 'fixture.837');
    expect(only837.error).toMatchObject({ code: 'unsupported_transaction', message: expect.stringContaining('the file holds no 835 remittance') });
  });

  it('reads an 835 in a group of another kind (GS01 HC), and says so', async () => {
    const text = fixture835().replace('GS*HP*', 'GS*HC*');
    const r = await readEra(writeFile(tempDir(), 'gs-hc.835', text), 'gs-hc.835');
    expect(r.error).toBeUndefined();
    expect(claimsOf(r)).toHaveLength(4);
    expect(r.remittances[0].warnings.map((w) => [w.code, w.message])).toEqual([
      ['unexpected_segment', 'the functional group (GS01 HC) is not one of 835s (HP); this transaction set is read as the 835 its ST says it is'],
    ]);
  });
});
