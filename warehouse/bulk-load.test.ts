// When staging files go to DuckDB: one row past each row group, so that no table's unfinished row group
// waits in memory between two COPYs (warehouse/bulk-load.ts).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tempWarehouse } from '../tests/support/temp.ts';
import { BulkLoad, ROW_GROUP_ROWS } from './bulk-load.ts';

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
