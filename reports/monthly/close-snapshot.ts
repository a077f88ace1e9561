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
import { exportLoadedRows, filesLoadedBy, importRows, spillTo, tablesWithFileId } from '../../warehouse/queries/close-snapshot.ts';

export interface WarehouseSnapshot {
  warehouse: Warehouse;
  /** Files the snapshot holds (all practices'). */
  files: number;
  /** Closes the snapshot and deletes its folder; closing twice does nothing. */
  close(): void;
}

/** The loaded-data tables: every base table with a file_id except the models' own tables. */
async function fileTables(live: Warehouse): Promise<string[]> {
  const models = new Set(loadModels().map((m) => m.name));
  return (await tablesWithFileId(live)).filter((name) => !models.has(name) && !name.endsWith('__next'));
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
      for (const table of tables) await exportLoadedRows(live, table, closeDate, join(dir, `${table}.parquet`));
      return filesLoadedBy(live, closeDate);
    });
    // in memory: a file of its own would pay a disk sync per model built (several times slower); what does
    // not fit in memory spills to the snapshot's folder
    snapshot = await Warehouse.open(':memory:');
    await spillTo(snapshot, join(dir, 'spill'));
    for (const table of tables) await importRows(snapshot, table, join(dir, `${table}.parquet`));
    await buildModels(snapshot, { checks: false });
    const opened = snapshot;
    let closed = false;
    return { warehouse: opened, files, close: () => { if (!closed) { closed = true; close(); } } };
  } catch (error) {
    close();
    throw error;
  }
}
