// The HTTP API asked through app.request() over a real warehouse file: no data without a token, a practice's
// user sees only their practice, bad parameters are refused, concurrent requests all answer.
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { FOLDERS, writeDataset } from '../demo/dataset/write-dataset.ts';
import { PRACTICE, npi } from '../demo/practice/practice.ts';
import { ingestFiles } from '../ingest/loader/ingest-run.ts';
import { buildModels } from '../warehouse/build.ts';
import { tempDir, tempWarehouse } from '../tests/support/temp.ts';
import { createApp } from './app.ts';
import { addUser, createToken } from '../access/users.ts';
import { listAudit } from '../access/audit.ts';
import type { Warehouse } from '../warehouse/database.ts';
import { tableFromIPC } from 'apache-arrow';

const OTHER = npi('987654321');

describe('the HTTP API', () => {
  const dir = tempDir('rcm-server-');
  let app: ReturnType<typeof createApp>;
  let warehouse: Warehouse;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    const out = join(dir, 'files');
    await writeDataset({ seed: 4, claims: 500, months: 5, start: '2025-01-01', out });
    const w = await tempWarehouse(dir);
    warehouse = w;
    await ingestFiles(w, Object.values(FOLDERS).map((f) => join(out, f)));
    await buildModels(w);
    for (const [name, role, practices] of [['root', 'admin', []], ['maple', 'practice_manager', [PRACTICE.billingNpi]], ['other', 'practice_manager', [OTHER]]] as const) {
      await addUser(w, name, role, 'a long enough password', [...practices]);
      tokens[name] = (await createToken(w, name, 'test')).token;
    }
    app = createApp(w);
  }, 120_000);

  const get = (path: string, user?: string) => app.request(path, { headers: user ? { authorization: `Bearer ${tokens[user] ?? user}` } : {} });
  const json = async (path: string, user: string) => {
    const response = await get(path, user);
    expect(response.status, `${path} as ${user}: ${response.status}`).toBe(200);
    return response.json() as Promise<Record<string, any>>;
  };

  it('answers health to anyone, with security headers', async () => {
    const response = await get('/api/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('refuses every other route without a valid token', async () => {
    for (const path of [
      '/api/metrics', '/api/metrics/ar_total/explain', '/api/denials/patterns', '/api/nothing', '/api/claims', '/api/claims?format=csv', '/api/claims/MFH00000001',
      '/api/ingest/batches', '/api/ingest/files', '/api/ingest/errors', '/api/session', '/api/openapi.json', '/api/docs',
    ]) {
      for (const user of [undefined, 'rcm_' + 'x'.repeat(43), 'not-a-token']) {
        const response = await get(path, user);
        expect(response.status, `${path} with ${user}`).toBe(401);
        expect((await response.json()).error.code).toBe('unauthorized');
      }
    }
  });

  it('serves the metrics document to an admin and to the practice’s manager alike', async () => {
    const admin = await json('/api/metrics?as_of=2025-05-31&by=payer&metric=ar_total,initial_denial_rate,first_pass_yield,collections', 'root');
    const manager = await json('/api/metrics?as_of=2025-05-31&by=payer&metric=ar_total,initial_denial_rate,first_pass_yield,collections', 'maple');
    expect(admin.as_of).toBe('2025-05-31');
    expect(admin.metrics.ar_total.numerator).toBeGreaterThan(0);
    expect(manager).toEqual(admin);
    expect((await json('/api/metrics/days_in_ar/explain', 'maple')).sql).toMatch(/mart_claim_balance/);
  });

  it('shows another practice’s user nothing of this practice, by any parameter', async () => {
    const other = await json('/api/metrics?as_of=2025-05-31', 'other');
    for (const [id, m] of Object.entries(other.metrics as Record<string, { numerator: number | null; n?: number }>)) {
      expect(m.numerator ?? 0, id).toBe(0);
      expect(m.n ?? 0, id).toBe(0);
    }
    expect((await json('/api/denials/patterns?min_claims=1&as_of=2025-05-31', 'other')).patterns).toEqual([]);
    // without an as-of date, the default (the latest event) is taken among the reader's practices: none here
    const none = await get('/api/metrics', 'other');
    expect(none.status).toBe(404);
    expect(await none.json()).toEqual({ error: { code: 'no_data', message: 'no claims yet in the practices you may see' } });
    for (const path of [`/api/metrics?practice=${PRACTICE.billingNpi}`, `/api/denials/patterns?practice=${PRACTICE.billingNpi}`]) {
      const response = await get(path, 'other');
      expect(response.status, path).toBe(404);
    }
    expect((await json('/api/denials/patterns?min_claims=3', 'maple')).patterns.length).toBeGreaterThan(0);
  });

  it('refuses injection strings and unknown parameters with 400, and still answers after', async () => {
    const bad = [
      "as_of=2025-01-01'%20OR%201=1", 'by=payer;DROP%20TABLE%20mart_claim', "payer=X'%20OR%20'1'='1", 'metric=ar_total;--', "practice=1'%20OR%201=1",
      'from=2025-01-01', 'by=payer,month,cpt', 'metric=happiness', 'sort=claim_id', 'as_of=2025-02-30',
    ];
    for (const query of bad) {
      const response = await get(`/api/metrics?${query}`, 'root');
      expect(response.status, query).toBe(400);
      expect((await response.json()).error.code).toBe('bad_request');
    }
    expect((await get("/api/denials/patterns?limit=1;DROP", 'root')).status).toBe(400);
    expect((await json('/api/metrics?metric=ar_total', 'root')).metrics.ar_total.numerator).toBeGreaterThan(0);
  });

  it('answers concurrent requests, one query at a time underneath', async () => {
    const responses = await Promise.all(Array.from({ length: 12 }, (_, i) => get(`/api/metrics?metric=ar_total,initial_denial_rate&as_of=2025-0${(i % 5) + 1}-28`, i % 2 ? 'root' : 'maple')));
    expect(responses.map((r) => r.status)).toEqual(Array(12).fill(200));
  });

  it('records each read of denial patterns (which name claims) in the audit trail', async () => {
    const before = (await listAudit(warehouse, { limit: 1000 })).length;
    await json('/api/denials/patterns?min_claims=2&limit=4', 'maple');
    const events = await listAudit(warehouse, { limit: 1000 });
    expect(events.length).toBe(before + 1);
    expect(events[0]).toMatchObject({ username: 'maple', route: '/api/denials/patterns', parameters: JSON.stringify({ min_claims: '2', limit: '4' }) });
    expect(Number(events[0].rowCount)).toBeGreaterThan(0);
    expect((await listAudit(warehouse, { username: 'nobody', limit: 10 })).length).toBe(0);
  });

  it('shows a claim’s history to its practice only, and audits the read', async () => {
    const claimId = (await warehouse.one<{ id: string }>('SELECT min(claim_id) AS id FROM mart_claim WHERE first_adjudicated_date IS NOT NULL'))!.id;
    const history = await json(`/api/claims/${claimId}`, 'maple');
    expect(history.claim_id).toBe(claimId);
    expect(history.events.map((e: { source: string }) => e.source)).toEqual(expect.arrayContaining(['837', '835']));
    const events = await listAudit(warehouse, { username: 'maple', limit: 5 });
    expect(events[0]).toMatchObject({ route: '/api/claims/:id', parameters: JSON.stringify({ id: claimId }) });
    for (const [path, user, status] of [[`/api/claims/${claimId}`, 'other', 404], ['/api/claims/NO-SUCH-CLAIM', 'maple', 404], [`/api/claims/${encodeURIComponent("x' OR '1'='1")}`, 'maple', 400], [`/api/claims/${claimId}`, undefined, 401]] as const) {
      expect((await get(path, user)).status, `${path} as ${user}`).toBe(status);
    }
    expect((await json(`/api/claims/${claimId}`, 'root')).events).toEqual(history.events);
    // the raw ERA view: each 835 record of the claim as the remittance carried it, balanced line by line
    const era = await json(`/api/claims/${claimId}/remittances`, 'maple');
    expect(era.remittances.length).toBe(history.events.filter((e: { source: string }) => e.source === '835').length);
    for (const r of era.remittances as { paid: string; charge: string; adjustments: { amount: string }[]; lines: { charge: string; paid: string; adjustments: { amount: string }[] }[] }[]) {
      const cents = (x: string | null) => Math.round(Number(x ?? 0) * 100);
      for (const l of r.lines) expect(cents(l.charge) - cents(l.paid) - l.adjustments.reduce((s, a) => s + cents(a.amount), 0)).toBe(0);
      const lineAdjustments = r.lines.reduce((s, l) => s + l.adjustments.reduce((t, a) => t + cents(a.amount), 0), 0);
      expect(cents(r.charge) - cents(r.paid) - lineAdjustments - r.adjustments.reduce((s, a) => s + cents(a.amount), 0)).toBe(0);
    }
    expect((await get(`/api/claims/${claimId}/remittances`, 'other')).status).toBe(404);
    expect((await listAudit(warehouse, { username: 'maple', limit: 1 }))[0]).toMatchObject({ route: '/api/claims/:id/remittances' });
  });

  it('lists the claims behind a number: A/R and its aging add up to the metrics, for the same as-of date', async () => {
    const asOf = '2025-04-30';
    const metrics = await json(`/api/metrics?as_of=${asOf}&metric=ar_total,ar_aging`, 'maple');
    const all = async (query: string) => {
      const response = await get(`/api/claims?as_of=${asOf}&${query}&format=csv`, 'maple');
      expect(response.status, query).toBe(200);
      // names hold commas ("RIVERA, ANA"): the CSV quotes them
      const lines = parse(await response.text(), { columns: true }) as Record<string, string>[];
      return { count: lines.length, cents: lines.reduce((sum, line) => sum + Math.round(Number(line.balance) * 100), 0), total: Number(response.headers.get('x-total-count')) };
    };
    const open = await all('status=open');
    expect(open.count).toBe(open.total);
    expect(open.cents).toBe(Math.round(metrics.metrics.ar_total.numerator * 100));
    for (const bucket of metrics.metrics.ar_aging.breakdown as { key: string; numerator: number }[]) {
      expect((await all(`status=open&aging=${bucket.key}`)).cents, bucket.key).toBe(Math.round(bucket.numerator * 100));
    }
    // the same claims page by page as JSON, sorted as asked
    const first = await json(`/api/claims?as_of=${asOf}&status=open&sort=balance&order=desc&page_size=20`, 'maple');
    expect(first.total).toBe(open.total);
    expect(first.rows.length).toBe(20);
    const balances = first.rows.map((r: { balance: string }) => Number(r.balance));
    expect(balances).toEqual([...balances].sort((a, b) => b - a));
    const second = await json(`/api/claims?as_of=${asOf}&status=open&sort=balance&order=desc&page_size=20&page=2`, 'maple');
    expect(second.rows[0].claim_id).not.toBe(first.rows[0].claim_id);
    expect(Number(second.rows[0].balance)).toBeLessThanOrEqual(balances[19]);
  });

  it('answers a claim list as Arrow IPC when asked, with exact money', async () => {
    const response = await app.request(`/api/claims?as_of=2025-04-30&denied=true`, { headers: { authorization: `Bearer ${tokens.maple}`, accept: 'application/vnd.apache.arrow.stream' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.apache.arrow.stream');
    const table = tableFromIPC(new Uint8Array(await response.arrayBuffer()));
    expect(table.numRows).toBe(Number(response.headers.get('x-total-count')));
    expect(table.numRows).toBeGreaterThan(0);
    expect(table.schema.fields.find((f) => f.name === 'charge')!.type).toMatchObject({ scale: 2, precision: 18 });
    const asJson = await json('/api/claims?as_of=2025-04-30&denied=true&page_size=500', 'maple');
    expect(asJson.rows.map((r: { claim_id: string }) => r.claim_id)).toEqual(table.getChild('claim_id')!.toArray().slice(0, 500));
  });

  it('lists no claim of another practice, refuses bad filters, and audits lists and exports', async () => {
    expect((await json('/api/claims?as_of=2025-04-30', 'other')).total).toBe(0);
    const otherCsv = await get('/api/claims?as_of=2025-04-30&format=csv', 'other');
    expect((await otherCsv.text()).trim().split('\n')).toHaveLength(1); // the header alone
    const otherArrow = await app.request(`/api/claims?as_of=2025-04-30`, { headers: { authorization: `Bearer ${tokens.other}`, accept: 'application/vnd.apache.arrow.stream' } });
    expect(tableFromIPC(new Uint8Array(await otherArrow.arrayBuffer())).numRows).toBe(0);
    for (const query of ['q=MFH', 'status=open', 'denied=true', `provider=${PRACTICE.providers[0].npi}`, 'sort=balance&order=desc']) {
      expect((await json(`/api/claims?as_of=2025-04-30&${query}`, 'other')).total, query).toBe(0);
    }
    for (const path of ['/api/ingest/files?batch=1;DROP', "/api/ingest/errors?batch=1'%20OR%201=1", '/api/ingest/batches?limit=-1', '/api/ingest/files?file=1']) {
      expect((await get(path, 'maple')).status, path).toBe(400);
    }
    expect((await get(`/api/claims?practice=${PRACTICE.billingNpi}`, 'other')).status).toBe(404);
    for (const query of ["q=x'%20OR%201=1", 'sort=balance;DROP%20TABLE%20mart_claim', 'order=sideways', 'page=0', 'page_size=501', 'status=all', 'aging=1-2', 'cpt=9921%25', 'limit=5']) {
      const response = await get(`/api/claims?${query}`, 'maple');
      expect(response.status, query).toBe(400);
    }
    const before = (await listAudit(warehouse, { username: 'maple', limit: 1000 })).length;
    await json('/api/claims?as_of=2025-04-30&cpt=99213&page_size=5', 'maple');
    expect((await get('/api/claims?as_of=2025-04-30&format=csv&payer=MCR01', 'maple')).status).toBe(200);
    const events = await listAudit(warehouse, { username: 'maple', limit: 1000 });
    expect(events.length).toBe(before + 2);
    expect(events[1]).toMatchObject({ route: '/api/claims', parameters: JSON.stringify({ as_of: '2025-04-30', cpt: '99213', page_size: '5' }) });
    expect(events[0]).toMatchObject({ route: '/api/claims (csv export)' });
  });

  it('lists ingest batches, files and row errors of the reader’s practices only; an admin sees all', async () => {
    const files = async (user: string) => (await json('/api/ingest/files?limit=10000', user)).rows as { file_id: number; file_name: string }[];
    const all = await files('root');
    const mine = await files('maple');
    expect(all.length).toBeGreaterThan(0);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.length).toBeLessThanOrEqual(all.length); // a 999 or 277CA of nothing loaded is the admin's alone
    expect(await files('other')).toEqual([]);
    expect((await json('/api/ingest/batches', 'other')).rows).toEqual([]);
    expect((await json('/api/ingest/batches', 'maple')).rows.length).toBeGreaterThan(0);
    const errors = await get('/api/ingest/errors?format=csv', 'other');
    expect(errors.status).toBe(200);
    expect((await errors.text()).trim().split('\n')).toHaveLength(1); // the header alone
    // loading through the server is an admin's
    expect((await app.request(`/api/ingest?name=x.835`, { method: 'POST', body: 'ISA', headers: { authorization: `Bearer ${tokens.maple}` } })).status).toBe(403);
    expect((await app.request(`/api/uploads`, { method: 'POST', headers: { authorization: `Bearer ${tokens.maple}` } })).status).toBe(403);
  });
});

