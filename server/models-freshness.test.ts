// A load through the server with build=false leaves its marts older than the data: every read says so
// (X-Models-Stale) until a build, and a report package refuses rather than close a month from them.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestFiles } from '../ingest/loader/ingest-run.ts';
import { resentFixture835 } from '../tests/support/fixture-835.ts';
import { synthetic835 } from '../tests/support/synthetic-835.ts';
import { tempDir, tempWarehouse, writeFile } from '../tests/support/temp.ts';
import { buildModels } from '../warehouse/build.ts';
import type { Warehouse } from '../warehouse/database.ts';
import { createApp } from './app.ts';
import { addUser, createToken } from '../access/users.ts';
import { STALE_HEADER } from './models-freshness.ts';

describe('answers from marts older than the data', () => {
  const dir = tempDir('rcm-freshness-');
  let warehouse: Warehouse;
  let app: ReturnType<typeof createApp>;
  let auth: Record<string, string>;

  beforeAll(async () => {
    warehouse = await tempWarehouse(dir);
    await ingestFiles(warehouse, [writeFile(dir, 'era-1.835', resentFixture835(1))]);
    await buildModels(warehouse);
    await addUser(warehouse, 'root', 'admin', 'a long enough password', []);
    auth = { authorization: `Bearer ${(await createToken(warehouse, 'root', 'test')).token}` };
    app = createApp(warehouse, undefined, { writer: await warehouse.connect(), inbox: join(dir, 'inbox') });
  });

  const get = (path: string) => app.request(path, { headers: auth });

  it('say so in every read after a load that did not build, until a build', async () => {
    expect((await get('/api/metrics?metric=ar_total')).headers.get(STALE_HEADER)).toBeNull();
    const load = await app.request('/api/ingest?name=more.835&build=false', { method: 'POST', headers: auth, body: [...synthetic835({ seed: 2, claims: 3 })].join('') });
    expect(((await load.json()) as { built: boolean }).built).toBe(false);
    for (const path of ['/api/metrics?metric=ar_total', '/api/claims', '/api/ingest/batches']) {
      expect((await get(path)).headers.get(STALE_HEADER), path).toContain('files were loaded after the models were last built');
    }
    const report = await app.request('/api/reports/monthly', { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ month: '2024-03', formats: ['csv'] }) });
    expect(report.status).toBe(409);
    expect(((await report.json()) as { error: { code: string } }).error.code).toBe('models_stale');
    expect((await app.request('/api/build', { method: 'POST', headers: auth })).status).toBe(200);
    expect((await get('/api/metrics?metric=ar_total')).headers.get(STALE_HEADER)).toBeNull();
  });
});
