// The statements that copy the files loaded by a close date out of the live warehouse and into a snapshot
// (reports/monthly/close-snapshot.ts), through Parquet files in a folder of the snapshot's own.
import type { Warehouse } from '../database.ts';
import { loadedBy } from './monthly-package.ts';

const quote = (path: string) => `'${path.replaceAll("'", "''")}'`;

/** Every base table of the live warehouse with a file_id (the models' tables among them). */
export async function tablesWithFileId(live: Warehouse): Promise<string[]> {
  const rows = await live.all<{ name: string }>(
    `SELECT t.table_name AS name FROM information_schema.tables t
     JOIN information_schema.columns c ON c.table_catalog = t.table_catalog AND c.table_schema = t.table_schema AND c.table_name = t.table_name
     WHERE t.table_catalog = current_database() AND t.table_schema = 'main' AND t.table_type = 'BASE TABLE' AND c.column_name = 'file_id'
     ORDER BY 1`,
  );
  return rows.map((r) => r.name);
}

/** Writes the table's rows of files loaded by the close date (null: every file) to a Parquet file. */
export async function exportLoadedRows(live: Warehouse, table: string, closeDate: string | null, path: string): Promise<void> {
  const kept = `file_id IN (SELECT file_id FROM ingest_file WHERE ${loadedBy(closeDate)})`;
  await live.run(`COPY (SELECT * FROM ${table} WHERE ${kept}) TO ${quote(path)} (FORMAT parquet)`);
}

/** How many files were loaded by the close date (null: every file). */
export async function filesLoadedBy(live: Warehouse, closeDate: string | null): Promise<number> {
  return Number((await live.one<{ n: bigint }>(`SELECT count(*) AS n FROM ingest_file WHERE ${loadedBy(closeDate)}`))!.n);
}

/** Where the snapshot spills what does not fit in memory. */
export async function spillTo(snapshot: Warehouse, folder: string): Promise<void> {
  await snapshot.run(`SET temp_directory = ${quote(folder)}`);
}

export async function importRows(snapshot: Warehouse, table: string, path: string): Promise<void> {
  await snapshot.run(`INSERT INTO ${table} BY NAME SELECT * FROM read_parquet(${quote(path)})`);
}
