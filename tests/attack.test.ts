// The server attacked as the hardening suite attacked it, over real HTTP on loopback and a real warehouse file
// holding two practices' data plus a billing company's postings export that mixes three: a practice's users
// see no refused row of another; sign-in bursts sent at once hold the limits; bodies are bounded before
// anyone signs in; the answer cache stays within its bytes; and, enumerated from the route table so that a
// new route cannot forget them, every API answer is marked no-store and every CSV or Arrow answer is audited.
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { FOLDERS, writeDataset } from '../demo/dataset/write-dataset.ts';
import { PRACTICE, npi } from '../demo/practice/practice.ts';
import { ingestFiles } from '../ingest/loader/ingest-run.ts';
import { buildModels } from '../warehouse/build.ts';
import type { Warehouse } from '../warehouse/database.ts';
import { AnswerCache } from '../server/answer-cache.ts';
import { createApp } from '../server/app.ts';
import type { AppEnv } from '../server/auth/require-user.ts';
import { addUser, createToken } from '../access/users.ts';
import { DEFAULT_SERVER_OPTIONS, type ServerOptions } from '../server/options.ts';
import { ARROW_STREAM } from '../server/table-response.ts';
import { tempDir, tempWarehouse, writeFile } from './support/temp.ts';
import { copyPractice } from './support/practice-copy.ts';

const A = PRACTICE.billingNpi;
const B = npi('987654321');
const C = npi('555555555');
const PASSWORD = 'a long enough password';

/** A billing company's postings export: good rows of A and B, a refused row of each practice, one naming none. */
function mixedExport(claimOfA: string, claimOfB: string): string {
  return [
    'Claim #,Post Date,Type,Amount,Paid By,Billing NPI',
    `${claimOfA},2025-03-10,Patient Payment,10.00,PATIENT A,${A}`,
    `${claimOfB},2025-03-10,Patient Payment,10.00,PATIENT B,${B}`,
    `${claimOfA},2025-03-11,Patient Payment,not money,SECRET-OF-A,${A}`,
    `${claimOfB},2025-03-11,Patient Payment,not money,SECRET-OF-B,${B}`,
    `C-0001,2025-03-11,Patient Payment,not money,SECRET-OF-C,${C}`,
    'X-0001,2025-03-11,Patient Payment,not money,SECRET-OF-NOBODY,',
  ].join('\n');
}

/** Every route of the API, as method and path with its parameters. */
function apiRoutes(app: Hono<AppEnv>): { method: string; path: string }[] {
  const seen = new Set<string>();
  return app.routes
    .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'))
    .filter((r) => !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`))
    .map((r) => ({ method: r.method, path: r.path }));
}

describe('the server under attack', () => {
  const dir = tempDir('rcm-attack-');
  let server: ServerType;
  let app: Hono<AppEnv>;
  let base = '';
  let warehouse: Warehouse;
  const tokens: Record<string, string> = {};
  let now = new Date('2026-03-02T09:00:00Z');
  const options: ServerOptions = { ...DEFAULT_SERVER_OPTIONS, now: () => now };
  const cache = new AnswerCache({ maxBytes: 256 * 1024, maxEntryBytes: 64 * 1024 });
  let claimOfA = '';

  beforeAll(async () => {
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    await writeDataset({ seed: 21, claims: 300, months: 3, start: '2025-01-01', out: a });
    copyPractice(a, b, { billingNpi: B, claimPrefix: 'OTH', submitterId: 'OTHERSUB' });
    warehouse = await tempWarehouse(dir);
    await ingestFiles(warehouse, [a, b].flatMap((root) => Object.values(FOLDERS).map((f) => join(root, f))));
    await buildModels(warehouse);
    claimOfA = (await warehouse.one<{ id: string }>(`SELECT claim_id AS id FROM mart_claim WHERE billing_npi = '${A}' ORDER BY 1 LIMIT 1`))!.id;
    const claimOfB = (await warehouse.one<{ id: string }>(`SELECT claim_id AS id FROM mart_claim WHERE billing_npi = '${B}' ORDER BY 1 LIMIT 1`))!.id;
    await ingestFiles(warehouse, [writeFile(dir, 'billing-company-postings.csv', mixedExport(claimOfA, claimOfB))]);
    await buildModels(warehouse);
    for (const [name, role, practices] of [['root', 'admin', []], ['ma', 'practice_manager', [A]], ['mb', 'billing_lead', [B]], ['mc', 'practice_manager', [C]]] as const) {
      await addUser(warehouse, name, role, PASSWORD, [...practices]);
      tokens[name] = (await createToken(warehouse, name, 'attack')).token;
    }
    const writer = await warehouse.connect();
    afterAll(() => writer.close());
    app = createApp(warehouse, options, { writer, cache, inbox: join(dir, 'inbox') });
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 180_000);
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const call = (path: string, user: string | undefined, init: RequestInit = {}) =>
    fetch(base + path, { ...init, headers: { ...(user ? { authorization: `Bearer ${tokens[user]}` } : {}), ...(init.headers as Record<string, string>) } });
  const auditCount = async () => Number((await warehouse.one<{ n: bigint }>('SELECT count(*) AS n FROM audit_event'))!.n);
  const lastAudit = async () => (await warehouse.one<{ route: string }>('SELECT route FROM audit_event ORDER BY event_id DESC LIMIT 1'))!.route;

  it('shows a practice’s users only the refused rows their practice names, in JSON and CSV, on every ingest route', async () => {
    const secrets = { ma: 'SECRET-OF-A', mb: 'SECRET-OF-B', mc: 'SECRET-OF-C' } as const;
    const all: string[] = [...Object.values(secrets), 'SECRET-OF-NOBODY'];
    const ingestRoutes = apiRoutes(app).filter((r) => r.method === 'GET' && r.path.startsWith('/api/ingest/'));
    expect(ingestRoutes.map((r) => r.path)).toContain('/api/ingest/errors');
    for (const [user, own] of Object.entries(secrets)) {
      for (const route of ingestRoutes) {
        for (const format of ['json', 'csv']) {
          const response = await call(`${route.path}?format=${format}`, user);
          expect(response.status, `${user} ${route.path} ${format}`).toBe(200);
          const text = await response.text();
          for (const secret of all) {
            if (secret === own && route.path === '/api/ingest/errors') expect(text, `${user} misses its own row on ${route.path} (${format})`).toContain(secret);
            else if (secret !== own) expect(text, `${user} sees ${secret} on ${route.path} (${format})`).not.toContain(secret);
          }
        }
      }
    }
    const admin = await (await call('/api/ingest/errors?format=csv', 'root')).text();
    for (const secret of all) expect(admin).toContain(secret);
  });

  it('holds the sign-in limits for bursts sent at once, per user and per address', async () => {
    const login = (username: string, password: string) =>
      fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) }).then((r) => r.status);
    const perUser = await Promise.all(Array.from({ length: 30 }, (_, i) => login('ma', `wrong ${i}`)));
    expect(perUser.filter((s) => s === 401)).toHaveLength(5);
    expect(perUser.filter((s) => s === 429)).toHaveLength(25);
    expect(await login('ma', PASSWORD)).toBe(429); // the right password too, until the window passes
    now = new Date(now.getTime() + 16 * 60_000);
    // 40 user names from one address at once: the address's 20 are checked, the rest refused
    const perAddress = await Promise.all(Array.from({ length: 40 }, (_, i) => login(`guess${i}`, 'wrong')));
    expect(perAddress.filter((s) => s === 401)).toHaveLength(20);
    expect(perAddress.filter((s) => s === 429)).toHaveLength(20);
    now = new Date(now.getTime() + 16 * 60_000);
    expect(await login('ma', PASSWORD)).toBe(200);
  }, 120_000);

  it('refuses large bodies before sign-in without holding them, and a large JSON body after it', async () => {
    const before = process.memoryUsage().rss;
    const declared = await Promise.all(Array.from({ length: 3 }, () =>
      fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(400 * 1024 ** 2) }, body: new Uint8Array(1024) }).then((r) => r.status, () => 413)));
    expect(declared).toEqual([413, 413, 413]);
    const chunk = new Uint8Array(1024 * 1024).fill(32);
    let sent = 0;
    const streamed = await fetch(`${base}/api/session`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, duplex: 'half',
      body: new ReadableStream<Uint8Array>({ pull(controller) { if (sent++ < 100) controller.enqueue(chunk); else controller.close(); } }),
    } as RequestInit).then((r) => r.status, () => 'closed');
    // the server answers 413 and closes; a client still sending may see the connection close instead
    expect([413, 'closed']).toContain(streamed);
    expect(sent).toBeLessThan(100); // it stopped reading long before the end
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 ** 2);
    const big = JSON.stringify({ month: '2025-03', formats: ['csv'], closeDate: '2025-04-05', padding: 'x'.repeat(100_000) });
    const tooLarge = await call('/api/reports/monthly', 'root', { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
    expect(tooLarge.status).toBe(413);
    expect(((await tooLarge.json()) as { error: { code: string } }).error.code).toBe('too_large');
    expect((await call('/api/health', undefined)).status).toBe(200);
  }, 60_000);

  it('keeps the answer cache within its bytes and never keeps an export', async () => {
    cache.clear();
    expect((await call('/api/claims?format=csv&page_size=1', 'root')).status).toBe(200);
    const kept = cache.size; // the default as-of date, not the export
    for (let size = 2; size <= 60; size++) expect((await call(`/api/claims?format=csv&page_size=${size}`, 'root')).status).toBe(200);
    expect(cache.size).toBe(kept);
    for (let page = 1; page <= 100; page++) expect((await call(`/api/claims?page=${page}&page_size=20`, 'root')).status).toBe(200);
    expect(cache.bytes).toBeGreaterThan(0);
    expect(cache.bytes).toBeLessThanOrEqual(256 * 1024);
    expect(cache.size).toBeLessThan(100);
  }, 120_000);

  it('marks every API answer private, no-store, whatever the route (from the route table)', async () => {
    const runs = await call('/api/reports/monthly', 'root', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ month: '2025-03', formats: ['csv'] }) });
    expect(runs.status).toBe(201);
    const run = (await runs.json()) as { run_id: number; files: { name: string }[] };
    const values: Record<string, string> = { id: claimOfA, file: run.files[0].name, username: 'mc' };
    const routes = apiRoutes(app);
    expect(routes.length).toBeGreaterThan(25);
    for (const route of routes) {
      const path = route.path.replace(/:(\w+)(\{[^}]*\})?/g, (_, name: string) => (route.path.startsWith('/api/reports/runs') && name === 'id' ? String(run.run_id) : values[name] ?? 'x'));
      for (const user of ['root', undefined]) {
        const response = await call(path, user, { method: route.method, headers: route.method === 'GET' ? {} : { 'content-type': 'application/json' }, ...(route.method === 'GET' ? {} : { body: '{}' }) });
        expect(response.headers.get('cache-control'), `${route.method} ${path} as ${user ?? 'nobody'}: ${response.status}`).toBe('private, no-store');
        await response.arrayBuffer();
      }
    }
  }, 120_000);

  it('audits every CSV and Arrow answer of every route (from the route table)', async () => {
    const run = ((await (await call('/api/reports/runs', 'root')).json()) as { runs: { run_id: number; files: { name: string; format: string }[] }[] }).runs[0];
    const values: Record<string, string> = { id: claimOfA, file: run.files.find((f) => f.format === 'csv')!.name };
    let exports = 0;
    for (const route of apiRoutes(app).filter((r) => r.method === 'GET')) {
      const path = route.path.replace(/:(\w+)(\{[^}]*\})?/g, (_, name: string) => (route.path.startsWith('/api/reports/runs') && name === 'id' ? String(run.run_id) : values[name] ?? 'x'));
      for (const [asked, init] of [[`${path}?format=csv`, {}], [path, { headers: { accept: ARROW_STREAM } }], [path, {}]] as const) {
        const before = await auditCount();
        const response = await call(asked, 'root', init);
        const type = response.headers.get('content-type') ?? '';
        await response.arrayBuffer();
        if (response.status !== 200 || !(type.startsWith('text/csv') || type.startsWith(ARROW_STREAM))) continue;
        exports++;
        expect(await auditCount(), `${asked} (${type}) was not audited`).toBe(before + 1);
        expect(await lastAudit()).toMatch(/export|\/files\//);
      }
    }
    expect(exports).toBeGreaterThanOrEqual(9); // claims, ingest batches, files, errors (CSV, Arrow), the report file
  }, 120_000);
});
