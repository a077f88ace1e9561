// How records of different sources find their claim: resubmissions, replacements and voids link to the
// original; what matches no claim is listed with the reason.
import { describe, expect, it } from 'vitest';
import { ingestFiles } from './ingest-run.ts';
import { claimHistory } from './claim-history.ts';
import { rcm } from '../../tests/support/cli.ts';
import { fixture835 } from '../../tests/support/fixture-835.ts';
import { isa } from '../../tests/support/fixture-835.ts';
import { tempDir, tempWarehouse, writeFile } from '../../tests/support/temp.ts';

/** A minimal 837P with one claim. */
function claim837(control: string, date: string, pcn: string, frequency: string, originalIcn?: string): string {
  const body = [
    `BHT*0019*00*${control}*${date}*1200*CH`, 'NM1*41*2*GOOD CLINIC*****46*S1', 'NM1*40*2*CLEARINGHOUSE*****46*R1',
    'HL*1**20*1', 'NM1*85*2*GOOD CLINIC*****XX*1234567893', 'REF*EI*111223333', 'HL*2*1*22*0', 'SBR*P*18*******CI',
    'NM1*IL*1*DOE*JANE****MI*M123', 'NM1*PR*2*ACME HEALTH PLAN*****PI*ACME01', `CLM*${pcn}*500***11:B:${frequency}*Y*A*Y*I`,
    ...(originalIcn ? [`REF*F8*${originalIcn}`] : []), 'HI*ABK:J449', 'LX*1', 'SV1*HC:99213:25*300*UN*1***1', 'DTP*472*D8*20240301',
    'LX*2', 'SV1*HC:96372*200*UN*2***1', 'DTP*472*D8*20240301',
  ];
  const st = [`ST*837*${control}*005010X222A1`, ...body, `SE*${body.length + 2}*${control}`];
  return [isa({ interchangeControl: control.padStart(9, '0') }), `GS*HC*S1*R1*${date}*1200*${control}*X*005010X222A1`, ...st, `GE*1*${control}`, `IEA*1*${control.padStart(9, '0')}`].join('~\n') + '~\n';
}

describe('claim links', () => {
  it('links resubmissions, replacements (REF*F8 = CLP07) and voids to the original, and lists what matches nothing', async () => {
    const dir = tempDir();
    const w = await tempWarehouse(dir);
    const files = [
      writeFile(dir, 'a-original.837', claim837('101', '20240302', 'CLAIM-A', '1')),
      writeFile(dir, 'b-remit.835', fixture835()), // pays CLAIM-A with payer claim number ICN-A
      writeFile(dir, 'c-replacement.837', claim837('102', '20240320', 'CLAIM-A2', '7', 'ICN-A')),
      writeFile(dir, 'd-resent.837', claim837('103', '20240325', 'CLAIM-A2', '1')),
      writeFile(dir, 'e-void.837', claim837('104', '20240401', 'CLAIM-A2', '8', 'ICN-A')),
      writeFile(dir, 'f-postings.csv', 'Claim #,Post Date,Type,Amount\nCLAIM-A,2024-04-02,Patient Payment,20.00\nNOBODY,2024-04-02,Patient Payment,5.00\n'),
      writeFile(dir, 'g-ack.999', [
        'ISA*00*          *00*          *ZZ*R1             *ZZ*S1             *240303*1200*^*00501*000000501*0*P*:', 'GS*FA*R1*S1*20240303*1200*501*X*005010X231A1',
        'ST*999*0001*005010X231A1', 'AK1*HC*101*005010X222A1', 'AK2*837*101*005010X222A1', 'IK5*A', 'AK9*A*1*1*1', 'SE*6*0001', 'GE*1*501', 'IEA*1*000000501',
      ].join('~\n')),
    ];
    const run = await ingestFiles(w, files);
    expect(run.outcomes.map((o) => o.status)).toEqual(['loaded', 'loaded', 'loaded', 'loaded', 'loaded', 'loaded', 'loaded']);
    const original = await w.one<{ file_id: bigint }>("SELECT file_id FROM ingest_file WHERE file_name LIKE '%a-original.837'");
    const resent = await w.one<{ file_id: bigint }>("SELECT file_id FROM ingest_file WHERE file_name LIKE '%c-replacement.837'");
    expect(await w.all('SELECT patient_control_number AS pcn, kind, original_patient_control_number AS original, original_file_id, linked_by FROM claim_resubmission ORDER BY submitted_date')).toEqual([
      { pcn: 'CLAIM-A2', kind: 'replacement', original: 'CLAIM-A', original_file_id: original!.file_id, linked_by: 'payer claim number (REF*F8 = CLP07)' },
      { pcn: 'CLAIM-A2', kind: 'resubmission', original: 'CLAIM-A2', original_file_id: resent!.file_id, linked_by: 'same patient control number' },
      { pcn: 'CLAIM-A2', kind: 'void', original: 'CLAIM-A', original_file_id: original!.file_id, linked_by: 'payer claim number (REF*F8 = CLP07)' },
    ]);
    expect(await w.all('SELECT source, claim_id, amount, reason FROM unmatched_record ORDER BY source, claim_id')).toEqual([
      { source: '835', claim_id: 'CLAIM-B', amount: '0.00', reason: 'no 837 claim or charge with this patient control number' },
      { source: '835', claim_id: 'CLAIM-C', amount: '-80.00', reason: 'no 837 claim or charge with this patient control number' },
      { source: '835', claim_id: 'CLAIM-C', amount: '90.00', reason: 'no 837 claim or charge with this patient control number' },
      { source: 'posting', claim_id: 'NOBODY', amount: '5.00', reason: 'no claim (837, 835 or charge) with this claim id' },
    ]);
    expect(await w.one("SELECT claims_837, remittances_835, postings FROM claim_identity WHERE claim_id = 'CLAIM-A'")).toEqual({ claims_837: 1n, remittances_835: 1n, postings: 1n });

    const history = await claimHistory(w, 'CLAIM-A');
    expect(history.map((e) => [e.event_date, e.source, e.event, e.amount])).toEqual([
      ['2024-03-02', '837', 'submitted', '500.00'],
      ['2024-03-03', '999', 'accepted by the clearinghouse', null],
      ['2024-03-15', '835', 'paid', '280.00'],
      ['2024-03-20', '837', 'replaced', '500.00'],
      ['2024-04-01', '837', 'voided', '500.00'],
      ['2024-04-02', 'posting', 'patient payment', '20.00'],
    ]);
    w.close(); // DuckDB lets one process at a time open the file
    const cli = rcm('claim', 'show', 'CLAIM-A', '--db', w.path, '--json');
    expect(cli.status).toBe(0);
    expect(JSON.parse(cli.stdout).events.map((e: { event: string; amount: number | null }) => [e.event, e.amount])).toEqual([
      ['submitted', 500], ['accepted by the clearinghouse', null], ['paid', 280], ['replaced', 500], ['voided', 500], ['patient payment', 20],
    ]);
    expect(rcm('claim', 'show', 'NO-SUCH-CLAIM', '--db', w.path).status).toBe(1);
  });
});
