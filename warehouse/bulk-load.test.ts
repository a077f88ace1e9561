// When staging files go to DuckDB: one row past each row group, so that no table's unfinished row group
// waits in memory between two COPYs (warehouse/bulk-load.ts).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tempWarehouse } from '../tests/support/temp.ts';
import { BulkLoad, ROW_GROUP_ROWS } from './bulk-load.ts';

describe('staging values', () => {
  it('write whole numbers and cents exactly on both sides of 32 bits and up to 2^53', async () => {
    const w = await tempWarehouse();
    await w.run('CREATE TABLE v (n BIGINT, cents DECIMAL(18,2), text VARCHAR)');
    const numbers = [0, 1, 9, 10, 99, 100, 999_999_999, 1_000_000_000, 2_147_483_647, 2_147_483_648, 4_294_967_296, 99_999_999_999, Number.MAX_SAFE_INTEGER, -1, -10, -2_147_483_648, -2_147_483_649];
    const cents = [0, 1, 5, 99, 100, 101, -5, -100, 214_748_364_799, 214_748_364_800, 999_999_999_999_99, -999_999_999_999_99];
    await w.transaction(async () => {
      const bulk = new BulkLoad(w, 'streaming');
      const table = bulk.table('v');
      for (let i = 0; i < Math.max(numbers.length, cents.length); i++) {
        table.bigint(numbers[i]).money(cents[i]).text(String(i));
        table.endRow();
      }
      await bulk.finish();
    });
    const rows = await w.all<{ n: bigint | null; cents: string | null }>('SELECT n, cents::VARCHAR AS cents FROM v ORDER BY text::INTEGER');
    expect(rows.map((r) => r.n)).toEqual([...numbers.map(BigInt), ...Array(rows.length - numbers.length).fill(null)]);
    const asDecimal = (c: number) => `${c < 0 ? '-' : ''}${Math.trunc(Math.abs(c) / 100)}.${String(Math.abs(c) % 100).padStart(2, '0')}`;
    expect(rows.map((r) => r.cents)).toEqual([...cents.map(asDecimal), ...Array(rows.length - cents.length).fill(null)]);
  });
});

describe('a group load whose transaction could not begin', () => {
  it('fails at finish() with that error, and leaves no rejection unwaited for (Node would end the process)', async () => {
    const w = await tempWarehouse();
    await w.run('CREATE TABLE t (a BIGINT)');
    const refused = Promise.reject(new Error('FATAL Error: database has been invalidated'));
    const bulk = new BulkLoad(w, 'group', refused);
    await new Promise((resolve) => setTimeout(resolve, 10)); // past the turn in which an unhandled rejection is reported
    const table = bulk.table('t');
    for (let i = 0; i < ROW_GROUP_ROWS + 2; i++) table.bigint(i).endRow();
    await expect(bulk.finish()).rejects.toThrow(/invalidated/);
    expect(await w.one('SELECT count(*) AS n FROM t')).toEqual({ n: 0n });
  });
});

describe('staging files', () => {
  it('go to COPY one row past each row-group boundary, the rest at the end, every row once', async () => {
    const w = await tempWarehouse();
    await w.run('CREATE TABLE t (a BIGINT, b VARCHAR)');
    const copied: number[] = [];
    const run = w.run.bind(w);
    w.run = async (sql, params) => {
      const staging = /^COPY t FROM '([^']+)'/.exec(sql)?.[1];
      if (staging !== undefined) copied.push(readFileSync(staging, 'utf8').split('\n').length - 1);
      return run(sql, params);
    };
    const rows = 2 * ROW_GROUP_ROWS + 4;
    await w.transaction(async () => {
      const bulk = new BulkLoad(w, 'streaming');
      const table = bulk.table('t');
      for (let i = 0; i < rows; i++) {
        table.bigint(i).text(`value ${i % 7}`);
        table.endRow();
      }
      await bulk.finish();
    });
    expect(copied).toEqual([ROW_GROUP_ROWS + 1, ROW_GROUP_ROWS, 3]);
    expect(await w.one('SELECT count(*) AS n, count(DISTINCT a) AS d, max(a) AS top FROM t')).toEqual({ n: BigInt(rows), d: BigInt(rows), top: BigInt(rows - 1) });
  });
});
