// The 837 mapper over 837s written here (tests/support/fixture-837p.ts, x12-fixture.ts), edited into what
// outside senders send. The public samples: tests/conformance/map-837.test.ts.
import { describe, expect, it } from 'vitest';
import { tempDir, writeFile } from '../../tests/support/temp.ts';
import { institutional837, professional837, x12Fixture } from '../../tests/support/x12-fixture.ts';
import { fixture837P } from '../../tests/support/fixture-837p.ts';
import { diagnosisCodes as dx, read837 as read } from '../../tests/support/read-837.ts';

describe('an 837P', () => {
  it('reads the fixture: patient other than the subscriber, ICD-10 diagnoses, pointers, no warning', async () => {
    const r = await read('fixture.837', writeFile(tempDir(), 'fixture.837', fixture837P()));
    expect(r.codes).toEqual([]);
    expect(r.submissions).toEqual([expect.objectContaining({ submittedDate: '2024-03-05', reference: 'BATCH7', claimCount: 1 })]);
    const [c] = r.claims;
    expect(c).toMatchObject({ claimType: 'professional', patientControlNumber: 'PCN-5521', charge: 18000, placeOfService: '11', clearinghouseTrace: 'CH202403050001', billType: null });
    expect(c.subscriber).toMatchObject({ lastName: 'RIVERA', firstName: 'ANA', id: 'W100200300', groupNumber: 'GRP-88', filingIndicator: 'CI' });
    expect(c.patient).toMatchObject({ lastName: 'RIVERA', firstName: 'LUIS', birthDate: '2015-06-12', gender: 'M' });
    expect(c.payer).toMatchObject({ lastName: 'BADGER HEALTH PLAN', id: 'BHP01' });
    expect(dx(c)).toEqual(['ABK:J069', 'ABF:R509']);
    expect(c.lines.map((l) => [l.lineNumber, l.procedureCode, l.charge, l.units, l.diagnosisPointers, l.serviceDate])).toEqual([
      ['1', '99213', 9000, '1', [1], '2024-03-01'],
      ['2', '87880', 3000, '1', [1], '2024-03-01'],
      ['3', '99214', 4500, '1', [2], '2024-03-04'],
      ['4', '94640', 1500, '1', [2], '2024-03-04'],
    ]);
  });

  it('keeps modifiers in their positions (an empty first modifier stays empty)', async () => {
    const text = fixture837P().replace('SV1*HC:99213*', 'SV1*HC:99213::59*').replace('SV1*HC:87880*', 'SV1*HC:87880:25:::*');
    const r = await read('modifiers.837', writeFile(tempDir(), 'modifiers.837', text));
    expect(r.codes).toEqual([]);
    expect(r.claims[0].lines.map((l) => [l.procedureCode, l.modifiers])).toEqual([['99213', [null, '59']], ['87880', ['25']], ['99214', []], ['94640', []]]);
  });
});

describe('837s from outside senders', () => {
  const variant = (name: string, edit: (text: string) => string) => {
    const text = edit(fixture837P());
    expect(text).not.toBe(fixture837P());
    return read(name, writeFile(tempDir(), name, text));
  };

  it('reads HI and SV107 with the separator the sender used when it is not ISA16 (three-letter qualifiers too)', async () => {
    const r = await variant('mismatch.837', (t) => t.replace('*0*P*:~', '*0*P*>~').replace('HI*ABK:J069*ABF:R509', 'HI*ABK:R69*ABF:R51').replace('SV1*HC:99214*45*UN*1***2', 'SV1*HC:99214*45*UN*1***2:1'));
    expect(r.codes).toEqual(['separator_mismatch']);
    expect(dx(r.claims[0])).toEqual(['ABK:R69', 'ABF:R51']);
    expect(r.claims[0].lines[2]).toMatchObject({ procedureCode: '99214', diagnosisPointers: [2, 1] });
  });

  it('takes the admission date from DTP*435 sent as date and time (DT), and lets a time (TM) be', async () => {
    const r = await variant('dt.837', (t) => t.replace('REF*D9*CH202403050001~', 'REF*D9*CH202403050001~DTP*096*TM*1130~DTP*435*DT*202401010830~'));
    expect(r.codes).toEqual(['control_count']); // the SE count, two segments short
    expect(r.claims[0].admissionDate).toBe('2024-01-01');
  });

  it('warns when RD8 carries one date, and reads it as that day', async () => {
    const r = await variant('rd8.837', (t) => t.replace('SV1*HC:99213*90*UN*1***1~\nDTP*472*D8*20240301', 'SV1*HC:99213*90*UN*1***1~\nDTP*472*RD8*20240301'));
    expect(r.warnings.map((w) => w.message)).toEqual(['DTP03 "20240301" is one date where RD8 asks for a range (CCYYMMDD-CCYYMMDD); read as that one day']);
    expect(r.claims[0].lines[0]).toMatchObject({ serviceDate: '2024-03-01', serviceDateEnd: '2024-03-01' });
  });

  it('refuses a dental 837 (X224) rather than read it as a professional claim without its lines', async () => {
    const text = fixture837P().replaceAll('005010X222A2', '005010X224A2');
    await expect(read('dental.837', writeFile(tempDir(), 'dental.837', text))).rejects.toMatchObject({ code: 'unsupported_transaction', message: expect.stringContaining('dental claim') });
  });

  it('reads a second SV1 in one LX as a line of its own, with a warning', async () => {
    const r = await variant('two-sv1.837', (t) => t.replace('SV1*HC:87880*30*UN*1***1~', 'SV1*HC:87880*20*UN*1***1~\nSV1*HC:87881*10*UN*1***2~'));
    expect(r.codes).toEqual(['unexpected_segment', 'control_count']);
    expect(r.claims[0].lines.map((l) => [l.lineNumber, l.procedureCode, l.charge, l.diagnosisPointers])).toEqual([
      ['1', '99213', 9000, [1]], ['2', '87880', 2000, [1]], [null, '87881', 1000, [2]], ['3', '99214', 4500, [2]], ['4', '94640', 1500, [2]],
    ]);
  });

  it('keeps each diagnosis in its HI place, so pointers after an empty element still find their codes', async () => {
    const r = await variant('hi-gap.837', (t) => t.replace('HI*ABK:J069*ABF:R509', 'HI*ABK:J069**ABF:R509').replace('SV1*HC:99214*45*UN*1***2', 'SV1*HC:99214*45*UN*1***3'));
    expect(r.claims[0].diagnoses.map((d) => [d.sequence, d.code])).toEqual([[1, 'J069'], [3, 'R509']]);
    // separators left after the last element hold no place
    const trailing = await variant('hi-trailing.837', (t) => t.replace('HI*ABK:J069*ABF:R509', 'HI*ABK:J069**~\nHI*ABF:R509*'));
    expect(trailing.claims[0].diagnoses.map((d) => [d.sequence, d.code])).toEqual([[1, 'J069'], [2, 'R509']]);
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
