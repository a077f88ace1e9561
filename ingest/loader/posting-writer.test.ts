// The duplicate-row check of CSV exports: what it needs in memory does not grow with the rows the warehouse
// already holds, so an export loads under rcm ingest's default cap into a warehouse of any size.
import { describe, expect, it } from 'vitest';
import { Warehouse } from '../../warehouse/database.ts';
import { tempDir, writeFile } from '../../tests/support/temp.ts';
import { INGEST_MEMORY_LIMIT, ingestFiles, useLoadingSettings } from './ingest-run.ts';

const EXISTING_ROWS = 600_000;

function chargesCsv(from: number, to: number): string {
  const lines = ['Claim ID,Date of Service,Procedure,Charge,Units'];
  for (let i = from; i < to; i++) lines.push(`CLM-${i},2025-06-${String(1 + (i % 28)).padStart(2, '0')},99214,${100 + (i % 50)}.25,1`);
  return `${lines.join('\n')}\n`;
}

function postingsCsv(from: number, to: number): string {
  const lines = ['Claim ID,Posting Date,Amount,Type'];
  for (let i = from; i < to; i++) lines.push(`CLM-${i},2025-07-${String(1 + (i % 28)).padStart(2, '0')},${10 + (i % 50)}.10,insurance payment`);
  return `${lines.join('\n')}\n`;
}

describe('CSV exports into a warehouse that already holds many rows', () => {
  it(`load under the default ${INGEST_MEMORY_LIMIT} cap, and rows an earlier file loaded are still dropped`, async () => {
    const dir = tempDir();
    const path = `${dir}/w.duckdb`;
    let w = await Warehouse.open(path);
    try {
      // rows already loaded by earlier exports: inserted with SQL (the loader would take minutes)
      for (const [table, values] of [
        ['charge_line', "md5('c' || i::VARCHAR)[1:32] || '#1', 'OLD-' || i, DATE '2024-01-01' + (i % 700)::INT, 'P', 'PAYER', 'LOC', '99213', NULL, NULL, NULL, NULL, 'Z00', NULL, NULL, NULL, 'Z00', 1, 100.00, NULL"],
        ['payment_posting', "md5('p' || i::VARCHAR)[1:32] || '#1', 'OLD-' || i, DATE '2024-01-01' + (i % 700)::INT, 10.00, 'insurance_payment', 'PAYER', NULL, 'EFT', NULL"],
      ]) {
        await w.run(`INSERT INTO ${table} SELECT 1000 + i // 25000, i, ${values} FROM range(${EXISTING_ROWS}) r(i)`);
      }
      // and the first month's exports through the loader
      const first = await ingestFiles(w, [writeFile(dir, 'charges-1.csv', chargesCsv(0, 20_000)), writeFile(dir, 'postings-1.csv', postingsCsv(0, 20_000))]);
      expect(first.outcomes.map((o) => o.status)).toEqual(['loaded', 'loaded']);
    } finally {
      w.close();
    }

    w = await Warehouse.open(path, { memoryLimit: INGEST_MEMORY_LIMIT });
    try {
      await useLoadingSettings(w);
      // the next exports repeat the last 5,000 rows of the first ones (and are checked in two slices of keys)
      const run = await ingestFiles(w, [writeFile(dir, 'charges-2.csv', chargesCsv(15_000, 80_000)), writeFile(dir, 'postings-2.csv', postingsCsv(15_000, 80_000))]);
      expect(run.outcomes.map((o) => (o.status === 'rejected' ? o.message : o.status))).toEqual(['loaded', 'loaded']);
      expect(run.outcomes.map((o) => o.status === 'loaded' && [o.rows, o.rowsAlreadyLoaded])).toEqual([[60_000, 5_000], [60_000, 5_000]]);
      for (const table of ['charge_line', 'payment_posting']) {
        expect(await w.one(`SELECT count(*) AS n, count(DISTINCT row_key) AS keys FROM ${table}`), table).toEqual({ n: BigInt(EXISTING_ROWS + 80_000), keys: BigInt(EXISTING_ROWS + 80_000) });
      }
    } finally {
      w.close();
    }
  }, 120_000);
});
