// What earlier loads did: batches with their counts, the files loaded, the files and rows refused. One set of
// queries behind `rcm batches` / `rcm errors` and /api/ingest/batches|files|errors. A reader granted some
// practices sees the files of those practices (mart_file_practice) and the refused rows naming them; what
// belongs to no practice (rejected files, files without claims, a batch's own counts) only an admin sees.
import type { Warehouse } from '../database.ts';
import { INGEST_BATCH_COLUMNS, INGEST_ERROR_COLUMNS, INGEST_FILE_COLUMNS } from '../../kernel/api/tables.ts';
import { inPractices, scopeToPractices } from '../metrics/practice-scope.ts';

/** The reader's practices: undefined for an admin (every file, every row). */
export type Practices = readonly string[] | undefined;

/** The answers' columns as the API and its exports declare them (server/table-response.ts, the OpenAPI document). */
// the columns are the API's answers (kernel/api/tables.ts): declared once, for JSON, CSV, Arrow and the dashboards
export { INGEST_BATCH_COLUMNS, INGEST_ERROR_COLUMNS, INGEST_FILE_COLUMNS };

export type IngestBatch = {
  batch_id: bigint;
  started_at: string;
  finished_at: string | null;
  /** The reader's files in the batch. */
  files: bigint;
  claims: bigint;
  warnings: bigint;
  /** The batch's own counts, of every practice's files: null unless the reader is an admin. */
  files_loaded: number | null;
  files_skipped: number | null;
  files_rejected: number | null;
};

export type IngestFile = {
  file_id: bigint;
  batch_id: bigint;
  file_name: string;
  content_type: string;
  size_bytes: bigint;
  encoding: string | null;
  transactions: number;
  claims: bigint;
  warnings: bigint;
  loaded_at: string;
};

export type IngestError = {
  error_id: bigint;
  batch_id: bigint;
  file_name: string;
  error_code: string;
  segment_position: bigint | null;
  line_number: bigint | null;
  message: string;
  hint: string;
  raw_row: string | null;
  recorded_at: string;
};

export interface HistoryFilter {
  practices?: Practices;
  batchId?: bigint;
  limit?: number;
}

/** Which files (by id) a reader may see: every file for an admin, else those of their practices. */
function visibleFiles(practices: Practices): string {
  return practices === undefined ? 'SELECT file_id FROM ingest_file' : scopeToPractices('SELECT file_id FROM mart_file_practice', practices);
}

const TIME = (column: string) => `strftime(${column}, '%Y-%m-%d %H:%M:%S')`;

/** The latest batches, newest first; a reader sees only the batches holding files of their practices. */
export async function listBatches(warehouse: Warehouse, filter: HistoryFilter = {}): Promise<IngestBatch[]> {
  const admin = filter.practices === undefined;
  const own = (column: string) => (admin ? `any_value(b.${column})` : 'NULL');
  return warehouse.all<IngestBatch>(
    `SELECT b.batch_id, ${TIME('b.started_at')} AS started_at, ${TIME('b.finished_at')} AS finished_at,
            count(f.file_id) AS files, coalesce(sum(f.claim_count), 0)::BIGINT AS claims, coalesce(sum(f.warning_count), 0)::BIGINT AS warnings,
            ${own('files_rejected')} AS files_rejected, ${own('files_loaded')} AS files_loaded, ${own('files_skipped')} AS files_skipped
     FROM ingest_batch b
     LEFT JOIN ingest_file f ON f.batch_id = b.batch_id AND f.file_id IN (${visibleFiles(filter.practices)})
     GROUP BY b.batch_id, b.started_at, b.finished_at
     HAVING ${admin ? 'true' : 'count(f.file_id) > 0'}
     ORDER BY b.batch_id DESC LIMIT ${limitOf(filter, 100)}`,
  );
}

/** The loaded files the reader may see, newest first, of every batch or of one. */
export async function listFiles(warehouse: Warehouse, filter: HistoryFilter = {}): Promise<IngestFile[]> {
  return warehouse.all<IngestFile>(
    `SELECT file_id, batch_id, file_name, content_type, size_bytes, encoding, transaction_count AS transactions, claim_count AS claims, warning_count AS warnings,
            ${TIME('loaded_at')} AS loaded_at
     FROM ingest_file WHERE file_id IN (${visibleFiles(filter.practices)}) AND ($1::BIGINT IS NULL OR batch_id = $1)
     ORDER BY file_id DESC LIMIT ${limitOf(filter, 1000)}`,
    [filter.batchId ?? null],
  );
}

/**
 * Rejected files and refused rows, newest first. A refused row belongs to the practice it names
 * (ingest_error.billing_npi), not to its file: an export can mix practices. A row naming none and a
 * rejected file only an admin sees.
 */
export async function listErrors(warehouse: Warehouse, filter: HistoryFilter = {}): Promise<IngestError[]> {
  const { practices } = filter;
  const visible = practices === undefined ? 'true' : inPractices('e.billing_npi', practices);
  return warehouse.all<IngestError>(
    `SELECT e.error_id, e.batch_id, e.file_name, e.error_code, e.segment_position, e.line_number, e.message, e.hint, e.raw_row, ${TIME('e.recorded_at')} AS recorded_at
     FROM ingest_error e WHERE ${visible} AND ($1::BIGINT IS NULL OR e.batch_id = $1)
     ORDER BY e.error_id DESC LIMIT ${limitOf(filter, 1000)}`,
    [filter.batchId ?? null],
  );
}

/** The limit as a whole number (it is written into the statement). */
function limitOf(filter: HistoryFilter, fallback: number): number {
  const limit = filter.limit ?? fallback;
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive whole number, not ${limit}`);
  return limit;
}

/** Whether any file was ever loaded (an empty warehouse needs no models). */
export async function holdsFiles(warehouse: Warehouse): Promise<boolean> {
  return (await warehouse.one<{ n: bigint }>('SELECT count(*) AS n FROM ingest_file'))!.n > 0n;
}
