// The row of one run of `rcm ingest` in ingest_batch: opened before its files load, closed with their counts.
import type { Warehouse } from '../database.ts';

/** Opens a batch; returns its id. */
export async function startBatch(warehouse: Warehouse): Promise<bigint> {
  const batchId = (await warehouse.one<{ id: bigint }>("SELECT nextval('ingest_batch_id') AS id"))!.id;
  await warehouse.run('INSERT INTO ingest_batch (batch_id, started_at) VALUES ($1, current_timestamp)', [batchId]);
  return batchId;
}

/** Closes a batch with how many of its files loaded, were skipped as copies, and were rejected. */
export async function finishBatch(warehouse: Warehouse, batchId: bigint, files: { loaded: number; skipped: number; rejected: number }): Promise<void> {
  await warehouse.run(
    'UPDATE ingest_batch SET finished_at = current_timestamp, files_loaded = $2, files_skipped = $3, files_rejected = $4 WHERE batch_id = $1',
    [batchId, files.loaded, files.skipped, files.rejected],
  );
}
