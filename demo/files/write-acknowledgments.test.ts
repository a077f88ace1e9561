// The 999 and 277CA writers, read back by our acknowledgment mappers (no warnings, the same
// dispositions and statuses) and by node-x12.
import { describe, expect, it } from 'vitest';
import { claimOf, PRACTICE, STATUSES1, STATUSES2 } from './test-fixture.ts';
import { hierarchy, nodeX12, readAcknowledgments } from './test-read.ts';
import { write277CA } from './write-277ca.ts';
import { write999, type AcknowledgedGroup } from './write-999.ts';

const PARTLY: AcknowledgedGroup = { group: 101, sets: [{ controlNumber: '0001', status: 'A' }, { controlNumber: '0002', status: 'R' }] };
const control = { interchange: 201, group: 201 };

describe('write999', () => {
  it('acknowledges each transaction set, with an error on the rejected one, and the group as partially accepted', async () => {
    const text = write999(PRACTICE, PARTLY, control, '2024-03-02');
    const r = await readAcknowledgments(text);
    expect(r.warnings).toEqual([]);
    expect(r.acks).toHaveLength(1);
    const [ack] = r.acks;
    expect(ack.header.group).toMatchObject({ functionalId: 'FA', version: '005010X231A1', date: '20240302', controlNumber: '201' });
    expect(ack.header.interchange).toMatchObject({ senderId: PRACTICE.receiverId, receiverId: PRACTICE.submitterId });
    expect(ack.sets.map((s) => [s.groupControlNumber, s.groupVersion, s.transactionType, s.transactionControlNumber, s.status, s.statusCodes])).toEqual([
      ['101', '005010X222A1', '837', '0001', 'A', []],
      ['101', '005010X222A1', '837', '0002', 'R', ['5']],
    ]);
    expect(ack.sets[1].errors).toEqual([
      expect.objectContaining({ kind: 'segment', segmentId: 'NM1', segmentPosition: '13', loopId: '2010BA', errorCode: '8' }),
      expect.objectContaining({ kind: 'element', elementPosition: '9', elementReference: '67', errorCode: '7' }),
    ]);
    expect(ack.groups).toEqual([expect.objectContaining({ groupControlNumber: '101', status: 'P', setsIncluded: '2', setsReceived: '2', setsAccepted: '1' })]);
  });

  it('says A or R for the group when all sets agree', async () => {
    const status = async (sets: AcknowledgedGroup['sets']) => (await readAcknowledgments(write999(PRACTICE, { group: 7, sets }, control, '2024-03-02'))).acks[0].groups[0];
    expect(await status([{ controlNumber: '0001', status: 'A' }])).toMatchObject({ status: 'A', setsAccepted: '1' });
    expect(await status([{ controlNumber: '0001', status: 'A' }, { controlNumber: '0002', status: 'E' }])).toMatchObject({ status: 'E', setsAccepted: '2' });
    expect(await status([{ controlNumber: '0001', status: 'R' }])).toMatchObject({ status: 'R', setsAccepted: '0' });
  });

  it('passes node-x12 with no diagnostics and writes the same bytes twice', () => {
    const text = write999(PRACTICE, PARTLY, control, '2024-03-02');
    expect(nodeX12(text).diagnostics).toEqual([]);
    expect(write999(PRACTICE, PARTLY, control, '2024-03-02')).toBe(text);
  });
});

describe('write277CA', () => {
  const file1 = () => write277CA(PRACTICE, STATUSES1, { interchange: 301, group: 301 }, '2024-03-03', 'B101', claimOf);

  it('acknowledges each claim with its status, payer claim number and dates of service', async () => {
    const r = await readAcknowledgments(file1());
    expect(r.warnings).toEqual([]);
    const claims = r.statuses.filter((s) => s.level === 'claim');
    expect(claims.map((s) => [s.patientControlNumber, s.category, s.statusCode, s.entity, s.actionCode, s.statusDate, s.charge, s.payerClaimNumber, s.serviceDate])).toEqual(
      STATUSES1.map((s) => [s.claimId, s.category, s.statusCode, s.entity ?? null, s.category === 'A7' ? 'U' : 'WQ', s.date, s.charge, s.payerClaimNumber ?? null, claimOf(s.claimId).serviceDate]),
    );
    // the batch status of the submitter level: all claims of the payer, accepted or not
    expect(r.statuses.filter((s) => s.level === 'batch').map((s) => [s.category, s.statusCode, s.charge])).toEqual([['A1', '20', 51000 + 140000 + 14000 + 9000]]);
  });

  it('gives each payer its own information source, receiver and provider levels', async () => {
    const both = write277CA(PRACTICE, [...STATUSES1.slice(0, 1), ...STATUSES2], { interchange: 399, group: 399 }, '2024-03-07', 'B101', claimOf);
    const r = await readAcknowledgments(both);
    expect(r.warnings).toEqual([]);
    expect(r.statuses.filter((s) => s.level === 'claim').map((s) => [s.patientControlNumber, s.payerClaimNumber])).toEqual([['CLM-1001', 'AC24-0001'], ['CLM-1003', 'MB24-0003']]);
    expect(hierarchy(both)).toEqual([['1 - 20', '2 1 21', '3 2 19', '4 3 PT', '5 - 20', '6 5 21', '7 6 19', '8 7 PT']]);
    expect(both).toContain('NM1*PR*2*MEDICARE PART B TEST*****PI*MCRB1~');
  });

  it('counts accepted and rejected claims at the receiver and provider levels', () => {
    const text = file1();
    // 2200B: QTY 90 accepted, AA rejected; 2200C: QA, QC; amounts YU accepted (510 + 1400 + 140), YY rejected (90)
    expect(text).toContain('TRN*2*B101~\nSTC*A1:20*20240303*WQ*2140.00~\nQTY*90*3~\nQTY*AA*1~\nAMT*YU*2050.00~\nAMT*YY*90.00~');
    expect(text).toContain('HL*3*2*19*1~\nNM1*85*2*TEST FAMILY CLINIC*****XX*1234567893~\nTRN*1*B101~\nQTY*QA*3~\nQTY*QC*1~');
    expect(text).toContain('TRN*2*CLM-1005~\nSTC*A7:164:IL*20240303*U*90.00~\nDTP*472*RD8*20240226-20240226~');
  });

  it('passes node-x12 with no diagnostics and writes the same bytes twice', () => {
    expect(nodeX12(file1()).diagnostics).toEqual([]);
    expect(file1()).toBe(file1());
  });
});
