// The public 837 samples, with answers read off the files by hand.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { samplePath } from '../../tests/support/samples.ts';
import { tempDir, writeFile } from '../../tests/support/temp.ts';
import { institutional837, professional837, x12Fixture } from '../../tests/support/x12-fixture.ts';
import type { Warning } from '../x12/diagnostics.ts';
import { readX12File } from '../x12/reader.ts';
import { TransactionRouter } from '../transaction-router.ts';
import type { Claim, Submission } from './claim.ts';
import { Claim837Mapper } from './map-837.ts';

async function read(name: string, path = samplePath(name)) {
  const claims: Claim[] = [];
  const submissions: Submission[] = [];
  const warnings: Warning[] = [];
  const sink = { claim: (_: Submission, c: Claim) => claims.push(c), submission: (s: Submission) => submissions.push(s) };
  await readX12File(path, new TransactionRouter({ '837': (h) => new Claim837Mapper(h, sink, (w) => warnings.push(w)) }, (w) => warnings.push(w)), name);
  return { claims, submissions, warnings, codes: warnings.map((w) => w.code) };
}

const dx = (c: Claim) => c.diagnoses.map((d) => `${d.qualifier}:${d.code}`);

describe('837 samples', () => {
  it('LinuxForHealth 837P demo: patient other than the subscriber, ICD-9 diagnoses, pointers', async () => {
    const r = await read('linuxforhealth_x12__837p-demo.837');
    expect(r.codes).toEqual([]);
    expect(r.submissions).toEqual([expect.objectContaining({ submittedDate: '2006-10-15', reference: '244579', claimCount: 1 })]);
    const [c] = r.claims;
    expect(c).toMatchObject({
      claimType: 'professional', patientControlNumber: '26463774', charge: 10000, facilityCode: '11', facilityCodeQualifier: 'B', frequencyCode: '1', placeOfService: '11', facilityTypeCode: null,
      clearinghouseTrace: '17312345600006351', billType: null,
    });
    expect(c.billingProvider).toMatchObject({ lastName: 'BEN KILDARE SERVICE', idQualifier: 'XX', id: '1912301953', taxId: '587654321', taxonomy: '203BF0100Y' });
    expect(c.subscriber).toMatchObject({ lastName: 'SMITH', firstName: 'JANE', id: 'JS00111223333', payerResponsibility: 'P', groupNumber: '2222-SJ', filingIndicator: 'CI' });
    expect(c.patient).toMatchObject({ lastName: 'SMITH', firstName: 'TED', birthDate: '1973-05-01', gender: 'M' });
    expect(c.payer).toMatchObject({ lastName: 'KEY INSURANCE COMPANY', id: '999996666' });
    expect(dx(c)).toEqual(['BK:0340', 'BF:V7389']);
    expect(c.diagnoses[0].isPrincipal).toBe(true);
    expect(c.lines.map((l) => [l.lineNumber, l.procedureCode, l.charge, l.units, l.diagnosisPointers, l.serviceDate])).toEqual([
      ['1', '99213', 4000, '1', [1], '2006-10-03'],
      ['2', '87070', 1500, '1', [1], '2006-10-03'],
      ['3', '99214', 3500, '1', [2], '2006-10-10'],
      ['4', '86663', 1000, '1', [2], '2006-10-10'],
    ]);
  });

  it('LinuxForHealth 837P COB: the other subscriber loop does not overwrite the claim', async () => {
    const r = await read('linuxforhealth_x12__837p-demo.cob.example3.A.837');
    expect(r.codes).toEqual([]);
    const [c] = r.claims;
    expect(c.patientControlNumber).toBe('26407789');
    expect(dx(c)).toEqual(['BK:4779', 'BF:2724', 'BF:2780', 'BF:53081']);
    expect(c.lines.map((l) => l.diagnosisPointers)).toEqual([[1, 2, 3, 4], [1, 2], [1, 2]]);
    expect(c.renderingProvider).toMatchObject({ idQualifier: 'XX' });
    expect(c.payer.id).toBe('999996666');
  });

  it('LinuxForHealth 837I: two claims, bill type 131, revenue-code lines, three diagnoses', async () => {
    const r = await read('linuxforhealth_x12__837i-two-claims-single-provider.837i');
    expect(r.codes).toEqual([]);
    expect(r.claims.map((c) => [c.patientControlNumber, c.claimType, c.billType, c.charge, c.statementFrom, dx(c).join(' ')])).toEqual([
      ['756048Q', 'institutional', '131', 8995, '2005-03-15', 'BK:3669 BF:4019 BF:79431'],
      ['756049Q', 'institutional', '131', 5000, '2005-04-01', 'BK:30000'],
    ]);
    expect(r.claims[0].lines.map((l) => [l.revenueCode, l.procedureCode, l.charge, l.units])).toEqual([['0305', '85025', 1339, '1'], ['0730', '93005', 7656, '3']]);
    expect(r.claims[0].attendingProvider).toMatchObject({ lastName: 'JONES', id: '1122334455' });
    expect(r.claims.map((c) => c.subscriber.lastName)).toEqual(['DOE', 'SMITH']);
  });

  it('imsweb different separators (~ ^ _): loads, warns on the malformed HI and the SE count', async () => {
    const r = await read('imsweb_x12-parser__837p-valid_different_separators.txt');
    expect(r.claims.map((c) => [c.patientControlNumber, c.charge, c.lines.length, dx(c).join(' ')])).toEqual([
      ['A37YH556', 50000, 1, 'BF:5559'],
      ['A37YH667', 50000, 1, 'BF:5559'],
    ]);
    expect(r.claims[0].lines[0]).toMatchObject({ procedureCode: '99211', modifiers: ['25'], serviceDate: '2005-03-14', serviceDateEnd: '2005-03-25' });
    expect(r.codes.filter((c) => c === 'invalid_value')).toHaveLength(8); // HI01–HI04 of each claim have no qualifier:code
    expect(r.codes).toContain('control_count');
  });

  it('imsweb two ISA envelopes in one file: four claims', async () => {
    const r = await read('imsweb_x12-parser__837p-multiple_isa.txt');
    expect(r.submissions).toHaveLength(2);
    expect(r.claims.map((c) => c.patientControlNumber)).toEqual(['A37YH556', 'A37YH667', 'A37YH5561', 'A37YH6672']);
  });

  it('keeps modifiers in their positions (an empty first modifier stays empty)', async () => {
    const name = 'linuxforhealth_x12__837p-demo.837';
    const text = readFileSync(samplePath(name), 'latin1').replace('SV1*HC:99213*', 'SV1*HC:99213::59*').replace('SV1*HC:87070*', 'SV1*HC:87070:25:::*');
    const r = await read(name, writeFile(tempDir(), 'modifiers.837', text));
    expect(r.codes).toEqual([]);
    expect(r.claims[0].lines.map((l) => [l.procedureCode, l.modifiers])).toEqual([['99213', [null, '59']], ['87070', ['25']], ['99214', []], ['86663', []]]);
  });
});

describe('837s from outside senders', () => {
  const DEMO = 'linuxforhealth_x12__837p-demo.837';
  const variant = (name: string, edit: (text: string) => string) => {
    const text = edit(readFileSync(samplePath(DEMO), 'latin1'));
    expect(text).not.toBe(readFileSync(samplePath(DEMO), 'latin1'));
    return read(name, writeFile(tempDir(), name, text));
  };

  it('reads HI and SV107 with the separator the sender used when it is not ISA16 (three-letter qualifiers too)', async () => {
    const r = await variant('mismatch.837', (t) => t.replace('*1*T*:~', '*1*T*>~').replace('HI*BK:0340*BF:V7389', 'HI*ABK:R69*ABF:R51').replace('SV1*HC:99214*35*UN*1.0***2', 'SV1*HC:99214*35*UN*1.0***2:1'));
    expect(r.codes).toEqual(['separator_mismatch']);
    expect(dx(r.claims[0])).toEqual(['ABK:R69', 'ABF:R51']);
    expect(r.claims[0].lines[2]).toMatchObject({ procedureCode: '99214', diagnosisPointers: [2, 1] });
  });

  it('takes the admission date from DTP*435 sent as date and time (DT), and lets a time (TM) be', async () => {
    const r = await variant('dt.837', (t) => t.replace('REF*D9*17312345600006351~', 'REF*D9*17312345600006351~DTP*096*TM*1130~DTP*435*DT*202401010830~'));
    expect(r.codes).toEqual(['control_count']); // the SE count, two segments short
    expect(r.claims[0].admissionDate).toBe('2024-01-01');
  });

  it('warns when RD8 carries one date, and reads it as that day', async () => {
    const r = await variant('rd8.837', (t) => t.replace('DTP*472*D8*20061003', 'DTP*472*RD8*20061003'));
    expect(r.warnings.map((w) => w.message)).toEqual(['DTP03 "20061003" is one date where RD8 asks for a range (CCYYMMDD-CCYYMMDD); read as that one day']);
    expect(r.claims[0].lines[0]).toMatchObject({ serviceDate: '2006-10-03', serviceDateEnd: '2006-10-03' });
  });

  it('refuses a dental 837 (X224) rather than read it as a professional claim without its lines', async () => {
    const text = readFileSync(samplePath(DEMO), 'latin1').replaceAll('005010X222A2', '005010X224A2');
    await expect(read('dental.837', writeFile(tempDir(), 'dental.837', text))).rejects.toMatchObject({ code: 'unsupported_transaction', message: expect.stringContaining('dental claim') });
  });

  it('reads a second SV1 in one LX as a line of its own, with a warning', async () => {
    const r = await variant('two-sv1.837', (t) => t.replace('SV1*HC:87070*15*UN*1.0***1~', 'SV1*HC:87070*10*UN*1.0***1~SV1*HC:87071*5*UN*1.0***2~'));
    expect(r.codes).toEqual(['unexpected_segment', 'control_count']);
    expect(r.claims[0].lines.map((l) => [l.lineNumber, l.procedureCode, l.charge, l.diagnosisPointers])).toEqual([
      ['1', '99213', 4000, [1]], ['2', '87070', 1000, [1]], [null, '87071', 500, [2]], ['3', '99214', 3500, [2]], ['4', '86663', 1000, [2]],
    ]);
  });

  it('keeps each diagnosis in its HI place, so pointers after an empty element still find their codes', async () => {
    const r = await variant('hi-gap.837', (t) => t.replace('HI*BK:0340*BF:V7389', 'HI*BK:0340**BF:V7389').replace('SV1*HC:99214*35*UN*1.0***2', 'SV1*HC:99214*35*UN*1.0***3'));
    expect(r.claims[0].diagnoses.map((d) => [d.sequence, d.code])).toEqual([[1, '0340'], [3, 'V7389']]);
    // separators left after the last element hold no place
    const trailing = await variant('hi-trailing.837', (t) => t.replace('HI*BK:0340*BF:V7389', 'HI*BK:0340**~HI*BF:V7389*'));
    expect(trailing.claims[0].diagnoses.map((d) => [d.sequence, d.code])).toEqual([[1, '0340'], [2, 'V7389']]);
  });

  it('takes a loop\'s parent from HL02: a subscriber under the first billing provider, a patient under the first subscriber', async () => {
    const segments = [
      'ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *240101*1200*^*00501*000000001*0*P*:',
      'GS*HC*SENDER*RECEIVER*20240101*1200*1*X*005010X222A1', 'ST*837*0001*005010X222A1', 'BHT*0019*00*1*20240101*1200*CH',
      'HL*1**20*1', 'NM1*85*2*FIRST*****XX*1111111112',
      'HL*2**20*1', 'NM1*85*2*SECOND*****XX*2222222220',
      'HL*3*1*22*1', 'SBR*P*18*******CI', 'NM1*IL*1*MOM*ONE****MI*M1', 'NM1*PR*2*PAYER ONE*****PI*P1',
      'HL*4*1*22*0', 'SBR*P*18*******CI', 'NM1*IL*1*SELF*TWO****MI*M2', 'NM1*PR*2*PAYER TWO*****PI*P2',
      'CLM*SELF-CLAIM*10***11:B:1*Y*A*Y*Y', 'HI*ABK:R69', 'LX*1', 'SV1*HC:99211*10*UN*1***1',
      'HL*5*3*23*0', 'PAT*19', 'NM1*QC*1*CHILD*KID',
      'CLM*CHILD-CLAIM*20***11:B:1*Y*A*Y*Y', 'HI*ABK:R51', 'LX*1', 'SV1*HC:99212*20*UN*1***1',
      'SE*26*0001', 'GE*1*1', 'IEA*1*000000001',
    ];
    const r = await read('hl-parents.837', writeFile(tempDir(), 'hl-parents.837', `${segments.join('~\n')}~\n`));
    expect(r.codes).toEqual([]);
    expect(r.claims.map((c) => [c.patientControlNumber, c.billingProvider.lastName, c.subscriber.lastName, c.payer.id, c.patient.lastName])).toEqual([
      ['SELF-CLAIM', 'FIRST', 'SELF', 'P2', 'SELF'],
      ['CHILD-CLAIM', 'FIRST', 'MOM', 'P1', 'CHILD'],
    ]);
  });
});

describe('professional or institutional: the implementation guide decides', () => {
  it('reads a 4010 837I (004010X096A1) with an empty CLM05-2 as institutional', async () => {
    const r = await read('4010.837i', writeFile(tempDir(), '4010.837i', x12Fixture({ type: '837', guide: '004010X096A1', isaVersion: '00401' }, institutional837('13::1', { diagnosis: 'BK:4019' }))));
    expect(r.codes).toEqual([]);
    expect(r.claims.map((c) => [c.claimType, c.facilityCode, c.facilityCodeQualifier, c.billType])).toEqual([['institutional', '13', null, '131']]);
  });

  it('reads an 837I whose CLM05-2 is B as institutional (bill type 111), and warns of the disagreement', async () => {
    const r = await read('b.837i', writeFile(tempDir(), 'b.837i', x12Fixture({ type: '837', guide: '005010X223A2' }, institutional837('11:B:1'))));
    expect(r.claims.map((c) => [c.claimType, c.facilityCode, c.placeOfService, c.facilityTypeCode, c.billType])).toEqual([['institutional', '11', null, '11', '111']]);
    expect(r.warnings.map((w) => [w.code, w.segment, w.message])).toEqual([[
      'invalid_value', 11,
      'CLM05-2 "B" says a place of service (837P), but the transaction\'s implementation guide 005010X223A2 is institutional (837I); read as institutional, CLM05-1 "11" as its facility type code. Ask the sender to correct CLM05-2.',
    ]]);
  });

  it('reads an 837P whose CLM05-2 is A as professional, with a warning', async () => {
    const r = await read('a.837', writeFile(tempDir(), 'a.837', x12Fixture({ type: '837', guide: '005010X222A1' }, professional837('11:A:1'))));
    expect(r.claims.map((c) => [c.claimType, c.facilityCode, c.placeOfService, c.facilityTypeCode, c.billType])).toEqual([['professional', '11', '11', null, null]]);
    expect(r.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/^CLM05-2 "A" says a facility type \(837I\), but .* 005010X222A1 is professional \(837P\); read as professional, CLM05-1 "11" as its place of service/)]);
  });

  it('takes CLM05-2 when the guide names neither 837P nor 837I', async () => {
    const r = await read('bare.837', writeFile(tempDir(), 'bare.837', x12Fixture({ type: '837', guide: '005010' }, institutional837('13:A:1'))));
    expect(r.claims.map((c) => [c.claimType, c.billType])).toEqual([['institutional', '131']]);
    expect(r.codes).not.toContain('invalid_value');
  });
});
