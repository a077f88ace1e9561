// The 837P writer, read back by our own 837 mapper (no warnings, the same claims) and by node-x12.
import { describe, expect, it } from 'vitest';
import type { Submission } from '../model.ts';
import { C1, C2, FILE1, FILE3, PRACTICE } from './test-fixture.ts';
import { hierarchy, nodeX12, read837, segmentCount } from './test-read.ts';
import { batchId837, transactionSets837, write837P } from './write-837.ts';

const control = { interchange: 101, group: 101, fileDate: '2024-03-01' };

/** What our mapper should read for a submission: the model's values in the reader's shape. */
function expected(s: Submission) {
  const c = s.claim;
  return {
    patientControlNumber: c.id, charge: c.charge, facilityCode: '11', facilityCodeQualifier: 'B', frequencyCode: s.frequency,
    originalPayerClaimNumber: s.originalPayerClaimNumber ?? null, priorAuthorization: c.priorAuthorization ?? null,
    billingProvider: { idQualifier: 'XX', id: PRACTICE.billingNpi, taxId: PRACTICE.taxId, lastName: PRACTICE.name },
    subscriber: { id: c.patient.memberId, lastName: c.patient.lastName, payerResponsibility: 'P', relationship: '18', filingIndicator: PRACTICE.payers.find((p) => p.id === s.payerId)!.filingIndicator, birthDate: c.patient.birthDate, gender: c.patient.sex },
    payer: { id: s.payerId },
    renderingProvider: { idQualifier: 'XX', id: c.renderingNpi },
    serviceFacility: { idQualifier: 'XX', id: PRACTICE.locations[0].npi },
    diagnoses: c.diagnoses.map((code, i) => expect.objectContaining({ sequence: i + 1, code, qualifier: i === 0 ? 'ABK' : 'ABF', isPrincipal: i === 0 })),
    lines: c.lines.map((l) => expect.objectContaining({
      lineNumber: String(l.number), procedureQualifier: 'HC', procedureCode: l.procedureCode, modifiers: l.modifiers, charge: l.charge, unitBasis: 'UN',
      units: String(l.units), diagnosisPointers: l.diagnosisPointers, serviceDate: l.serviceDate, serviceDateEnd: l.serviceDate, lineControlNumber: l.controlNumber,
    })),
  };
}

describe('write837P', () => {
  it('writes one transaction set per payer, in order of first appearance, that our reader maps without a warning', async () => {
    const text = write837P(PRACTICE, FILE1, control);
    const r = await read837(text);
    expect(r.warnings).toEqual([]);
    expect(r.submissions.map((s) => [s.header.controlNumber, s.header.group?.controlNumber, s.header.group?.version, s.reference, s.submittedDate, s.claimCount])).toEqual([
      ['0001', '101', '005010X222A1', batchId837(101), '2024-03-01', 4],
      ['0002', '101', '005010X222A1', batchId837(101), '2024-03-01', 1],
    ]);
    expect(r.submissions[0].submitter).toMatchObject({ idQualifier: '46', id: PRACTICE.submitterId });
    expect(r.submissions[0].receiver).toMatchObject({ idQualifier: '46', id: PRACTICE.receiverId });
    // ACME's claims first (C1, C2, C4, C5), then Medicare's C3: grouped by payer, not in the order given.
    const inOrder = transactionSets837(FILE1).flatMap((set) => set.submissions);
    expect(r.claims.map((c) => c.patientControlNumber)).toEqual(['CLM-1001', 'CLM-1002', 'CLM-1004', 'CLM-1005', 'CLM-1003']);
    r.claims.forEach((c, i) => expect(c).toMatchObject(expected(inOrder[i])));
    // the claim with three lines, modifiers and pointers, as sent
    expect(r.claims[0].lines.map((l) => [l.procedureCode, l.modifiers, l.units, l.diagnosisPointers])).toEqual([
      ['99214', ['25'], '1', [1, 3]], ['20610', ['RT', '59'], '1', [2]], ['J3301', [], '4', [2]],
    ]);
    expect(r.claims[0].diagnoses.map((d) => `${d.qualifier}:${d.code}`)).toEqual(['ABK:E119', 'ABF:M1711', 'ABF:I10']);
    expect(text).toContain('SV1*HC:20610:RT:59*220.00*UN*1***2~');
    expect(text).toContain('SV1*HC:J3301*80.00*UN*4***2~');
  });

  it('writes a replacement with frequency 7, REF*G1 and REF*F8', async () => {
    const text = write837P(PRACTICE, FILE3, { interchange: 103, group: 103, fileDate: '2024-03-20' });
    const r = await read837(text);
    expect(r.warnings).toEqual([]);
    expect(r.claims).toHaveLength(1);
    expect(r.claims[0]).toMatchObject(expected(FILE3[0]));
    expect(r.claims[0]).toMatchObject({ frequencyCode: '7', originalPayerClaimNumber: 'AC24-0002', priorAuthorization: 'AUTH-778' });
    expect(text).toContain('CLM*CLM-1002*1400.00***11:B:7*Y*A*Y*Y~\nREF*G1*AUTH-778~\nREF*F8*AC24-0002~\nHI*ABK:M25561~');
  });

  it('builds a valid hierarchy: billing provider 20, one subscriber 22 per claim without children', () => {
    expect(hierarchy(write837P(PRACTICE, FILE1, control))).toEqual([
      ['1 - 20', '2 1 22', '3 1 22', '4 1 22', '5 1 22'],
      ['1 - 20', '2 1 22'],
    ]);
    expect(write837P(PRACTICE, FILE1, control)).toContain('HL*1**20*1~\nNM1*85*2*TEST FAMILY CLINIC*****XX*1234567893~');
  });

  it('passes node-x12 strict parsing with no diagnostics and the same segments', () => {
    const text = write837P(PRACTICE, FILE1, control);
    const { interchange, diagnostics } = nodeX12(text);
    expect(diagnostics).toEqual([]);
    expect(interchange.functionalGroups[0].transactions.map((t) => t.header.valueOf(2))).toEqual(['0001', '0002']);
    expect(segmentCount(interchange)).toBe(text.split('~\n').filter((s) => /^(?!ISA|GS|GE|IEA)/.test(s) && s !== '').length);
    expect(text.indexOf('~')).toBe(105); // the ISA is 106 characters with its terminator
  });

  it('writes the same bytes for the same input', () => {
    expect(write837P(PRACTICE, FILE1, control)).toBe(write837P(PRACTICE, FILE1, control));
  });

  it('writes nothing for no submissions, and refuses claims a payer would reject', () => {
    expect(write837P(PRACTICE, [], control)).toBe('');
    const replacementWithoutF8: Submission = { ...FILE3[0], originalPayerClaimNumber: undefined };
    expect(() => write837P(PRACTICE, [replacementWithoutF8], control)).toThrow('claim CLM-1002: frequency 7 needs the payer claim number it replaces (REF*F8)');
    const badPointer: Submission = { ...FILE1[0], claim: { ...C1, lines: [{ ...C1.lines[0], diagnosisPointers: [4] }, ...C1.lines.slice(1)] } };
    expect(() => write837P(PRACTICE, [badPointer], control)).toThrow('claim CLM-1001: line 1 has diagnosis pointers [4]');
    const wrongTotal: Submission = { ...FILE1[2], claim: { ...C2, charge: 1 } };
    expect(() => write837P(PRACTICE, [wrongTotal], control)).toThrow('claim CLM-1002: charge 0.01 is not the sum of its lines 1400.00');
    const unknownProvider: Submission = { ...FILE1[0], claim: { ...C1, renderingNpi: '1111111112' } };
    expect(() => write837P(PRACTICE, [unknownProvider], control)).toThrow('rendering provider 1111111112 of claim CLM-1001 is not in the practice');
  });
});
