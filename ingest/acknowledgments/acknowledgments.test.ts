// 277s loaded into a real warehouse, written here (tests/support/x12-fixture.ts); the public 999 and 277CA
// samples: tests/conformance/acknowledgments.test.ts.
import { describe, expect, it } from 'vitest';
import { ingestFiles } from '../loader/ingest-run.ts';
import { tempDir, tempWarehouse, writeFile } from '../../tests/support/temp.ts';
import { institutional837, x12Fixture } from '../../tests/support/x12-fixture.ts';
import { buildModels } from '../../warehouse/build.ts';

describe('277 claim status responses', () => {
  it('refuses a 277 claim status response (X212) instead of reading it as a 277CA', async () => {
    const dir = tempDir();
    const w = await tempWarehouse(dir);
    const x212 = x12Fixture({ type: '277', guide: '005010X212' }, ['BHT*0010*08*STATUS1*20240306*1200*DG', 'HL*1**20*1', 'NM1*PR*2*MEDICARE*****PI*P1']);
    const run = await ingestFiles(w, [writeFile(dir, 'status.277', x212)]);
    expect(run.outcomes[0]).toMatchObject({ status: 'rejected', code: 'unsupported_transaction' });
    expect(run.outcomes[0].status === 'rejected' && run.outcomes[0].message).toContain('claim status response (005010X212)');
    expect(await w.one('SELECT count(*) AS n FROM ack_277ca_status')).toEqual({ n: 0n });
  });
});

/** A 277CA body: the payer, the submitter's batch (accepted), then each billing provider with its own STC (or none) and its claims' loops. */
function body277CA(providers: { npi: string; stc?: string; claims: string[][] }[]): string[] {
  let hl = 3;
  return [
    'BHT*0085*08*ACK1*20240306*1200*TH',
    'HL*1**20*1', 'NM1*PR*2*MEDICARE*****PI*P1', 'TRN*1*T1', 'DTP*050*D8*20240304', 'DTP*009*D8*20240305',
    'HL*2*1*21*1', 'NM1*41*2*GENERAL HOSPITAL*****46*S1', 'TRN*2*1', 'STC*A1:20*20240305*WQ*200',
    ...providers.flatMap((p) => {
      const provider = hl++;
      return [
        `HL*${provider}*2*19*1`, `NM1*85*2*GENERAL HOSPITAL*****XX*${p.npi}`, 'TRN*1*1', ...(p.stc ? [p.stc] : []),
        ...p.claims.flatMap((c) => [`HL*${hl++}*${provider}*PT`, 'NM1*QC*1*DOE*JANE****MI*M1', ...c]),
      ];
    }),
  ];
}

describe('277CA provider-level statuses and dates', () => {
  const claims837 = (dir: string) => ['INST-1', 'INST-2'].map((claim) => writeFile(dir, `${claim}.837i`, x12Fixture({ type: '837', guide: '005010X223A2' }, institutional837('13:A:1', { claim }))));

  it('loads a billing provider\'s rejection (2200C) as a provider-level row with a warning; its claims are not counted as rejected', async () => {
    const dir = tempDir();
    const w = await tempWarehouse(dir);
    const ack = x12Fixture({ type: '277', guide: '005010X214', date: '20240305' }, body277CA([{ npi: '1111111112', stc: 'STC*A3:24:85*20240305*U*200', claims: [] }]));
    const run = await ingestFiles(w, [...claims837(dir), writeFile(dir, 'provider.277', ack)]);
    expect(run.outcomes.map((o) => o.status)).toEqual(['loaded', 'loaded', 'loaded']);
    expect(await w.all('SELECT level, billing_provider_npi AS npi, patient_control_number AS pcn, category, status_code, entity, status_date, charge, is_rejected FROM ack_277ca_status ORDER BY segment_position')).toEqual([
      { level: 'batch', npi: null, pcn: null, category: 'A1', status_code: '20', entity: null, status_date: '2024-03-05', charge: '200.00', is_rejected: false },
      { level: 'provider', npi: '1111111112', pcn: null, category: 'A3', status_code: '24', entity: '85', status_date: '2024-03-05', charge: '200.00', is_rejected: true },
    ]);
    expect(await w.all("SELECT warning_code, segment_position, message FROM ingest_warning WHERE warning_code = 'provider_rejected'")).toEqual([{
      warning_code: 'provider_rejected', segment_position: 17n,
      message: expect.stringMatching(/^the payer rejects billing provider 1111111112 as a whole \(2200C STC01 "A3:24:85"\); loaded as a provider-level status\. First-pass acceptance counts claim-level rejections only/),
    }]);
    await buildModels(w);
    // metrics.md counts a claim as rejected on first pass by its own STC: these claims have no acknowledgment
    expect(await w.all('SELECT claim_id, first_acknowledged_date, first_rejected_date FROM mart_claim ORDER BY claim_id')).toEqual([
      { claim_id: 'INST-1', first_acknowledged_date: null, first_rejected_date: null },
      { claim_id: 'INST-2', first_acknowledged_date: null, first_rejected_date: null },
    ]);
    expect(await w.all("SELECT * FROM mart_unmatched_record WHERE source = '277CA'")).toEqual([]);
    // the practice whose provider was rejected sees the file and its warning
    expect(await w.all('SELECT billing_npi FROM mart_file_practice WHERE file_id = (SELECT max(file_id) FROM ingest_file)')).toEqual([{ billing_npi: '1111111112' }]);
  });

  it('dates a status whose STC02 is not a date by the file (GS04), with a warning, so a rejection still counts', async () => {
    const dir = tempDir();
    const w = await tempWarehouse(dir);
    const ack = x12Fixture({ type: '277', guide: '005010X214', date: '20240305' }, body277CA([{ npi: '1111111112', claims: [
      ['TRN*2*INST-1', 'STC*A7:562:85*2024030*U*100', 'REF*1K*ICN1'],
      ['TRN*2*INST-2', 'STC*A2:20**WQ*100', 'REF*1K*ICN2'],
    ] }]));
    await ingestFiles(w, [...claims837(dir), writeFile(dir, 'dates.277', ack)]);
    expect(await w.all("SELECT patient_control_number AS pcn, category, status_date FROM ack_277ca_status WHERE level = 'claim' ORDER BY pcn")).toEqual([
      { pcn: 'INST-1', category: 'A7', status_date: '2024-03-05' },
      { pcn: 'INST-2', category: 'A2', status_date: '2024-03-05' },
    ]);
    expect((await w.all<{ message: string }>("SELECT message FROM ingest_warning WHERE message LIKE 'STC02%' ORDER BY segment_position")).map((r) => r.message)).toEqual([
      'STC02 "2024030" is not a date (CCYYMMDD); dated 2024-03-05, the file\'s date (GS04)',
      'STC02 (the status date) is empty; dated 2024-03-05, the file\'s date (GS04)',
    ]);
    await buildModels(w);
    expect(await w.all('SELECT claim_id, first_acknowledged_date, first_rejected_date FROM mart_claim ORDER BY claim_id')).toEqual([
      { claim_id: 'INST-1', first_acknowledged_date: '2024-03-05', first_rejected_date: '2024-03-05' },
      { claim_id: 'INST-2', first_acknowledged_date: '2024-03-05', first_rejected_date: null },
    ]);
  });
});
