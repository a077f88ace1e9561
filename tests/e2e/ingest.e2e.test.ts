// The ingest page in a real browser (Debian's Chromium): the batches and the files of one as the API
// lists them, the files' CSV equal to the API's; then an admin loads a truncated 835 (rejected) and a
// postings export with a bad row through the server, and the page shows each reader what is theirs:
// the practice manager the row error with its message and hint, the admin the rejected file too. Last, the
// admin loads the same remittance twice and a payment of its trace number with other content, and the page
// counts and lists the remittances to look at: the copy with its first file's name, the conflict, and the
// reversals whose original was never loaded.
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCount, formatMoney } from '../../kernel/format.ts';
import { addUser } from '../../access/users.ts';
import { conflictingFixture835, resentFixture835 } from '../support/fixture-835.ts';
import { browserAvailable, launchBrowser, openContext } from './support/browser.ts';
import { signedInPage } from './support/signed-in.ts';
import { PASSWORD, startWorkbench, type Credentials, type Workbench } from './support/workbench.ts';

interface Batch { batch_id: number; files: number; claims: number; warnings: number; files_rejected: number | null }
interface IngestFile { file_id: number; file_name: string; warnings: number }
interface IngestError { batch_id: number; file_name: string; message: string; hint: string }
interface RemittanceProblem { problem: string; batch_id: number; file_name: string; claim_id: string | null; payer_id: string | null; trace_number: string | null; amount: string | null; first_file_name: string | null; hint: string }

const baseName = (path: string) => path.split('/').pop()!;

const TRUNCATED_835 = 'ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *250101*1200*^*00501*000000001*0*P*:~'
  + 'GS*HP*S*R*20250101*1200*1*X*005010X221A1~ST*835*0001~BPR*I*100*C*ACH~';
/** A postings export of the demo's layout: one good row on a demo claim, one with a date that does not exist. */
const POSTINGS = 'Claim ID,Posting Date,Amount,Type,Payer or Patient,Reason Code,Reference\n'
  + 'MFH00000324,2025-12-30,10.00,patient payment,patient,DEPOSIT,PPE2E0001\n'
  + 'MFH00000325,31/12/2025,5.00,patient payment,patient,DEPOSIT,PPE2E0002\n';

describe.skipIf(!browserAvailable)('the ingest page in Chromium', () => {
  let bench: Workbench;
  let browser: Browser;
  const admin: Credentials = { username: 'admin', password: PASSWORD };
  const problems: string[] = [];

  beforeAll(async () => {
    [bench, browser] = await Promise.all([startWorkbench(), launchBrowser()]);
    await addUser(bench.warehouse, admin.username, 'admin', admin.password, []);
    // the workbench gives the server an inbox for uploads beside its warehouse without making it
    mkdirSync(join(dirname(bench.warehouse.path), 'inbox'), { recursive: true });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await bench?.close();
  });

  async function signedIn(user: Credentials, path: string): Promise<{ page: Page; context: BrowserContext }> {
    const { context, page } = await signedInPage(browser, bench.baseUrl, user, path, { problems });
    await page.locator('main h1', { hasText: 'Ingest' }).waitFor();
    return { page, context };
  }

  const rowsOf = async <T>(context: BrowserContext, path: string): Promise<T[]> => {
    const response = await context.request.get(path);
    expect(response.status(), path).toBe(200);
    return ((await response.json()) as { rows: T[] }).rows;
  };
  const ready = (page: Page) => page.locator('main[data-ready="all"]').waitFor();
  const columnOf = (page: Page, table: string, column: string) => page.locator(`${table} tbody td[data-column="${column}"]`).allTextContents();

  let manager: { page: Page; context: BrowserContext };

  /** Loads a file through the server as the admin, as `rcm ingest --server` would (a batch of its own). */
  async function adminUploader(): Promise<(name: string, body: string, build: boolean) => Promise<{ batch_id: number; outcome: { status: string } }>> {
    const adminContext = await openContext(browser, bench.baseUrl);
    const session = await adminContext.request.post('/api/session', { data: admin, headers: { origin: bench.baseUrl } });
    const { csrf_token: csrf } = (await session.json()) as { csrf_token: string };
    return async (name, body, build) => {
      const response = await adminContext.request.post(`/api/ingest?name=${name}&build=${build}`, { data: body, headers: { 'x-csrf-token': csrf, origin: bench.baseUrl, 'content-type': 'application/octet-stream' } });
      expect(response.status(), await response.text()).toBe(200);
      return (await response.json()) as { batch_id: number; outcome: { status: string } };
    };
  }

  it('lists the batches and the files of the latest, as the API does, and downloads them as CSV', async () => {
    manager = await signedIn(bench.users.manager, '/ingest');
    const { page, context } = manager;
    await ready(page);
    const batches = await rowsOf<Batch>(context, '/api/ingest/batches');
    expect(await columnOf(page, '.ingest-batches', 'batch_id')).toEqual(batches.map((b) => String(b.batch_id)));
    expect(await columnOf(page, '.ingest-batches', 'files')).toEqual(batches.map((b) => formatCount(b.files)));
    expect(await columnOf(page, '.ingest-batches', 'warnings')).toEqual(batches.map((b) => formatCount(b.warnings)));
    expect(await columnOf(page, '.ingest-batches', 'files_rejected')).toEqual(batches.map(() => 'not shown')); // only an admin sees them

    const latest = batches[0].batch_id;
    const files = await rowsOf<IngestFile>(context, `/api/ingest/files?batch=${latest}&limit=10000`);
    expect(files).toHaveLength(batches[0].files);
    const table = page.locator('.ingest-files');
    expect(await table.locator('.table-count').textContent()).toBe(`1–50 of ${formatCount(files.length)} files of batch ${latest}`);
    expect(await columnOf(page, '.ingest-files', 'file_id')).toEqual(files.slice(0, 50).map((f) => String(f.file_id)));
    expect(await table.locator('.hint').first().textContent()).toContain(`${formatCount(files.filter((f) => f.warnings > 0).length)} of them with warnings`);
    await table.getByRole('button', { name: 'Next' }).click();
    expect(await columnOf(page, '.ingest-files', 'file_id')).toEqual(files.slice(50, 100).map((f) => String(f.file_id)));

    const link = table.getByRole('link', { name: 'Download CSV' });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv).toBe(await (await context.request.get(`/api/ingest/files?batch=${latest}&limit=10000&format=csv`)).text());
    expect(csv.trim().split('\n')).toHaveLength(files.length + 1);
    expect(await page.locator('.ingest-errors [data-state="empty"]').textContent()).toContain(`No file of batch ${latest} was rejected`);
  });

  it('shows the row errors of a load with their message and hint, and the rejected file to an admin', async () => {
    // an admin loads two files through the server
    const upload = await adminUploader();
    const rejected = await upload('broken.835', TRUNCATED_835, false);
    expect(rejected.outcome.status).toBe('rejected');
    const loaded = await upload('postings-e2e.csv', POSTINGS, true);
    expect(loaded.outcome.status).toBe('loaded');

    // the manager sees the postings batch (a file of their practice), not the rejected one (of no practice)
    const { page, context } = manager;
    await page.locator('header nav a', { hasText: 'Overview' }).click();
    await page.locator('header nav a', { hasText: 'Ingest' }).click();
    await ready(page);
    expect(await columnOf(page, '.ingest-batches', 'batch_id')).toEqual(expect.arrayContaining([String(loaded.batch_id)]));
    expect(await columnOf(page, '.ingest-batches', 'batch_id')).not.toContain(String(rejected.batch_id));
    await page.locator('.ingest-batches tbody td[data-column="batch_id"] a', { hasText: String(loaded.batch_id) }).click();
    await page.waitForURL(`**/ingest?batch=${loaded.batch_id}`);
    await ready(page);
    const errors = await rowsOf<IngestError>(context, `/api/ingest/errors?batch=${loaded.batch_id}`);
    expect(errors).toHaveLength(1);
    expect(await columnOf(page, '.ingest-errors', 'message')).toEqual([errors[0].message]);
    expect(await columnOf(page, '.ingest-errors', 'hint')).toEqual([errors[0].hint]);
    expect(errors[0].message).toContain('31/12/2025');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.ingest-errors').getByRole('link', { name: 'Download CSV' }).click()]);
    expect(await readFile((await download.path())!, 'utf8')).toBe(await (await context.request.get(`/api/ingest/errors?batch=${loaded.batch_id}&limit=10000&format=csv`)).text());

    // the admin sees the rejected file, its message and hint, and the batch's count of rejected files
    const { page: adminPage } = await signedIn(admin, `/ingest?batch=${rejected.batch_id}`);
    await ready(adminPage);
    const message = (await columnOf(adminPage, '.ingest-errors', 'message'))[0];
    expect(message).toContain('the file ends inside transaction set 835');
    expect((await columnOf(adminPage, '.ingest-errors', 'hint'))[0]).toContain('Nothing of this file was loaded');
    const row = adminPage.locator('.ingest-batches tbody tr[aria-selected="true"]');
    expect(await row.locator('td[data-column="files_rejected"]').textContent()).toBe('1');
    expect(await adminPage.locator('.ingest-files [data-state="empty"]').textContent()).toBe(`No file of batch ${rejected.batch_id} was loaded.`);
    expect(problems).toEqual([]);
  });

  it('counts and lists the remittances to look at: a copy with its first file, a conflicting payment, reversals without their original', async () => {
    // the fixture's ERA (its CLAIM-C reversal has no original), the same ERA sent again in another envelope,
    // then a payment of the same payer and trace number with another amount
    const upload = await adminUploader();
    const loaded = [await upload('era-first.835', resentFixture835(1), false), await upload('era-again.835', resentFixture835(2), false), await upload('era-conflict.835', conflictingFixture835(), true)];
    expect(loaded.map((l) => l.outcome.status)).toEqual(['loaded', 'loaded', 'loaded']);

    const { page, context } = await signedIn(admin, '/ingest');
    await ready(page);
    const listed = await rowsOf<RemittanceProblem>(context, '/api/ingest/remittance-problems?limit=10000');
    // newest files first: the four of these files lead the listing
    expect(listed.slice(0, 4).map((p) => [p.problem, baseName(p.file_name), p.first_file_name && baseName(p.first_file_name), p.claim_id])).toEqual([
      ['payment_conflict', 'era-conflict.835', 'era-first.835', null],
      ['orphan_reversal', 'era-conflict.835', null, 'CLAIM-C'],
      ['duplicate_remittance', 'era-again.835', 'era-first.835', null],
      ['orphan_reversal', 'era-first.835', null, 'CLAIM-C'],
    ]);

    // the counts by kind, as many as the API lists
    const kinds = { duplicate_remittance: 'Remittance delivered again (not counted)', payment_conflict: 'Conflicting payment (counted)', orphan_reversal: 'Reversal without its original (cash only)' };
    for (const [kind, label] of Object.entries(kinds)) {
      const row = page.locator(`.problem-counts tbody tr[data-problem="${kind}"]`);
      expect(await row.locator('th[scope="row"]').textContent()).toBe(label);
      expect(await row.locator('td').textContent(), kind).toBe(formatCount(listed.filter((p) => p.problem === kind).length));
    }
    expect(listed.filter((p) => p.problem === 'orphan_reversal').length).toBeGreaterThanOrEqual(2);

    // the rows, the copy naming the file it repeats, what to do with each
    const table = '.remittance-problems';
    expect(await page.locator(`${table} .table-count`).textContent()).toBe(listed.length > 20 ? `1–20 of ${formatCount(listed.length)} remittances to look at` : `${formatCount(listed.length)} remittances to look at`);
    expect(await columnOf(page, table, 'file_name')).toEqual(listed.slice(0, 20).map((p) => baseName(p.file_name)));
    expect(await columnOf(page, table, 'hint')).toEqual(listed.slice(0, 20).map((p) => p.hint));
    const copy = page.locator(`${table} tbody tr`).nth(2);
    expect(await copy.locator('td[data-column="problem"]').textContent()).toBe(kinds.duplicate_remittance);
    expect(await copy.locator('td[data-column="first_file_name"]').textContent()).toBe('era-first.835');
    expect(await copy.locator('td[data-column="trace_number"]').textContent()).toBe('TRACE001');
    expect(await copy.locator('td[data-column="payer_id"]').textContent()).toBe('ACME01');
    expect(await copy.locator('td[data-column="amount"]').textContent()).toBe(formatMoney('280.00'));
    expect(await copy.locator('td[data-column="batch_id"] a').getAttribute('href')).toBe(`/ingest?batch=${loaded[1].batch_id}`);
    const conflict = page.locator(`${table} tbody tr`).first();
    expect(await conflict.locator('td[data-column="problem"]').textContent()).toBe(kinds.payment_conflict);
    expect(await conflict.locator('td[data-column="amount"]').textContent()).toBe(formatMoney('300.00'));
    expect(await conflict.locator('td[data-column="message"]').textContent()).toContain('280.00 there, 300.00 here');
    const orphan = page.locator(`${table} tbody tr`).nth(1);
    expect(await orphan.locator('td[data-column="claim_id"]').textContent()).toBe('CLAIM-C');
    expect(await orphan.locator('td[data-column="first_file_name"]').textContent()).toBe('');

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator(table).getByRole('link', { name: 'Download CSV' }).click()]);
    expect(await readFile((await download.path())!, 'utf8')).toBe(await (await context.request.get('/api/ingest/remittance-problems?limit=10000&format=csv')).text());

    // the fixture's payee is the demo practice: its manager is shown the same rows
    await manager.page.reload();
    await ready(manager.page);
    const managers = await rowsOf<RemittanceProblem>(manager.context, '/api/ingest/remittance-problems?limit=10000');
    expect(managers.slice(0, 4)).toEqual(listed.slice(0, 4));
    expect(await columnOf(manager.page, table, 'file_name')).toEqual(managers.slice(0, 20).map((p) => baseName(p.file_name)));
    expect(problems).toEqual([]);
  });
  it('tells every page that its numbers leave out files loaded without a rebuild, until the models are built', async () => {
    const adminContext = await openContext(browser, bench.baseUrl);
    const session = await adminContext.request.post('/api/session', { data: admin, headers: { origin: bench.baseUrl } });
    const { csrf_token: csrf } = (await session.json()) as { csrf_token: string };
    const headers = { 'x-csrf-token': csrf, origin: bench.baseUrl };
    const { page } = manager;
    const notice = page.locator('.models-stale');
    expect(await notice.isHidden()).toBe(true);
    const loaded = await adminContext.request.post('/api/ingest?name=era-unbuilt.835&build=false', { data: resentFixture835(12), headers: { ...headers, 'content-type': 'application/octet-stream' } });
    expect(((await loaded.json()) as { built: boolean }).built).toBe(false);
    await page.locator('header nav a', { hasText: 'Overview' }).click();
    await notice.waitFor({ state: 'visible' });
    expect(await notice.textContent()).toContain('files were loaded after the models were last built');
    expect((await adminContext.request.post('/api/build', { headers })).status()).toBe(200);
    await page.locator('header nav a', { hasText: 'Ingest' }).click();
    await ready(page);
    await notice.waitFor({ state: 'hidden' });
    expect(problems).toEqual([]);
  });
});
