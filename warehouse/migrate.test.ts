import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { fixture835 } from '../tests/support/fixture-835.ts';
import { tempDir, writeFile } from '../tests/support/temp.ts';
import { ingestFiles } from '../ingest/loader/ingest-run.ts';
import { FOLDERS, writeDataset } from '../demo/dataset/write-dataset.ts';
import { copyPractice } from '../tests/support/practice-copy.ts';
import { npi } from '../demo/practice/practice.ts';
import { buildModels } from './build.ts';
import { Warehouse } from './database.ts';
import { migrationFiles } from './migrate.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/** A warehouse file as the migrations before `first` left it, with `seed` run on it. */
async function warehouseBefore(first: string, seed: string): Promise<string> {
  const path = join(tempDir(), 'old.duckdb');
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  await connection.run('CREATE TABLE schema_migration (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP NOT NULL)');
  for (const name of migrationFiles().filter((f) => f < first)) {
    await connection.run(readFileSync(MIGRATIONS_DIR + name, 'utf8'));
    await connection.run(`INSERT INTO schema_migration VALUES ('${name}', current_timestamp)`);
  }
  await connection.run(seed);
  await connection.run('CHECKPOINT');
  connection.closeSync();
  instance.closeSync();
  return path;
}

describe('migration 017 (lean remittance tables)', () => {
  it('moves what a warehouse loaded before it holds into the new tables, and the old columns go', async () => {
    const path = await warehouseBefore('017_lean_remittance.sql', `
      INSERT INTO remit_claim (file_id, claim_position, transaction_position, patient_control_number, status_code, is_reversal, line_count,
                               insured_last_name, insured_id_qualifier, insured_id, corrected_patient_first_name, crossover_carrier_name,
                               corrected_payer_id, other_subscriber_last_name, inpatient_adjudication, outpatient_adjudication)
      VALUES (7, 20, 3, 'PCN-1', '1', false, 2, 'DOE', 'MI', 'W123', 'JANE', 'MEDIGAP CO', 'P9', 'ROE', 'MIA*0***10', 'MOA***MA01'),
             (7, 40, 3, 'PCN-2', '22', true, 1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
      INSERT INTO remit_service_line (file_id, line_position, claim_position, procedure_code, units, original_procedure_qualifier, original_procedure_code, original_modifier_1, original_units)
      VALUES (7, 25, 20, '99213', 1, 'HC', '99214', '25', 2), (7, 30, 20, '93000', 1, NULL, NULL, NULL, NULL), (7, 45, 40, '99213', 1, NULL, NULL, NULL, 3);
      INSERT INTO remit_adjustment (file_id, segment_position, triplet, claim_position, line_position, level, group_code, reason_code, amount, claim_is_reversal)
      VALUES (7, 26, 1, 20, 25, 'line', 'CO', '45', 10.00, false);
    `);
    const w = await Warehouse.open(path);
    try {
      expect(await w.all('SELECT * FROM remit_claim_party ORDER BY claim_position, entity_code')).toEqual([
        { file_id: 7n, segment_position: null, claim_position: 20n, entity_code: '74', entity_type: null, last_name: null, first_name: 'JANE', middle_name: null, id_qualifier: null, id: null },
        { file_id: 7n, segment_position: null, claim_position: 20n, entity_code: 'GB', entity_type: null, last_name: 'ROE', first_name: null, middle_name: null, id_qualifier: null, id: null },
        { file_id: 7n, segment_position: null, claim_position: 20n, entity_code: 'IL', entity_type: null, last_name: 'DOE', first_name: null, middle_name: null, id_qualifier: 'MI', id: 'W123' },
        { file_id: 7n, segment_position: null, claim_position: 20n, entity_code: 'PR', entity_type: null, last_name: null, first_name: null, middle_name: null, id_qualifier: null, id: 'P9' },
        { file_id: 7n, segment_position: null, claim_position: 20n, entity_code: 'TT', entity_type: null, last_name: 'MEDIGAP CO', first_name: null, middle_name: null, id_qualifier: null, id: null },
      ]);
      expect(await w.all('SELECT claim_position, kind, segment_text FROM remit_claim_adjudication_info ORDER BY kind')).toEqual([
        { claim_position: 20n, kind: 'inpatient', segment_text: 'MIA*0***10' }, { claim_position: 20n, kind: 'outpatient', segment_text: 'MOA***MA01' },
      ]);
      expect(await w.all('SELECT line_position, claim_position, procedure_qualifier, procedure_code, modifier_1, units FROM remit_service_line_original ORDER BY line_position')).toEqual([
        { line_position: 25n, claim_position: 20n, procedure_qualifier: 'HC', procedure_code: '99214', modifier_1: '25', units: '2.0000' },
        { line_position: 45n, claim_position: 40n, procedure_qualifier: null, procedure_code: null, modifier_1: null, units: '3.0000' },
      ]);
      const columns = await w.all<{ table_name: string; column_name: string }>(
        `SELECT table_name, column_name FROM duckdb_columns() WHERE table_name IN ('remit_claim', 'remit_service_line', 'remit_adjustment')
           AND (column_name LIKE 'insured%' OR column_name LIKE 'original%' OR column_name LIKE '%adjudication' OR column_name IN ('line_count', 'level', 'claim_is_reversal'))`,
      );
      expect(columns).toEqual([]);
      expect(await w.all('SELECT patient_control_number, is_reversal FROM remit_claim ORDER BY claim_position')).toEqual([
        { patient_control_number: 'PCN-1', is_reversal: false }, { patient_control_number: 'PCN-2', is_reversal: true },
      ]);
      expect(await w.one('SELECT group_code, reason_code, amount FROM remit_adjustment')).toEqual({ group_code: 'CO', reason_code: '45', amount: '10.00' });
    } finally {
      w.close();
    }
  });
});

describe('migration 019 (place of service and facility type; 277CA status dates)', () => {
  it('types claims loaded before it by their implementation guide, moves an 837I facility type out of place of service, dates undated 277CA statuses by their file', async () => {
    const path = await warehouseBefore('019_claim_place_of_service_and_facility_type.sql', `
      INSERT INTO x12_transaction (file_id, transaction_position, end_position, transaction_type, implementation_reference, group_version)
      VALUES (1, 3, 40, '837', '005010X223A2', '005010X223A2'), (2, 3, 40, '837', NULL, '004010X096A1'), (3, 3, 40, '837', '005010X222A1', '005010X222A1');
      INSERT INTO claim (file_id, claim_position, transaction_position, claim_type, patient_control_number, facility_code, facility_code_qualifier, frequency_code, bill_type, line_count, diagnosis_count)
      VALUES (1, 10, 3, 'professional', 'INST-B', '11', 'B', '1', NULL, 1, 1),
             (1, 20, 3, 'institutional', 'INST-A', '13', 'A', '1', '131', 1, 1),
             (2, 10, 3, 'professional', 'INST-4010', '13', NULL, '1', NULL, 1, 1),
             (3, 10, 3, 'professional', 'PROF', '11', 'B', '1', NULL, 1, 1);
      -- a 277CA status loaded without a date (its STC02 was not one), and one with its own
      INSERT INTO x12_transaction (file_id, transaction_position, end_position, transaction_type, implementation_reference, group_date)
      VALUES (4, 3, 30, '277', '005010X214', '20240305');
      INSERT INTO ack_277ca_status (file_id, segment_position, transaction_position, level, patient_control_number, category, status_date, is_rejected, is_accepted)
      VALUES (4, 20, 3, 'claim', 'INST-B', 'A7', NULL, true, false), (4, 30, 3, 'claim', 'PROF', 'A2', '2024-03-01', false, true);
    `);
    const w = await Warehouse.open(path);
    try {
      expect(await w.all('SELECT patient_control_number AS pcn, claim_type, place_of_service, facility_type_code, bill_type FROM claim ORDER BY file_id, claim_position')).toEqual([
        { pcn: 'INST-B', claim_type: 'institutional', place_of_service: null, facility_type_code: '11', bill_type: '111' },
        { pcn: 'INST-A', claim_type: 'institutional', place_of_service: null, facility_type_code: '13', bill_type: '131' },
        { pcn: 'INST-4010', claim_type: 'institutional', place_of_service: null, facility_type_code: '13', bill_type: '131' },
        { pcn: 'PROF', claim_type: 'professional', place_of_service: '11', facility_type_code: null, bill_type: null },
      ]);
      expect(await w.all("SELECT column_name FROM duckdb_columns() WHERE table_name = 'claim' AND column_name = 'facility_code'")).toEqual([]);
      expect(await w.all('SELECT patient_control_number AS pcn, status_date FROM ack_277ca_status ORDER BY segment_position')).toEqual([
        { pcn: 'INST-B', status_date: '2024-03-05' }, { pcn: 'PROF', status_date: '2024-03-01' },
      ]);
    } finally {
      w.close();
    }
  });
});

describe('the storage format', () => {
  const storageVersion = async (w: Warehouse) =>
    (await w.one<{ v: string }>("SELECT tags['storage_version'] AS v FROM duckdb_databases() WHERE database_name = current_database()"))!.v;

  it('writes a new warehouse in DuckDB 1.5 format, and keeps an older file in its own while it loads', async () => {
    const dir = tempDir();
    const fresh = await Warehouse.open(join(dir, 'new.duckdb'));
    try {
      expect(await storageVersion(fresh)).toBe('v1.5.0+');
    } finally {
      fresh.close();
    }
    const path = await warehouseBefore('999', 'SELECT 1');
    const old = await Warehouse.open(path);
    try {
      expect(await storageVersion(old)).toBe('v1.0.0+');
      const run = await ingestFiles(old, [writeFile(dir, 'fixture.835', fixture835())]);
      expect(run.outcomes.map((o) => o.status)).toEqual(['loaded']);
      await old.run('CHECKPOINT');
      expect(await storageVersion(old)).toBe('v1.0.0+');
      expect(await old.one('SELECT count(*) AS n FROM remit_claim')).toEqual({ n: 4n });
    } finally {
      old.close();
    }
  });
});

describe('migration 021 (load generation)', () => {
  const loaded = `INSERT INTO ingest_file (file_id, batch_id, file_name, file_hash, size_bytes, content_type, encoding, segment_count, transaction_count, claim_count, warning_count, loaded_at)
    VALUES (1, 1, 'a.835', 'ha', 10, 'x12', 'ascii', 1, 1, 1, 0, TIMESTAMP '2026-01-01 10:00'), (2, 2, 'b.835', 'hb', 10, 'x12', 'ascii', 1, 1, 1, 0, TIMESTAMP '2026-01-02 10:00');`;
  const state = async (path: string) => {
    const w = await Warehouse.open(path);
    try {
      return await w.one('SELECT g.generation, b.load_generation FROM load_generation g, model_build b');
    } finally {
      w.close();
    }
  };

  it('counts the files already loaded; a build that finished after the last of them saw them all', async () => {
    const path = await warehouseBefore('021_load_generation.sql', `${loaded} INSERT INTO model_build VALUES ('hash', TIMESTAMP '2026-01-02 10:05');`);
    expect(await state(path)).toEqual({ generation: 2n, load_generation: 2n });
  });

  it('leaves a build from before the last load unknown: the marts count as older than the data', async () => {
    const path = await warehouseBefore('021_load_generation.sql', `${loaded} INSERT INTO model_build VALUES ('hash', TIMESTAMP '2026-01-01 12:00');`);
    expect(await state(path)).toEqual({ generation: 2n, load_generation: null });
  });
});

/** The last definition of a view in migrations 003–012, as a warehouse before migration 024 had it. */
function viewBefore024(name: string): string {
  const statements = migrationFiles().filter((f) => f < '024')
    .flatMap((f) => readFileSync(MIGRATIONS_DIR + f, 'utf8').replace(/--[^\n]*/g, '').split(';'))
    .filter((sql) => new RegExp(`^\\s*CREATE (OR REPLACE )?VIEW ${name} AS`).test(sql));
  return statements.at(-1)!.replace(/^\s*CREATE (OR REPLACE )?VIEW/, 'CREATE OR REPLACE VIEW');
}

describe('migration 024 (tables only)', () => {
  const views = (w: Warehouse) => w.all('SELECT view_name FROM duckdb_views() WHERE NOT internal');

  it('leaves no view in a warehouse made before it, nor in a new one; the models answer in their stead', async () => {
    const path = await warehouseBefore('024_tables_only.sql', 'SELECT 1');
    const old = await Warehouse.open(path);
    try {
      expect(await views(old)).toEqual([]);
      // the fixture's remittances answer claims no 837 billed
      await ingestFiles(old, [writeFile(tempDir(), 'fixture.835', fixture835())]);
      await buildModels(old);
      expect(await old.all('SELECT DISTINCT claim_id, reason FROM mart_unmatched_record ORDER BY claim_id')).toEqual(
        ['CLAIM-A', 'CLAIM-B', 'CLAIM-C'].map((claim_id) => ({ claim_id, reason: 'no 837 claim or charge with this patient control number' })),
      );
    } finally {
      old.close();
    }
    const fresh = await Warehouse.open(join(tempDir(), 'new.duckdb'));
    try {
      expect(await views(fresh)).toEqual([]);
    } finally {
      fresh.close();
    }
  });

  it('no migration after it creates a view: logic over the tables is a model (warehouse/models/)', () => {
    for (const name of migrationFiles().filter((f) => f > '024')) {
      const sql = readFileSync(MIGRATIONS_DIR + name, 'utf8').replace(/--[^\n]*/g, '');
      expect(sql, name).not.toMatch(/\bCREATE\s+(OR\s+REPLACE\s+)?(TEMP\w*\s+)?VIEW\b/i);
    }
  });

  it('the models that replace the views answer what the views answered', async () => {
    const dir = tempDir();
    const a = join(dir, 'a');
    await writeDataset({ seed: 5, claims: 300, months: 4, start: '2025-01-01', out: a });
    // a second practice numbering its claims as the first does (shared numbers), and records of no claim
    copyPractice(a, join(dir, 'b'), { billingNpi: npi('555555555'), submitterId: 'OTHERSUB' });
    writeFile(dir, 'orphans.csv', 'Claim #,Post Date,Type,Amount\nNOBODY,2025-02-02,Patient Payment,5.00\nMFH000001,2025-02-03,Patient Payment,7.00\n');
    // replacements under numbers of their own (REF*F8 names the claim), whose records join the first claim
    const replacing = readdirSync(join(a, '837')).find((f) => /:7\*/.test(readFileSync(join(a, '837', f), 'utf8')))!;
    writeFile(dir, 'renumbered.837', readFileSync(join(a, '837', replacing), 'utf8').replace(/CLM\*([^*]+)(\*[^~]*:7\*)/g, 'CLM*$1R$2'));
    const w = await Warehouse.open(join(dir, 'w.duckdb'));
    try {
      await ingestFiles(w, [...['a', 'b'].flatMap((p) => Object.values(FOLDERS).map((f) => join(dir, p, f))), join(dir, 'orphans.csv'), join(dir, 'renumbered.837')]);
      await buildModels(w);
      for (const view of ['claim_ack_999', 'shared_claim_number', 'claim_number', 'claim_resubmission', 'claim_root', 'unmatched_record']) await w.run(viewBefore024(view));
      const pairs: [string, string][] = [
        ['SELECT * FROM claim_ack_999', 'SELECT * FROM stg_claim_ack_999'],
        ['SELECT * FROM shared_claim_number', 'SELECT patient_control_number, billing_npis FROM mart_shared_claim_number'],
        // appeal logs (migration 029) came after the views: their records are left out of the comparison
        ['SELECT * EXCLUDE (shared_by) FROM claim_number', "SELECT * EXCLUDE (shared_by) FROM stg_claim_number WHERE source <> 'appeal'"],
        ['SELECT * FROM claim_resubmission', 'SELECT * FROM stg_claim_resubmission'],
        ['SELECT * FROM claim_root', 'SELECT * FROM stg_claim_chain'],
        ['SELECT * FROM unmatched_record', "SELECT * FROM mart_unmatched_record WHERE source <> 'appeal'"],
      ];
      for (const [view, model] of pairs) {
        expect((await w.one<{ n: bigint }>(`SELECT count(*) AS n FROM (${view})`))!.n, view).toBeGreaterThan(0n);
        expect(await w.all(`(${view}) EXCEPT ALL (${model})`), view).toEqual([]);
        expect(await w.all(`(${model}) EXCEPT ALL (${view})`), model).toEqual([]);
      }
    } finally {
      w.close();
    }
  }, 180_000);
});
