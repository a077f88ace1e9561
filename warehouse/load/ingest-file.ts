// The files of the ingest in ingest_file: which are loaded already, their ids, and the rows of the files a
// transaction commits.
import type { SqlValue, Warehouse } from '../database.ts';

/** The names the files of these SHA-256 hashes were loaded as, by hash. */
export async function loadedFileNames(warehouse: Warehouse, hashes: readonly string[]): Promise<Map<string, string>> {
  const rows = await warehouse.all<{ file_hash: string; file_name: string }>(
    'SELECT file_hash, file_name FROM ingest_file WHERE file_hash IN (SELECT unnest($1::VARCHAR[]))',
    [`[${hashes.map((h) => `'${h}'`).join(',')}]`],
  );
  return new Map(rows.map((r) => [r.file_hash, r.file_name]));
}

/** The sizes among these that a loaded file has. */
export async function loadedFileSizes(warehouse: Warehouse, sizes: readonly number[]): Promise<number[]> {
  const rows = await warehouse.all<{ size: bigint }>(
    'SELECT DISTINCT size_bytes AS size FROM ingest_file WHERE size_bytes IN (SELECT unnest($1::BIGINT[]))',
    [`[${sizes.join(',')}]`],
  );
  return rows.map((r) => Number(r.size));
}

/** `count` new file ids, in the order the sequence gave them. */
export async function nextFileIds(warehouse: Warehouse, count: number): Promise<bigint[]> {
  const ids = await warehouse.all<{ id: bigint }>("SELECT nextval('ingest_file_id') AS id FROM range($1)", [count]);
  return ids.map((r) => r.id);
}

/** One row of ingest_file, in the table's column order (its load time is the statement's). */
export interface IngestFileRow {
  fileId: bigint;
  batchId: bigint;
  name: string;
  hash: string;
  bytes: number;
  contentType: string;
  encoding: string;
  segments: number;
  transactions: number;
  /** Claims of an X12 file, rows of a CSV export. */
  rows: number;
  warnings: number;
}

/**
 * Inside the files' transaction, after their rows are in: their ingest_file rows, and one more load
 * generation (once they are in, the marts are known to be older than the data until a build).
 */
export async function registerFiles(warehouse: Warehouse, files: readonly IngestFileRow[]): Promise<void> {
  const values: SqlValue[][] = files.map((f) => [f.fileId, f.batchId, f.name, f.hash, f.bytes, f.contentType, f.encoding, f.segments, f.transactions, f.rows, f.warnings]);
  // one statement for the group's files: one per file costs a millisecond or two each
  const COLUMNS = 11;
  await warehouse.run(
    `INSERT INTO ingest_file VALUES ${values.map((_, i) => `(${Array.from({ length: COLUMNS }, (_, j) => `$${i * COLUMNS + j + 1}`).join(', ')}, current_timestamp)`).join(', ')}`,
    values.flat(),
  );
  await warehouse.run('UPDATE load_generation SET generation = generation + 1');
}
