// Reference data: versioned CSV files in warehouse/reference/, each loaded into ref_<name> when its
// content changes (the loaded version is in ref_version, so every number can say which one it used).
// The tables are typed by the migrations (007, 008); the files are read as text and matched to the table's
// columns by name, so a code like POS '01' keeps its leading zero, a column the table lacks is an error, and
// a value that does not fit its type ('yes' for a BOOLEAN) fails the load instead of loading as something else.
// How the CARC crosswalk resolves (payer, then group, then RARC, then the latest effective_from) is written
// out at the top of migration 008; the ground truth's resolver is demo/truth/crosswalk.ts.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Warehouse } from './database.ts';

export const REFERENCE_DIR = fileURLToPath(new URL('./reference/', import.meta.url));

/** The reference files, by table name without the ref_ prefix. */
export function referenceNames(): string[] {
  return readdirSync(REFERENCE_DIR).filter((f) => f.endsWith('.csv')).map((f) => f.replace(/\.csv$/, '')).sort();
}

/**
 * DuckDB's CSV reader asks for a 30 MB buffer by default, whatever the file's size: under the small memory
 * cap of `rcm ingest --memory-limit 32MB` a new warehouse could not even load these few kilobytes.
 */
const READ_BUFFER_BYTES = 1 << 20;

export async function loadReferenceData(warehouse: Warehouse): Promise<void> {
  const loaded = new Map((await warehouse.all<{ name: string; sha256: string }>('SELECT name, sha256 FROM ref_version')).map((r) => [r.name, r.sha256]));
  const changed = referenceNames()
    .map((name) => ({ name, path: `${REFERENCE_DIR}${name}.csv` }))
    .map((f) => ({ ...f, sha: createHash('sha256').update(readFileSync(f.path)).digest('hex') }))
    .filter((f) => loaded.get(f.name) !== f.sha);
  if (changed.length === 0) return;
  // one transaction for every changed file: a new warehouse gets all of them for one commit
  await warehouse.transaction(async () => {
    for (const { name, path } of changed) {
      await warehouse.run(`DELETE FROM ref_${name}`);
      await warehouse.run(`INSERT INTO ref_${name} BY NAME SELECT * FROM read_csv('${path.replaceAll("'", "''")}', header = true, all_varchar = true, buffer_size = ${READ_BUFFER_BYTES})`);
    }
    await warehouse.run(
      `INSERT OR REPLACE INTO ref_version VALUES ${changed.map((_, i) => `($${2 * i + 1}, $${2 * i + 2}, current_timestamp)`).join(', ')}`,
      changed.flatMap((f) => [f.name, f.sha]),
    );
  });
}
