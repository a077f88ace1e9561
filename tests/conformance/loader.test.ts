// The loader over the public samples (RCM_SAMPLES_DIR): every sample loads or is refused for the right reason,
// and the warnings stay with the rows they concern.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestFiles } from '../../ingest/loader/ingest-run.ts';
import { SAMPLES_DIR, samplePath } from '../support/samples.ts';
import { tempWarehouse } from '../support/temp.ts';

describe('warnings are kept with the rows they concern', () => {
  it('marks the unbalanced line of the tertiary sample and keeps the warning with its segment', async () => {
    const w = await tempWarehouse();
    await ingestFiles(w, [samplePath('linuxforhealth_x12__835-tertiary-payment.835')]);
    const warning = await w.one("SELECT segment_position, subject_position, segment_text, message FROM ingest_warning WHERE warning_code = 'line_unbalanced'");
    expect(warning).toMatchObject({ segment_position: 20n, subject_position: 20n, segment_text: 'SVC*HC*24599.00*1766.50*187.50**1' });
    expect(await w.one('SELECT is_balanced FROM remit_service_line WHERE line_position = 20')).toEqual({ is_balanced: false });
    expect(await w.one('SELECT is_balanced FROM remit_claim')).toEqual({ is_balanced: true });
  });
});

describe('every public sample', () => {
  it('loads each 835, 837, 999 and 277CA, and refuses the rest with the right reason', async () => {
    const w = await tempWarehouse();
    const run = await ingestFiles(w, [SAMPLES_DIR]);
    const byName = Object.fromEntries(run.outcomes.map((o) => [o.file.split('/').pop(), o]));
    for (const name of readdirSync(SAMPLES_DIR)) {
      const o = byName[name];
      if (name === 'SOURCES.md') expect(o).toMatchObject({ status: 'rejected', code: 'unrecognized_file' });
      else if (name.includes('utf16')) expect(o, name).toMatchObject({ status: 'rejected', code: 'truncated' }); // a UTF-16 fragment: decoded, then ends inside its ST
      else if (name.endsWith('.277')) expect(o, name).toMatchObject({ status: 'rejected', code: 'unsupported_transaction' }); // a 277 status response, not a 277CA
      else expect(o, name).toMatchObject({ status: 'loaded' });
    }
    const remits = await w.one('SELECT count(*) AS claims FROM remit_claim');
    expect(remits!.claims).toBe(2n + 2n + 1n + 2n + 1n + 3n + 468n + 1n + 1n + 3n + 10n + 375n);
    const claims = await w.all<{ file_name: string; claims: bigint; lines: bigint; diagnoses: bigint }>(
      `SELECT f.file_name, count(*) AS claims, sum(c.line_count)::BIGINT AS lines, sum(c.diagnosis_count)::BIGINT AS diagnoses
       FROM claim c JOIN ingest_file f USING (file_id) GROUP BY 1 ORDER BY 1`,
    );
    expect(claims.map((c) => [c.file_name.split('/').pop(), c.claims, c.lines, c.diagnoses])).toEqual([
      ['imsweb_x12-parser__837p-multiple_isa.txt', 4n, 4n, 4n],
      ['imsweb_x12-parser__837p-valid_different_separators.txt', 2n, 2n, 2n],
      ['linuxforhealth_x12__837i-two-claims-single-provider.837i', 2n, 3n, 4n],
      ['linuxforhealth_x12__837p-demo.837', 1n, 4n, 2n],
      ['linuxforhealth_x12__837p-demo.cob.example3.A.837', 1n, 3n, 4n],
    ]);
    const line = await w.one(
      `SELECT l.procedure_code, l.diagnosis_pointers, l.diagnosis_code_1, l.diagnosis_code_2, l.charge, l.service_date
       FROM claim_line l JOIN claim c USING (file_id, claim_position) WHERE c.patient_control_number = '26407789' ORDER BY l.line_position LIMIT 1`,
    );
    expect(line).toEqual({ procedure_code: '99213', diagnosis_pointers: '1:2:3:4', diagnosis_code_1: '4779', diagnosis_code_2: '2724', charge: '43.00', service_date: '2005-10-03' });
    expect(await w.one("SELECT count(*) AS n FROM x12_transaction WHERE transaction_type = '837'")).toEqual({ n: 6n });

    // what few claims carry has tables of its own (counted in the samples by a script apart from the reader)
    expect(await w.all('SELECT entity_code, count(*) AS n FROM remit_claim_party GROUP BY 1 ORDER BY 1')).toEqual([{ entity_code: '74', n: 622n }, { entity_code: 'TT', n: 300n }]);
    expect(await w.all('SELECT kind, count(*) AS n FROM remit_claim_adjudication_info GROUP BY 1 ORDER BY 1')).toEqual([{ kind: 'inpatient', n: 1n }, { kind: 'outpatient', n: 376n }]);
    expect(await w.one('SELECT count(*) AS n FROM remit_service_line_original')).toEqual({ n: 50n });
    const named = (file: string) => `JOIN ingest_file f USING (file_id) WHERE f.file_name LIKE '%${file}'`;
    expect(await w.all(`SELECT p.segment_position, p.entity_type, p.last_name, p.first_name, p.id FROM remit_claim_party p ${named('835-profee.edi')} ORDER BY 1`)).toEqual(
      [17n, 36n, 48n].map((segment_position) => ({ segment_position, entity_type: '1', last_name: 'CORRECTED LAST', first_name: 'CORRECTED FIRST', id: null })),
    );
    expect(await w.all(`SELECT i.kind, i.segment_text FROM remit_claim_adjudication_info i ${named('835-medicare-part-a.835')} ORDER BY i.segment_position`)).toEqual([
      { kind: 'inpatient', segment_text: 'MIA*0***138018.40' }, { kind: 'outpatient', segment_text: 'MOA***MA02' },
    ]);
    expect(await w.all(`SELECT o.procedure_code, o.units FROM remit_service_line_original o ${named('blue_cross_nc_sample.txt')} ORDER BY o.line_position`)).toEqual([
      { procedure_code: '59410', units: null }, { procedure_code: '59410', units: null }, { procedure_code: null, units: '742.0000' },
    ]);
  });
});
