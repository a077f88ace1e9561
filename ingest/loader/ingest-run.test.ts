import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Warehouse } from '../../warehouse/database.ts';
import { endLoading, useLoadingSettings } from './ingest-run.ts';

describe('loading settings', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('gives the build after a load all of DuckDB\'s memory back, not only the setting', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rcm-loading-'));
    dirs.push(dir);
    const warehouse = await Warehouse.open(join(dir, 'w.duckdb'), { memoryLimit: '64MB' });
    try {
      await useLoadingSettings(warehouse);
      expect((await warehouse.one<{ n: bigint }>("SELECT current_setting('write_buffer_row_group_count') AS n"))!.n).toBe(1n);
      // a list of 20 million numbers (160 MB) cannot spill to disk: it needs the memory itself
      const needsMemory = 'SELECT len(list(range)) AS n FROM range(20000000)';
      await expect(warehouse.one(needsMemory)).rejects.toThrow(/Out of Memory/);
      await endLoading(warehouse);
      expect(await warehouse.one(needsMemory)).toEqual({ n: 20000000n });
      expect((await warehouse.one<{ t: bigint }>("SELECT current_setting('threads') AS t"))!.t).toBeGreaterThan(1n);
      expect((await warehouse.one<{ n: bigint }>("SELECT current_setting('write_buffer_row_group_count') AS n"))!.n).toBe(5n);
    } finally {
      warehouse.close();
    }
  });
});
