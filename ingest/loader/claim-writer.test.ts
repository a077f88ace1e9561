// Claims loaded into a real warehouse: an 837P's place of service and an 837I's facility type and bill type
// in columns of their own, from the claim table up to mart_claim.
import { describe, expect, it } from 'vitest';
import { buildModels } from '../../warehouse/build.ts';
import { tempDir, tempWarehouse, writeFile } from '../../tests/support/temp.ts';
import { institutional837, professional837, x12Fixture } from '../../tests/support/x12-fixture.ts';
import { ingestFiles } from './ingest-run.ts';

describe('place of service and facility type', () => {
  it('keeps an 837P place of service and an 837I facility type and bill type apart, up to mart_claim', async () => {
    const dir = tempDir();
    const w = await tempWarehouse(dir);
    const run = await ingestFiles(w, [
      writeFile(dir, 'office.837', x12Fixture({ type: '837', guide: '005010X222A1' }, professional837('11:B:1', { claim: 'PROF-1' }))),
      // an 837I whose CLM05-2 says B: bill type 111 (hospital inpatient), not place of service 11 (office)
      writeFile(dir, 'hospital.837i', x12Fixture({ type: '837', guide: '005010X223A2' }, institutional837('11:B:1', { claim: 'INST-1' }))),
      writeFile(dir, 'hospital-4010.837i', x12Fixture({ type: '837', guide: '004010X096A1', isaVersion: '00401' }, institutional837('13::1', { claim: 'INST-2', diagnosis: 'BK:4019' }))),
    ]);
    expect(run.outcomes.map((o) => o.status)).toEqual(['loaded', 'loaded', 'loaded']);
    expect(await w.all('SELECT patient_control_number AS pcn, claim_type, place_of_service, facility_type_code, facility_code_qualifier, bill_type FROM claim ORDER BY pcn')).toEqual([
      { pcn: 'INST-1', claim_type: 'institutional', place_of_service: null, facility_type_code: '11', facility_code_qualifier: 'B', bill_type: '111' },
      { pcn: 'INST-2', claim_type: 'institutional', place_of_service: null, facility_type_code: '13', facility_code_qualifier: null, bill_type: '131' },
      { pcn: 'PROF-1', claim_type: 'professional', place_of_service: '11', facility_type_code: null, facility_code_qualifier: 'B', bill_type: null },
    ]);
    expect(await w.all(`SELECT regexp_extract(f.file_name, '[^/]+$') AS file_name, w.warning_code, w.segment_position FROM ingest_warning w JOIN ingest_file f USING (file_id)
      WHERE w.message LIKE 'CLM05-2%'`)).toEqual([{ file_name: 'hospital.837i', warning_code: 'invalid_value', segment_position: 11n }]);

    await buildModels(w);
    expect(await w.all('SELECT claim_id, claim_type, place_of_service, facility_type_code, bill_type FROM mart_claim ORDER BY claim_id')).toEqual([
      { claim_id: 'INST-1', claim_type: 'institutional', place_of_service: null, facility_type_code: '11', bill_type: '111' },
      { claim_id: 'INST-2', claim_type: 'institutional', place_of_service: null, facility_type_code: '13', bill_type: '131' },
      { claim_id: 'PROF-1', claim_type: 'professional', place_of_service: '11', facility_type_code: null, bill_type: null },
    ]);
  });
});
