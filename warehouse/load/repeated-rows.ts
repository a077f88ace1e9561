// Rows of a CSV export that an earlier file already loaded, dropped inside the load's transaction.
import type { Warehouse } from '../database.ts';

/**
 * Incoming rows whose keys are looked up together. The check holds these keys (and the rows of the table
 * that share their hashes) in memory; 50,000 of them fit well under the load's 48 MB cap, and a table of
 * three million rows with 50,000 incoming ones checked under 16 MB.
 */
const KEYS_PER_PASS = 50_000;

/**
 * Inside the transaction: drops rows of these files that an earlier file already loaded; returns how many
 * per file. Only the keys of the incoming rows are looked up, a slice of them at a time (by their hash), so
 * what the check holds in memory is bounded whatever the size of the table and of the files: an aggregate
 * over every key of the table ran out of the load's memory cap once the warehouse held a few hundred
 * thousand rows (and the EXISTS self-join before it, which held every key of the table at once). The
 * hashes only narrow the rows down: a key loaded more than once is found by its text.
 */
export async function dropRowsLoadedBefore(warehouse: Warehouse, fileIds: bigint[]): Promise<Map<bigint, number>> {
  const counts = new Map<bigint, number>();
  const incoming = `file_id IN (SELECT unnest($1::BIGINT[]))`;
  const list = `[${fileIds.join(',')}]`;
  for (const table of ['payment_posting', 'charge_line']) {
    const { n } = (await warehouse.one<{ n: bigint }>(`SELECT count(*) AS n FROM ${table} WHERE ${incoming}`, [list]))!;
    const passes = Math.ceil(Number(n) / KEYS_PER_PASS);
    for (let pass = 0; pass < passes; pass++) {
      const slice = passes === 1 ? 'true' : `hash(row_key) % ${passes} = ${pass}`;
      const rows = await warehouse.all<{ file_id: bigint }>(
        `DELETE FROM ${table} p
         USING (
           SELECT row_key, min(file_id) AS first_file FROM ${table}
           WHERE ${slice} AND hash(row_key) IN (SELECT hash(row_key) FROM ${table} WHERE ${incoming} AND ${slice})
           GROUP BY row_key HAVING count(*) > 1
         ) repeated
         WHERE p.row_key = repeated.row_key AND p.file_id > repeated.first_file AND p.${incoming}
         RETURNING p.file_id`,
        [list],
      );
      for (const r of rows) counts.set(r.file_id, (counts.get(r.file_id) ?? 0) + 1);
    }
  }
  return counts;
}
