// The report routes over real HTTP on loopback and a real warehouse holding two practices (the demo practice
// and a copy of it under another billing NPI), served as `rcm serve` serves it (a writer and an audit
// connection): a manager's package of their practice, its workbook downloaded and opened with exceljs, its
// cells against the metrics API for the same month and practice; roles and practices refused; bad requests
// answered 400 with the package's own message; files only by their name in the run, as written; every
// package and download in the audit trail.
import { serve, type ServerType } from '@hono/node-server';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOLDERS, writeDataset } from '../../demo/dataset/write-dataset.ts';
import { PRACTICE, npi } from '../../demo/practice/practice.ts';
import { ingestFiles } from '../../ingest/loader/ingest-run.ts';
import { formatUnavailable } from '../../reports/render/formats.ts';
import { tempDir, tempWarehouse } from '../../tests/support/temp.ts';
import { buildModels } from '../../warehouse/build.ts';
import type { Warehouse } from '../../warehouse/database.ts';
import { createApp } from '../app.ts';
import { listAudit } from '../../access/audit.ts';
import { addUser, createToken } from '../../access/users.ts';
import { DEFAULT_SERVER_OPTIONS } from '../options.ts';
import type { ReportRunAnswer } from './reports.ts';
import { copyPractice } from '../../tests/support/practice-copy.ts';

const A = PRACTICE.billingNpi;
const B = npi('987654321');
const MONTH = '2025-03';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('the report routes', () => {
  const dir = tempDir('rcm-report-routes-');
  const reportsDir = join(dir, 'packages');
  let server: ServerType;
  let base = '';
  let warehouse: Warehouse;
  const tokens: Record<string, string> = {};
  let mine: ReportRunAnswer;

  beforeAll(async () => {
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    await writeDataset({ seed: 11, claims: 400, months: 4, start: '2025-01-01', out: a });
    copyPractice(a, b, { billingNpi: B, claimPrefix: 'OTH', submitterId: 'OTHERSUB' });
    warehouse = await tempWarehouse(dir);
    await ingestFiles(warehouse, [a, b].flatMap((root) => Object.values(FOLDERS).map((f) => join(root, f))));
    await buildModels(warehouse);
    const users = [['root', 'admin', []], ['maple', 'practice_manager', [A]], ['other', 'practice_manager', [B]], ['lead', 'billing_lead', [A]], ['money', 'finance', [A]]] as const;
    for (const [name, role, practices] of users) {
      await addUser(warehouse, name, role, 'a long enough password', [...practices]);
      tokens[name] = (await createToken(warehouse, name, 'test')).token;
    }
    const [writer, audit] = [await warehouse.connect(), await warehouse.connect()];
    afterAll(() => {
      writer.close();
      audit.close();
    });
    const app = createApp(warehouse, { ...DEFAULT_SERVER_OPTIONS, reportsDir }, { writer, audit, inbox: join(dir, 'inbox') });
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 180_000);
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const get = (path: string, user: string) => fetch(base + path, { headers: { authorization: `Bearer ${tokens[user]}` } });
  const post = (user: string, body: unknown) =>
    fetch(`${base}/api/reports/monthly`, { method: 'POST', headers: { authorization: `Bearer ${tokens[user]}`, 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const refusal = async (response: Response) => ((await response.json()) as { error: { code: string; message: string } }).error;

  it('makes a manager’s package of their practice while reads go on, and answers the run with its files', async () => {
    const making = post('maple', { month: MONTH });
    // a read on the same server answers while the package is being made (a connection of its own)
    let made = false;
    void making.then(() => (made = true));
    const runs = await get('/api/reports/runs', 'maple');
    expect(runs.status).toBe(200);
    expect(made, 'the list answered only after the package was made').toBe(false);

    const response = await making;
    expect(response.status).toBe(201);
    mine = (await response.json()) as ReportRunAnswer;
    expect(mine).toMatchObject({ report: 'monthly', month: MONTH, practices: [A], as_of: '2025-03-31', status: 'complete', error: null, username: 'maple', formats: ['xlsx', 'csv'] });
    // the whole history was loaded today: the close date is the first load, today, so the run is provisional
    expect(mine.provisional).toBe(true);
    expect(mine.files_counted).toBeGreaterThan(0);
    expect(mine.files.filter((f) => f.format === 'xlsx').map((f) => f.name)).toEqual([`monthly-close-${MONTH}-${A}.xlsx`]);
    expect(mine.files.filter((f) => f.format === 'csv').length).toBeGreaterThan(5);
    for (const f of mine.files) {
      expect(f.url).toBe(`/api/reports/runs/${mine.run_id}/files/${f.name}`);
      // written in the server's reports folder, as recorded
      const onDisk = readFileSync(join(reportsDir, `monthly-close-${MONTH}-${A}-run${mine.run_id}`, f.name));
      expect(createHash('sha256').update(onDisk).digest('hex')).toBe(f.sha256);
      expect(onDisk.length).toBe(f.bytes);
    }
    expect(await (await get(`/api/reports/runs/${mine.run_id}`, 'maple')).json()).toEqual(mine);
  }, 120_000);

  it('serves the workbook, whose cells are the metrics API’s numbers for the month and practice', async () => {
    const xlsx = mine.files.find((f) => f.format === 'xlsx')!;
    const response = await get(xlsx.url, 'money');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(XLSX);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${xlsx.name}"`);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(xlsx.sha256);

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Summary')!;
    let header = 0;
    sheet.eachRow((row, n) => { if (row.getCell(1).value === 'KPI' && header === 0) header = n; });
    expect(header).toBeGreaterThan(0);
    const column = (sheet.getRow(header).values as unknown[]).indexOf(MONTH);
    expect(column).toBeGreaterThan(0);
    const kpi = (key: string) => {
      for (let r = header + 1; r <= sheet.rowCount; r++) if (sheet.getCell(r, 1).value === key) return sheet.getCell(r, column).value;
      throw new Error(`no KPI ${key} on the summary sheet`);
    };
    const metrics = async (query: string) => {
      const answer = await get(`/api/metrics?practice=${A}&${query}`, 'money');
      expect(answer.status).toBe(200);
      return ((await answer.json()) as { metrics: Record<string, { value: number | null; numerator: number | null }> }).metrics;
    };
    const atMonthEnd = await metrics('as_of=2025-03-31&metric=ar_total');
    expect(atMonthEnd.ar_total.numerator).toBeGreaterThan(0);
    expect(kpi('ar_total')).toBe(atMonthEnd.ar_total.numerator);
    const overMonth = await metrics('as_of=2025-03-31&from=2025-03-01&to=2025-03-31&metric=collections,initial_denial_rate');
    expect(overMonth.collections.numerator).toBeGreaterThan(0);
    expect(kpi('collections')).toBe(overMonth.collections.numerator);
    expect(kpi('initial_denial_rate')).toBe(overMonth.initial_denial_rate.value);
  });

  it('serves a CSV file as text/csv, as written', async () => {
    const csv = mine.files.find((f) => f.format === 'csv' && f.table === 'summary')!;
    const response = await get(csv.url, 'maple');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = await response.text();
    expect(createHash('sha256').update(text).digest('hex')).toBe(csv.sha256);
    expect(text.split('\n')[0]).toMatch(/^kpi,/);
  });

  it('serves the manager’s PDF as application/pdf, or says why this machine cannot print one', async () => {
    const made = await post('maple', { month: MONTH, formats: ['pdf'] });
    const missing = formatUnavailable('pdf');
    if (missing !== null) {
      expect(made.status).toBe(400);
      expect((await refusal(made)).message).toBe(missing);
      return;
    }
    expect(made.status).toBe(201);
    const pdf = ((await made.json()) as ReportRunAnswer).files;
    expect(pdf.map((f) => [f.format, f.name])).toEqual([['pdf', `monthly-close-${MONTH}-${A}.pdf`]]);
    const response = await get(pdf[0].url, 'maple');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(pdf[0].sha256);
  }, 120_000);

  it('refuses a billing lead every report route (403)', async () => {
    const file = mine.files[0];
    for (const response of [await post('lead', { month: MONTH }), await get('/api/reports/runs', 'lead'), await get(`/api/reports/runs/${mine.run_id}`, 'lead'), await get(file.url, 'lead')]) {
      expect(response.status).toBe(403);
      expect((await refusal(response)).code).toBe('forbidden');
    }
  });

  it('keeps practices apart: another practice’s manager can neither make nor see nor download this one’s', async () => {
    const asked = await post('other', { month: MONTH, practice: A });
    expect(asked.status).toBe(404);
    expect(await refusal(asked)).toEqual({ code: 'not_found', message: `no practice ${A}` });
    for (const path of [`/api/reports/runs/${mine.run_id}`, mine.files[0].url]) {
      const response = await get(path, 'other');
      expect(response.status, path).toBe(404);
      expect(await refusal(response)).toEqual({ code: 'not_found', message: `no report run ${mine.run_id}` });
    }
    // their own package: theirs alone, which maple in turn cannot see
    const made = await post('other', { month: MONTH, formats: ['csv'] });
    expect(made.status).toBe(201);
    const theirs = (await made.json()) as ReportRunAnswer;
    expect(theirs.practices).toEqual([B]);
    expect(theirs.files.every((f) => f.format === 'csv')).toBe(true);
    const listed = async (user: string) => ((await (await get('/api/reports/runs', user)).json()) as { runs: ReportRunAnswer[] }).runs.map((r) => r.run_id);
    expect(await listed('other')).toEqual([theirs.run_id]);
    const maples = await listed('maple');
    expect(maples).toContain(mine.run_id);
    expect(maples).not.toContain(theirs.run_id);
    // the limit counts the reader's own runs: the newest run (theirs) does not use up maple's one
    expect(((await (await get('/api/reports/runs?limit=1', 'maple')).json()) as { runs: ReportRunAnswer[] }).runs.map((r) => r.run_id)).toEqual([maples[0]]);
    // an admin sees every run, newest first
    expect(await listed('root')).toEqual([theirs.run_id, ...maples]);
    expect((await get(theirs.files[0].url, 'maple')).status).toBe(404);
    expect((await get(theirs.files[0].url, 'root')).status).toBe(200);
    expect((await get(`/api/reports/runs?practice=${B}`, 'maple')).status).toBe(404);
  }, 120_000);

  it('answers a request the package refuses with 400 and its message', async () => {
    const cases: [unknown, RegExp][] = [
      [{ month: '2025-13' }, /^month: a month like 2025-06$/],
      [{ month: 'March' }, /^month: a month like 2025-06$/],
      [{}, /^month: /],
      [{ month: MONTH, formats: ['docx'] }, /^formats\.0: /],
      [{ month: MONTH, formats: [] }, /^formats: /],
      [{ month: MONTH, closeDate: '2025-02-30' }, /^closeDate: a date like 2025-06-30$/],
      [{ month: MONTH, extra: 1 }, /unrecognized key/i],
      [{ month: MONTH, closeDate: '2025-03-15' }, /^the close date 2025-03-15 is before the month ends \(2025-03-31\)$/],
      [{ month: MONTH, closeDate: '2025-04-10' }, /^no file had been loaded by the close date 2025-04-10: there is nothing to close/],
      ['{"month": ', /^send the request as JSON/],
    ];
    for (const [body, message] of cases) {
      const response = await post('maple', body);
      const error = await refusal(response);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(error.code).toBe('bad_request');
      expect(error.message, JSON.stringify(body)).toMatch(message);
    }
    expect((await get('/api/reports/runs/abc', 'maple')).status).toBe(400);
    expect((await get('/api/reports/runs?limit=0', 'maple')).status).toBe(400);
    expect((await get('/api/reports/runs/99999', 'maple')).status).toBe(404);
  });

  it('serves only the run’s own files, by name, as they were written', async () => {
    const id = mine.run_id;
    for (const name of ['..%2F..%2Fpackage.json', '%2Fetc%2Fpasswd', '.hidden', 'a%5Cb.csv']) {
      expect((await get(`/api/reports/runs/${id}/files/${name}`, 'maple')).status, name).toBe(400);
    }
    expect((await get(`/api/reports/runs/${id}/files/..`, 'maple')).status).toBeGreaterThanOrEqual(400);
    const missing = await get(`/api/reports/runs/${id}/files/monthly-close-${MONTH}-${B}.xlsx`, 'maple');
    expect(missing.status).toBe(404);
    expect((await refusal(missing)).message).toBe(`run ${id} has no file monthly-close-${MONTH}-${B}.xlsx`);
    // a file changed after the run wrote it is not served
    const csv = mine.files.find((f) => f.format === 'csv' && f.table !== 'summary')!;
    writeFileSync(join(reportsDir, `monthly-close-${MONTH}-${A}-run${id}`, csv.name), 'changed,by,hand\n');
    const changed = await get(csv.url, 'maple');
    expect(changed.status).toBe(410);
    expect((await refusal(changed)).code).toBe('gone');
  });

  it('records every package made or refused and every download in the audit trail', async () => {
    const events = await listAudit(warehouse, { limit: 1000 });
    const of = (user: string, route: string) => events.filter((e) => e.username === user && e.route === route).map((e) => ({ ...JSON.parse(e.parameters), rows: Number(e.rowCount) }));
    expect(of('maple', '/api/reports/monthly')).toContainEqual({ month: MONTH, practice: '', formats: '', close_date: '', run_id: String(mine.run_id), rows: mine.files.length });
    expect(of('maple', '/api/reports/monthly')).toContainEqual(expect.objectContaining({ close_date: '2025-03-15', refused: 'the close date 2025-03-15 is before the month ends (2025-03-31)', rows: 0 }));
    const xlsx = mine.files.find((f) => f.format === 'xlsx')!;
    expect(of('money', '/api/reports/runs/:id/files/:file')).toEqual([{ id: String(mine.run_id), file: xlsx.name, rows: 1 }]);
    expect(of('maple', '/api/reports/runs/:id/files/:file').map((e) => e.file)).toContain(mine.files.find((f) => f.table === 'summary')!.name);
    // refusals by role or practice read nothing and record nothing
    expect(events.filter((e) => e.username === 'lead' && e.route.startsWith('/api/reports'))).toEqual([]);
  });
});
