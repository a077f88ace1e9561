// The public 999 and 277CA samples (RCM_SAMPLES_DIR) loaded into a real warehouse, with answers read off the
// files.
import { describe, expect, it } from 'vitest';
import { ingestFiles } from '../../ingest/loader/ingest-run.ts';
import { samplePath } from '../support/samples.ts';
import { tempDir, tempWarehouse, writeFile } from '../support/temp.ts';
import { buildModels } from '../../warehouse/build.ts';

describe('999 implementation acknowledgments', () => {
  it('keeps each transaction set disposition, its errors, and the group disposition', async () => {
    const w = await tempWarehouse();
    const run = await ingestFiles(w, ['imsweb_x12-parser__999-accepted.txt', 'imsweb_x12-parser__999-rejected.txt', 'oopfactory-x12parser__999-DHS_Wisconsin_Sample.txt'].map(samplePath));
    expect(run.outcomes.map((o) => o.status)).toEqual(['loaded', 'loaded', 'loaded']);
    const sets = await w.all('SELECT acknowledged_group_control AS gs06, acknowledged_control_number AS st02, status, status_codes, is_rejected, error_count FROM ack_999_set ORDER BY file_id, set_position');
    expect(sets).toEqual([
      { gs06: '17456', st02: '0001', status: 'A', status_codes: null, is_rejected: false, error_count: 0 },
      { gs06: '28', st02: '0028', status: 'R', status_codes: '5', is_rejected: true, error_count: 1 },
      { gs06: '17456', st02: '0001', status: 'A', status_codes: null, is_rejected: false, error_count: 0 },
      { gs06: '17456', st02: '002', status: 'R', status_codes: '5', is_rejected: true, error_count: 3 },
      { gs06: '17456', st02: '0003', status: 'R', status_codes: '5', is_rejected: true, error_count: 3 },
    ]);
    expect(await w.all("SELECT kind, segment_id, segment_in_set, error_code FROM ack_999_error WHERE kind = 'segment' ORDER BY file_id, segment_position")).toEqual([
      { kind: 'segment', segment_id: 'NM', segment_in_set: '17', error_code: '1' },
      { kind: 'segment', segment_id: 'CLM', segment_in_set: '22', error_code: '8' },
      { kind: 'segment', segment_id: 'REF', segment_in_set: '57', error_code: '3' },
    ]);
    expect(await w.one("SELECT element_position, element_reference, error_code FROM ack_999_error WHERE kind = 'element'")).toEqual({ element_position: '2', element_reference: '782', error_code: '1' });
    expect(await w.all('SELECT status, sets_included, sets_received, sets_accepted FROM ack_999_group ORDER BY file_id')).toEqual([
      { status: 'A', sets_included: '1', sets_received: '1', sets_accepted: '1' },
      { status: 'R', sets_included: '1', sets_received: '1', sets_accepted: '0' },
      { status: 'P', sets_included: '3', sets_received: '3', sets_accepted: '1' },
    ]);
  });

  it('maps a 999 back to the claims of the 837 transaction set it acknowledges', async () => {
    const dir = tempDir();
    const w = await tempWarehouse(dir);
    // The 837I sample is group 1, transaction set 987654; this 999 rejects it.
    const ack = [
      'ISA*00*          *00*          *ZZ*54321          *ZZ*000000005      *131101*1200*^*00501*000000908*0*T*:~',
      'GS*FA*54321*000000005*20131101*1200*908*X*005010X231A1~', 'ST*999*0001*005010X231A1~', 'AK1*HC*1*005010X223A3~',
      'AK2*837*987654*005010X223A3~', 'IK3*CLM*19**8~', 'IK5*R*5~', 'AK9*R*1*1*0~', 'SE*7*0001~', 'GE*1*908~', 'IEA*1*000000908~',
    ].join('\n');
    await ingestFiles(w, [samplePath('linuxforhealth_x12__837i-two-claims-single-provider.837i'), writeFile(dir, 'ack.999', ack)]);
    await buildModels(w);
    expect(await w.all('SELECT patient_control_number, status, is_rejected FROM stg_claim_ack_999 ORDER BY claim_position')).toEqual([
      { patient_control_number: '756048Q', status: 'R', is_rejected: true },
      { patient_control_number: '756049Q', status: 'R', is_rejected: true },
    ]);
  });
});

describe('277CA claim acknowledgments', () => {
  it('keeps the claim-level status with the patient control number and payer claim number', async () => {
    const w = await tempWarehouse();
    await ingestFiles(w, ['imsweb_x12-parser__277CA-accepted.txt', 'imsweb_x12-parser__277CA-rejected.txt'].map(samplePath));
    expect(await w.all('SELECT level, patient_control_number AS pcn, payer_claim_number AS icn, category, status_code, entity, charge, is_accepted, is_rejected, bill_type FROM ack_277ca_status ORDER BY file_id, segment_position')).toEqual([
      { level: 'batch', pcn: null, icn: null, category: 'A1', status_code: '20', entity: null, charge: '125.00', is_accepted: true, is_rejected: false, bill_type: null },
      { level: 'claim', pcn: '5781', icn: '1107000000014420', category: 'A2', status_code: '20', entity: null, charge: '125.00', is_accepted: true, is_rejected: false, bill_type: null },
      { level: 'batch', pcn: null, icn: null, category: 'A1', status_code: '20', entity: null, charge: '199.14', is_accepted: true, is_rejected: false, bill_type: null },
      { level: 'claim', pcn: '3920394930203', icn: '1107000000001120', category: 'A7', status_code: '562', entity: '85', charge: '199.14', is_accepted: false, is_rejected: true, bill_type: '731' },
    ]);
  });

  it('refuses a 277 claim status response (X212) instead of reading it as a 277CA', async () => {
    const w = await tempWarehouse();
    const run = await ingestFiles(w, [samplePath('linuxforhealth_x12__277-claim-level-status.277')]);
    expect(run.outcomes[0]).toMatchObject({ status: 'rejected', code: 'unsupported_transaction' });
    expect(run.outcomes[0].status === 'rejected' && run.outcomes[0].message).toContain('claim status response (005010X212)');
    expect(await w.one('SELECT count(*) AS n FROM ack_277ca_status')).toEqual({ n: 0n });
  });
});
