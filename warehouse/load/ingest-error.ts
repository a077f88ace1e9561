// What the ingest refused, in ingest_error: a CSV row, or a whole file.
import type { Warehouse } from '../database.ts';

/** A refused row of a CSV export; `billingNpi` is the practice it belongs to (null: admins only). */
export async function recordRowError(
  warehouse: Warehouse,
  batchId: bigint,
  e: { file: string; hash: string; line: number; message: string; hint: string; rawRow: string; billingNpi: string | null },
): Promise<void> {
  await warehouse.run(
    `INSERT INTO ingest_error (error_id, batch_id, file_name, file_hash, error_code, line_number, message, hint, raw_row, billing_npi, recorded_at)
     VALUES (nextval('ingest_error_id'), $1, $2, $3, 'bad_row', $4, $5, $6, $7, $8, current_timestamp)`,
    [batchId, e.file, e.hash, e.line, e.message, e.hint, e.rawRow, e.billingNpi],
  );
}

/** A file that was not loaded, with the segment at fault when there is one. */
export async function recordFileRejection(
  warehouse: Warehouse,
  batchId: bigint,
  e: { file: string; hash: string | null; code: string; segment: number | null; segmentText: string | null; message: string; hint: string },
): Promise<void> {
  await warehouse.run(
    `INSERT INTO ingest_error (error_id, batch_id, file_name, file_hash, error_code, segment_position, segment_text, message, hint, recorded_at)
     VALUES (nextval('ingest_error_id'), $1, $2, $3, $4, $5, $6, $7, $8, current_timestamp)`,
    [batchId, e.file, e.hash, e.code, e.segment, e.segmentText, e.message, e.hint],
  );
}
