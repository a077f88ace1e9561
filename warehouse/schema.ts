// Table types for the queries built with Kysely, as the warehouse returns them (database.ts):
// DECIMAL as exact strings, BIGINT as bigint, DATE as YYYY-MM-DD, TIMESTAMP as text.

export interface IngestBatchTable {
  batch_id: bigint;
  started_at: string;
  finished_at: string | null;
  files_loaded: number | null;
  files_skipped: number | null;
  files_rejected: number | null;
}

export interface IngestFileTable {
  file_id: bigint;
  batch_id: bigint;
  file_name: string;
  file_hash: string;
  size_bytes: bigint;
  content_type: string;
  encoding: string | null;
  segment_count: bigint;
  transaction_count: number;
  claim_count: bigint;
  warning_count: bigint;
  loaded_at: string;
}

export interface IngestErrorTable {
  error_id: bigint;
  batch_id: bigint | null;
  file_name: string;
  file_hash: string | null;
  error_code: string;
  segment_position: bigint | null;
  line_number: bigint | null;
  segment_text: string | null;
  message: string;
  hint: string | null;
  raw_row: string | null;
  /** The practice a refused CSV row names (migration 023); null: admins only. */
  billing_npi: string | null;
  recorded_at: string;
}

export interface IngestWarningTable {
  file_id: bigint;
  segment_position: bigint | null;
  subject_position: bigint | null;
  warning_code: string;
  message: string;
  segment_text: string | null;
}

export interface WarehouseSchema {
  ingest_batch: IngestBatchTable;
  ingest_file: IngestFileTable;
  ingest_error: IngestErrorTable;
  ingest_warning: IngestWarningTable;
}
