// The warehouse as it stood at a close date: a separate DuckDB database holding the rows of every file
// loaded (ingest_file.loaded_at) on or before that day, with the SQL models built over them. The metrics run
// on it exactly as they run on the live warehouse, so a closed month gives the same numbers however much is
// loaded later. Rows travel through Parquet into an in-memory DuckDB (the live file stays open by its own
// instance); the export runs in one transaction, so an ingest committing meanwhile is wholly in or out.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Warehouse } from '../../warehouse/database.ts';
import { buildModels, loadModels } from '../../warehouse/build.ts';
import { addDays } from './period.ts';
import { dateLiteral } from '../../warehouse/metrics/window.ts';

export interface WarehouseSnapshot {
  warehouse: Warehouse;
  /** Files the snapshot holds (all practices'). */
  files: number;
  /** Closes the snapshot and deletes its folder; closing twice does nothing. */
  close(): void;
}

/** The condition on ingest_file that a file was loaded on or before the day (null: every file loaded so far). */
export function loadedBy(closeDate: string | null, alias = ''): string {
  return closeDate === null ? 'true' : `${alias}loaded_at < ${dateLiteral(addDays(closeDate, 1))}`;
}

const quote = (path: string) => `'${path.replaceAll("'", "''")}'`;

/** The loaded-data tables: every base table with a file_id except the models' own tables. */
async function fileTables(live: Warehouse): Promise<string[]> {
  const models = new Set(loadModels().map((m) => m.name));
  const rows = await live.all<{ name: string }>(
    `SELECT t.table_name AS name FROM information_schema.tables t
     JOIN information_schema.columns c ON c.table_catalog = t.table_catalog AND c.table_schema = t.table_schema AND c.table_name = t.table_name
     WHERE t.table_catalog = current_database() AND t.table_schema = 'main' AND t.table_type = 'BASE TABLE' AND c.column_name = 'file_id'
     ORDER BY 1`,
  );
  return rows.map((r) => r.name).filter((name) => !models.has(name) && !name.endsWith('__next'));
}

/** A warehouse of the files loaded on or before `closeDate` (null: all of them), its models built. */
export async function openSnapshot(live: Warehouse, closeDate: string | null): Promise<WarehouseSnapshot> {
  const dir = mkdtempSync(join(tmpdir(), 'rcm-close-'));
  let snapshot: Warehouse | undefined;
  const close = () => {
    snapshot?.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const tables = await fileTables(live);
    const files = await live.transaction(async () => {
      const kept = `file_id IN (SELECT file_id FROM ingest_file WHERE ${loadedBy(closeDate)})`;
      for (const table of tables) {
        await live.run(`COPY (SELECT * FROM ${table} WHERE ${kept}) TO ${quote(join(dir, `${table}.parquet`))} (FORMAT parquet)`);
      }
      return Number((await live.one<{ n: bigint }>(`SELECT count(*) AS n FROM ingest_file WHERE ${loadedBy(closeDate)}`))!.n);
    });
    // in memory: a file of its own would pay a disk sync per model built (several times slower); what does
    // not fit in memory spills to the snapshot's folder
    snapshot = await Warehouse.open(':memory:');
    await snapshot.run(`SET temp_directory = ${quote(join(dir, 'spill'))}`);
    for (const table of tables) {
      await snapshot.run(`INSERT INTO ${table} BY NAME SELECT * FROM read_parquet(${quote(join(dir, `${table}.parquet`))})`);
    }
    await buildModels(snapshot, { checks: false });
    const opened = snapshot;
    let closed = false;
    return { warehouse: opened, files, close: () => { if (!closed) { closed = true; close(); } } };
  } catch (error) {
    close();
    throw error;
  }
}
