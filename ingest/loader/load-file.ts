// Loads one file into the warehouse in one database transaction: all of it, or (when it cannot be read)
// none of it, with the reason recorded in ingest_error. A file already loaded (same SHA-256) is skipped.
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { BulkLoad } from '../../warehouse/bulk-load.ts';
import type { Warehouse } from '../../warehouse/database.ts';
import { X12Error, abbreviate, type Warning } from '../x12/diagnostics.ts';
import { readX12File } from '../x12/reader.ts';
import { TransactionRouter } from '../transaction-router.ts';
import { Remittance835Mapper } from '../remittance/map-835.ts';
import type { Cents } from '../x12/values.ts';
import { RemittanceWriter } from './remittance-writer.ts';
import { WarningWriter, addDuplicatePaymentWarnings } from './warning-writer.ts';

export type FileOutcome =
  | { status: 'loaded'; file: string; fileId: bigint; hash: string; bytes: number; transactions: number; claims: number; warnings: number; paid: Cents; paymentAmount: Cents }
  | { status: 'duplicate'; file: string; hash: string; bytes: number; loadedAs: string }
  | { status: 'rejected'; file: string; hash: string | null; bytes: number; code: string; message: string; hint: string; segment: number | null };

const UNBALANCED = new Set(['line_unbalanced', 'claim_unbalanced', 'transaction_unbalanced']);

export async function loadFile(warehouse: Warehouse, batchId: bigint, path: string, onBytes?: (n: number) => void): Promise<FileOutcome> {
  let hash: string;
  let bytes: number;
  try {
    bytes = statSync(path).size;
    hash = await sha256(path);
  } catch (error) {
    const e = new X12Error('io', { file: path }, `cannot read the file: ${(error as Error).message}`, 'Check the path and the file permissions.');
    return reject(warehouse, batchId, path, null, 0, e);
  }
  const previous = await warehouse.one<{ file_name: string }>('SELECT file_name FROM ingest_file WHERE file_hash = $1', [hash]);
  if (previous) {
    onBytes?.(bytes);
    return { status: 'duplicate', file: path, hash, bytes, loadedAs: previous.file_name };
  }

  try {
    return await warehouse.transaction(async () => {
      const fileId = (await warehouse.one<{ id: bigint }>("SELECT nextval('ingest_file_id') AS id"))!.id;
      const bulk = new BulkLoad(warehouse);
      const writer = new RemittanceWriter(bulk, fileId);
      const warnings = new WarningWriter(bulk, fileId);
      const onWarning = (w: Warning) => {
        if (UNBALANCED.has(w.code) && w.subjectSegment !== undefined) writer.markUnbalanced(w.subjectSegment);
        warnings.add(w);
      };
      let summary;
      try {
        const router = new TransactionRouter({ '835': (header) => new Remittance835Mapper(header, writer, onWarning) }, onWarning);
        summary = await readX12File(path, router, path, onBytes);
      } catch (error) {
        await bulk.abandon();
        throw error;
      }
      await bulk.finish();
      const duplicates = await addDuplicatePaymentWarnings(warehouse, fileId);
      await warehouse.run(
        `INSERT INTO ingest_file VALUES ($1, $2, $3, $4, $5, 'x12', $6, $7, $8, $9, $10, current_timestamp)`,
        [fileId, batchId, path, hash, bytes, summary.encoding, summary.segments, summary.transactions, writer.totals.claims, warnings.count + duplicates],
      );
      return {
        status: 'loaded' as const, file: path, fileId, hash, bytes, transactions: summary.transactions,
        claims: writer.totals.claims, warnings: warnings.count + duplicates, paid: writer.totals.claimPaid, paymentAmount: writer.totals.paymentAmount,
      };
    });
  } catch (error) {
    if (!(error instanceof X12Error)) throw error;
    return reject(warehouse, batchId, path, hash, bytes, error);
  }
}

async function reject(warehouse: Warehouse, batchId: bigint, path: string, hash: string | null, bytes: number, error: X12Error): Promise<FileOutcome> {
  await warehouse.run(
    `INSERT INTO ingest_error (error_id, batch_id, file_name, file_hash, error_code, segment_position, segment_text, message, hint, recorded_at)
     VALUES (nextval('ingest_error_id'), $1, $2, $3, $4, $5, $6, $7, $8, current_timestamp)`,
    [batchId, path, hash, error.code, error.segment ?? null, error.segmentText === undefined ? null : abbreviate(error.segmentText, 500), error.message, error.hint],
  );
  return { status: 'rejected', file: path, hash, bytes, code: error.code, message: error.message, hint: error.hint, segment: error.segment ?? null };
}

export function sha256(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path, { highWaterMark: 1 << 20 })
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
