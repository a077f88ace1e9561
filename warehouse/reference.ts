// Reference data: versioned CSV files in warehouse/reference/, each loaded into ref_<name> when its
// content changes (the loaded version is in ref_version, so every number can say which one it used).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Warehouse } from './database.ts';

const REFERENCE_DIR = fileURLToPath(new URL('./reference/', import.meta.url));

export async function loadReferenceData(warehouse: Warehouse): Promise<void> {
  for (const file of readdirSync(REFERENCE_DIR).filter((f) => f.endsWith('.csv')).sort()) {
    const name = file.replace(/\.csv$/, '');
    const path = REFERENCE_DIR + file;
    const sha = createHash('sha256').update(readFileSync(path)).digest('hex');
    const loaded = await warehouse.one<{ sha256: string }>('SELECT sha256 FROM ref_version WHERE name = $1', [name]);
    if (loaded?.sha256 === sha) continue;
    await warehouse.transaction(async () => {
      await warehouse.run(`DELETE FROM ref_${name}`);
      await warehouse.run(`INSERT INTO ref_${name} SELECT * FROM read_csv('${path.replaceAll("'", "''")}', header = true, auto_detect = true, all_varchar = false)`);
      await warehouse.run('INSERT OR REPLACE INTO ref_version VALUES ($1, $2, current_timestamp)', [name, sha]);
    });
  }
}
