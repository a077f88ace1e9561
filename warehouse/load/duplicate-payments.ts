// The duplicate-payment warnings of the files being committed, written inside their transaction.
import type { Warehouse } from '../database.ts';

/**
 * A payment whose payer, trace number (TRN02), amount and date were already loaded — from another file or
 * earlier in this one — is most likely the same remittance delivered twice. It still loads (the files
 * differ), with a warning on its BPR; the models count a copy whose claims repeat the earlier payment's
 * once (stg_remit_repeat) and list it, or list it as a conflict when they differ (rcm errors).
 */
export async function addDuplicatePaymentWarnings(warehouse: Warehouse, files: { fileId: bigint; name: string }[]): Promise<Map<bigint, number>> {
  if (files.length === 0) return new Map();
  // the files being committed have no ingest_file row yet: their names come with them
  const committing = files.map((_, i) => `($${2 * i + 1}::BIGINT, $${2 * i + 2}::VARCHAR)`).join(', ');
  const rows = await warehouse.all<{ file_id: bigint }>(
    `INSERT INTO ingest_warning
     WITH committing(file_id, file_name) AS (VALUES ${committing})
     SELECT p.file_id, p.payment_position, p.payment_position, 'duplicate_payment',
            'payment with trace number ' || p.trace_number || ' of ' || p.amount || ' from payer ' || coalesce(p.payer_id, '(no id)')
              || ' was already loaded from ' || CASE WHEN q.file_id = p.file_id THEN 'this file' ELSE coalesce(f.file_name, c.file_name) END || ' (transaction at segment ' || q.transaction_position || ')',
            NULL
     FROM (SELECT * FROM remit_payment WHERE file_id IN (SELECT file_id FROM committing) AND trace_number IS NOT NULL) p
     JOIN remit_payment q
       ON q.trace_number = p.trace_number AND q.amount = p.amount
      AND q.payer_id IS NOT DISTINCT FROM p.payer_id AND q.payment_date IS NOT DISTINCT FROM p.payment_date
      AND (q.file_id < p.file_id OR (q.file_id = p.file_id AND q.transaction_position < p.transaction_position))
     LEFT JOIN ingest_file f ON f.file_id = q.file_id
     LEFT JOIN committing c ON c.file_id = q.file_id
     -- the first of the earlier copies is the one named
     QUALIFY row_number() OVER (PARTITION BY p.file_id, p.payment_position ORDER BY q.file_id, q.transaction_position) = 1
     RETURNING file_id`,
    files.flatMap((f) => [f.fileId, f.name]),
  );
  const counts = new Map<bigint, number>();
  for (const r of rows) counts.set(r.file_id, (counts.get(r.file_id) ?? 0) + 1);
  return counts;
}
