// The reading pool (server/reading.ts) on a real warehouse: work shares the connections one piece at a
// time each, in the order asked, and several run at once; while a build swaps the models in on the writer,
// every read on any pool connection sees the models before the swap or after it, never half; and through
// the app, a build drops what the readers had answered, the as-of date the requests default to included.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FOLDERS, writeDataset } from '../demo/dataset/write-dataset.ts';
import { PRACTICE, npi } from '../demo/practice/practice.ts';
import { ingestFiles } from '../ingest/loader/ingest-run.ts';
import { tempDir, tempWarehouse } from '../tests/support/temp.ts';
import { buildModels } from '../warehouse/build.ts';
import type { Warehouse } from '../warehouse/database.ts';
import { computeMetric } from '../warehouse/metrics/compute.ts';
import { metric } from '../warehouse/metrics/registry.ts';
import { latestEventDate } from '../warehouse/metrics/window.ts';
import { createApp } from './app.ts';
import { addUser, createToken } from '../access/users.ts';
import { readingConnections, readingPool } from './reading.ts';
import { copyPractice } from '../tests/support/practice-copy.ts';

const OTHER = npi('987654321');
const THIRD = npi('555444333');
const AS_OF = '2025-03-31';

describe('the reading pool', () => {
  const dir = tempDir('rcm-reading-');
  let warehouse: Warehouse;
  let other = '';

  beforeAll(async () => {
    const a = join(dir, 'a');
    await writeDataset({ seed: 8, claims: 200, months: 3, start: '2025-01-01', out: a });
    // a second practice: the same files under another billing provider, loaded later in the tests
    other = join(dir, 'b');
    copyPractice(a, other, { billingNpi: OTHER, claimPrefix: 'OTH', submitterId: 'OTHERSUB' });
    warehouse = await tempWarehouse(dir);
    await ingestFiles(warehouse, Object.values(FOLDERS).map((f) => join(a, f)));
    await buildModels(warehouse);
  }, 120_000);

  it('gives each connection to one piece of work at a time, in the order asked, several at once', async () => {
    const connections = await readingConnections(warehouse, 2);
    const read = readingPool(connections);
    const busy = new Set<Warehouse>();
    const started: number[] = [];
    let most = 0;
    const work = (i: number, ms: number) => read(async (w) => {
      expect(busy.has(w), `work ${i} got a connection in use`).toBe(false);
      busy.add(w);
      most = Math.max(most, busy.size);
      started.push(i);
      try {
        await w.all(`SELECT ${i} AS i, count(*) AS n FROM range(${ms * 1000})`);
        await new Promise((r) => setTimeout(r, ms));
        return (await w.one<{ i: number }>(`SELECT ${i} AS i`))!.i;
      } finally {
        busy.delete(w);
      }
    });
    expect(await Promise.all([0, 1, 2, 3, 4, 5].map((i) => work(i, 20)))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(most).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);

    // two pieces of work at once: the first waits for the second to start (one connection would never get there)
    let secondStarted!: () => void;
    const second = new Promise<void>((r) => (secondStarted = r));
    await Promise.all([read(() => second), read(async () => secondStarted())]);

    // a failed piece of work gives its connection back
    await expect(read(() => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    await expect(read(() => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    expect(await Promise.all([work(6, 1), work(7, 1), work(8, 1)])).toEqual([6, 7, 8]);
    for (const c of connections) c.close();
  });

  it('reads on every connection, during a build on the writer, see the models before the swap or after it', async () => {
    const writer = await warehouse.connect();
    const connections = await readingConnections(warehouse, 3);
    const read = readingPool(connections);
    const arTotal = metric('ar_total')!;
    const total = (w: Warehouse) => computeMetric(w, arTotal, { asOf: AS_OF }).then((r) => r.numerator);
    const before = await read(total);
    await ingestFiles(writer, Object.values(FOLDERS).map((f) => join(other, f)));

    let building = true;
    const build = buildModels(writer).finally(() => (building = false));
    const seen: (number | null)[] = [];
    while (building) seen.push(...(await Promise.all(connections.map(() => read(total)))));
    const result = await build;
    const after = await read(total);

    expect(result.checks.filter((k) => k.failures > 0n)).toEqual([]);
    expect(seen.length).toBeGreaterThan(6);
    expect(Math.round(after! * 100)).toBe(2 * Math.round(before! * 100)); // the second practice is a copy of the first
    for (const value of seen) expect([before, after], `a read during the build saw ${value}`).toContain(value);
    for (const c of [writer, ...connections]) c.close();
  }, 120_000);

  it('drops the readers’ answers and the as-of date they default to when the server builds', async () => {
    // the data as the last test left it; a third practice, with later claims, is loaded and then built through the app
    const writer = await warehouse.connect();
    const readers = await readingConnections(warehouse, 2);
    await addUser(warehouse, 'root', 'admin', 'a long enough password', []);
    const auth = { authorization: `Bearer ${(await createToken(warehouse, 'root', 'test')).token}` };
    const app = createApp(warehouse, undefined, { writer, readers, inbox: join(dir, 'inbox') });
    const ask = async () => {
      const response = await app.request('/api/metrics?metric=ar_total,collections', { headers: auth });
      expect(response.status).toBe(200);
      return (await response.json()) as { as_of: string; metrics: Record<string, { numerator: number }> };
    };
    const first = await ask();
    expect(first.as_of).toBe(await latestEventDate(warehouse));

    // a third practice whose claims come later (another billing provider and claim numbers, as above)
    const later = join(dir, 'c');
    await writeDataset({ seed: 9, claims: 60, months: 2, start: '2025-06-01', out: later });
    for (const folder of Object.values(FOLDERS)) {
      for (const file of readdirSync(join(later, folder))) {
        const path = join(later, folder, file);
        writeFileSync(path, readFileSync(path, 'utf8').replaceAll(PRACTICE.billingNpi, THIRD).replaceAll('MFH', 'LAT').replaceAll(PRACTICE.submitterId, 'LATERSUB'));
      }
    }
    await ingestFiles(writer, Object.values(FOLDERS).map((f) => join(later, f)));
    expect((await ask()).as_of).toBe(first.as_of); // not built yet: the models, and so the answers, are those of before
    const built = await app.request('/api/build', { method: 'POST', headers: auth });
    expect(built.status).toBe(200);
    const second = await ask();
    const latest = await latestEventDate(warehouse);
    expect(latest! > first.as_of).toBe(true);
    expect(second.as_of).toBe(latest);
    const direct = await computeMetric(warehouse, metric('ar_total')!, { asOf: latest! });
    expect(second.metrics.ar_total.numerator).toBe(direct.numerator);
    for (const c of [writer, ...readers]) c.close();
  }, 120_000);
});
