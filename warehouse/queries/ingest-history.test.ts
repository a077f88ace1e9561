// The ingest history behind both `rcm batches` / `rcm errors` and /api/ingest: an admin sees every file and
// the batch's own counts; a reader of one practice sees the files and refused rows of that practice, and
// none of the batch's own counts (they count every practice's files).
import { beforeAll, describe, expect, it } from 'vitest';
import { npi } from '../../demo/practice/practice.ts';
import { ingestFiles } from '../../ingest/loader/ingest-run.ts';
import { tempDir, tempWarehouse, writeFile } from '../../tests/support/temp.ts';
import { buildModels } from '../build.ts';
import type { Warehouse } from '../database.ts';
import { holdsFiles, listBatches, listErrors, listFiles } from './ingest-history.ts';

const A = npi('111111111');
const B = npi('222222222');

describe('ingest history', () => {
  let warehouse: Warehouse;

  beforeAll(async () => {
    const dir = tempDir('rcm-ingest-history-');
    warehouse = await tempWarehouse(dir);
    await ingestFiles(warehouse, [
      writeFile(dir, 'a.csv', ['Claim ID,DOS,CPT,Charge,Billing NPI,Patient', `A-1,2025-03-01,99213,120.00,${A},ALPHA ANNA`, `A-2,2025-03-01,99213,oops,${A},ALPHA ADAM`].join('\n')),
      writeFile(dir, 'unknown.csv', `Patient,Billing NPI\nALPHA ANNA,${A}\n`),
    ]);
    await ingestFiles(warehouse, [writeFile(dir, 'b.csv', ['Claim ID,DOS,CPT,Charge,Billing NPI,Patient', `B-1,2025-03-01,99213,120.00,${B},BRAVO BEN`].join('\n'))]);
    await buildModels(warehouse);
  }, 60_000);

  it('gives an admin every batch with its own counts and the counts of its files', async () => {
    expect(await listBatches(warehouse)).toEqual([
      expect.objectContaining({ batch_id: 2n, files: 1n, files_loaded: 1, files_skipped: 0, files_rejected: 0 }),
      expect.objectContaining({ batch_id: 1n, files: 1n, files_loaded: 1, files_skipped: 0, files_rejected: 1 }),
    ]);
    expect((await listBatches(warehouse, { limit: 1 })).map((b) => b.batch_id)).toEqual([2n]);
  });

  it('gives a reader the batches of their practice, without the batch’s own counts', async () => {
    expect(await listBatches(warehouse, { practices: [B] })).toEqual([
      expect.objectContaining({ batch_id: 2n, files: 1n, files_loaded: null, files_skipped: null, files_rejected: null }),
    ]);
    expect(await listBatches(warehouse, { practices: [] })).toEqual([]);
  });

  it('lists the files and refused rows a reader may see, of one batch or all', async () => {
    expect((await listFiles(warehouse)).map((f) => f.file_name)).toEqual([expect.stringMatching(/b\.csv$/), expect.stringMatching(/a\.csv$/)]);
    expect((await listFiles(warehouse, { practices: [A] })).map((f) => f.batch_id)).toEqual([1n]);
    expect((await listFiles(warehouse, { batchId: 2n })).map((f) => f.batch_id)).toEqual([2n]);
    // the admin sees the rejected file too; the reader of A only the row naming A
    expect((await listErrors(warehouse)).map((e) => e.batch_id)).toEqual([1n, 1n]);
    expect(await listErrors(warehouse, { practices: [A] })).toEqual([expect.objectContaining({ batch_id: 1n, line_number: 3n, raw_row: expect.stringContaining('ALPHA ADAM') })]);
    expect(await listErrors(warehouse, { practices: [B] })).toEqual([]);
    expect(await listErrors(warehouse, { batchId: 2n })).toEqual([]);
  });

  it('refuses a limit that is not a positive whole number (it is written into the statement)', async () => {
    await expect(listBatches(warehouse, { limit: 0 })).rejects.toThrow(RangeError);
    await expect(listFiles(warehouse, { limit: 1.5 })).rejects.toThrow(RangeError);
  });

  it('tells a warehouse that holds files from an empty one', async () => {
    expect(await holdsFiles(warehouse)).toBe(true);
    const empty = await tempWarehouse(tempDir('rcm-ingest-history-empty-'));
    expect(await holdsFiles(empty)).toBe(false);
    empty.close();
  });
});
