// The public 837 samples (RCM_SAMPLES_DIR), with answers read off the files by hand.
import { describe, expect, it } from 'vitest';
import { samplePath } from '../support/samples.ts';
import { diagnosisCodes as dx, read837 } from '../support/read-837.ts';

const read = (name: string) => read837(name, samplePath(name));

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
});
