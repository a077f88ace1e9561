// What earlier ingest runs did: batches with their counts, rejected files with the reason.
import { sql, type Kysely } from 'kysely';
import type { IngestBatchTable, WarehouseSchema } from '../../warehouse/schema.ts';

export type BatchSummary = IngestBatchTable & { claims: string | null; warnings: string | null };

export async function listBatches(db: Kysely<WarehouseSchema>, limit = 20): Promise<BatchSummary[]> {
  return db
    .selectFrom('ingest_batch as b')
    .leftJoin('ingest_file as f', 'f.batch_id', 'b.batch_id')
    .select(['b.batch_id', 'b.started_at', 'b.finished_at', 'b.files_loaded', 'b.files_skipped', 'b.files_rejected'])
    .select([sql<string | null>`sum(f.claim_count)::VARCHAR`.as('claims'), sql<string | null>`sum(f.warning_count)::VARCHAR`.as('warnings')])
    .groupBy(['b.batch_id', 'b.started_at', 'b.finished_at', 'b.files_loaded', 'b.files_skipped', 'b.files_rejected'])
    .orderBy('b.batch_id', 'desc')
    .limit(limit)
    .execute();
}

export interface ErrorFilter {
  batchId?: bigint;
  limit?: number;
}

export async function listErrors(db: Kysely<WarehouseSchema>, filter: ErrorFilter = {}) {
  let query = db
    .selectFrom('ingest_error')
    .select(['error_id', 'batch_id', 'file_name', 'error_code', 'segment_position', 'line_number', 'message', 'hint', 'recorded_at'])
    .orderBy('error_id', 'desc')
    .limit(filter.limit ?? 50);
  if (filter.batchId !== undefined) query = query.where('batch_id', '=', filter.batchId);
  return query.execute();
}
