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

export async function loadReferenceData(warehouse: Warehouse): Promise<void> {
  for (const name of referenceNames()) {
    const path = `${REFERENCE_DIR}${name}.csv`;
    const sha = createHash('sha256').update(readFileSync(path)).digest('hex');
    const loaded = await warehouse.one<{ sha256: string }>('SELECT sha256 FROM ref_version WHERE name = $1', [name]);
    if (loaded?.sha256 === sha) continue;
    await warehouse.transaction(async () => {
      await warehouse.run(`DELETE FROM ref_${name}`);
      // empty fields read as NULL; the INSERT casts each text to its column's type
      await warehouse.run(`INSERT INTO ref_${name} BY NAME SELECT * FROM read_csv('${path.replaceAll("'", "''")}', header = true, all_varchar = true)`);
      await warehouse.run('INSERT OR REPLACE INTO ref_version VALUES ($1, $2, current_timestamp)', [name, sha]);
    });
  }
}
