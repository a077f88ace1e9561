// The Work page in a real browser (Debian's Chromium) on the demo practice: the overview's queue counts link to
// it; a queue's tab shows the API's count and dollars and its claims in rank order; a claim selected is assigned
// to the reader and given a status, leaves `new`, and shows it in its history; the queue downloads as the
// server's CSV; finance sees the counts on the overview, without links, and no Work page.
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCount, formatMoney } from '../../kernel/format.ts';
import type { WorkCounts, WorkList } from '../../kernel/api/work.ts';
import { WORK_QUEUES } from '../../kernel/work.ts';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { signedInPage } from './support/signed-in.ts';
import { startWorkbench, type Workbench } from './support/workbench.ts';

describe.skipIf(!browserAvailable)('the Work page in Chromium', () => {
  let bench: Workbench;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    [bench, browser] = await Promise.all([startWorkbench(), launchBrowser()]);
    ({ context, page } = await signedInPage(browser, bench.baseUrl, bench.users.manager, '/overview', { problems }));
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await bench?.close();
  });

  const getJson = async <T>(path: string): Promise<T> => {
    const response = await context.request.get(path);
    expect(response.status(), path).toBe(200);
    return (await response.json()) as T;
  };

  it('links each queue count of the overview to its tab', async () => {
    const counts = await getJson<WorkCounts>('/api/work/counts');
    const tile = page.locator('section.work-counts[data-ready="all"]');
    await tile.waitFor();
    const link = tile.locator('a[data-queue="open_denial"]');
    expect(await link.textContent()).toBe(`${formatCount(counts.queues.open_denial.count)} open denials · ${formatMoney(counts.queues.open_denial.dollars)}`);
    await link.click();
    await page.locator('main h1', { hasText: 'Work' }).waitFor();
    expect(new URL(page.url()).searchParams.get('queue')).toBe('open_denial');
  });

  it('shows the queues’ counts and a queue’s claims in rank order; assigns one, sets its status, and it leaves new', async () => {
    const api = await getJson<WorkList>('/api/work?queue=open_denial&page_size=50');
    expect(api.total).toBeGreaterThan(0);
    const work = page.locator('.work[data-queue="open_denial"][data-ready="all"]');
    await work.waitFor();
    for (const [queue, total] of Object.entries(api.queues)) {
      expect(await page.locator(`.work-tabs a[data-queue="${queue}"]`).textContent(), queue).toContain(`${formatCount(total.count)} · ${formatMoney(total.dollars)}`);
    }
    expect(await page.locator('.work-tabs a[aria-current="page"]').getAttribute('data-queue')).toBe('open_denial');
    expect(await work.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.claim))).toEqual(api.rows.map((r) => r.claim_id));

    const claim = api.rows[0].claim_id;
    const row = work.locator(`tbody tr[data-claim="${claim}"]`);
    expect(await row.getAttribute('data-status')).toBe('new');
    await row.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Assign to me' }).click();
    await work.locator(`tbody tr[data-claim="${claim}"] td`, { hasText: /^manager$/ }).waitFor();
    await page.locator('select[name="new_status"]').selectOption('appealed');
    await work.locator(`tbody tr[data-claim="${claim}"]`).getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Set status' }).click();
    await work.locator(`tbody tr[data-claim="${claim}"][data-status="appealed"]`).waitFor();
    expect(await page.locator('.work-notice').textContent()).toBe('1 claim set to appealed.');

    const fresh = (await getJson<WorkList>('/api/work?queue=open_denial&status=new&page_size=500')).rows.map((r) => r.claim_id);
    expect(fresh).not.toContain(claim);
    const mine = await getJson<WorkList>('/api/work?queue=open_denial&owner=manager');
    expect(mine.rows.map((r) => [r.claim_id, r.status, r.owner])).toEqual([[claim, 'appealed', 'manager']]);

    // the claim opens on the claims page, its work in its history
    await work.getByRole('link', { name: claim, exact: true }).click();
    await page.locator('.claim-explorer[data-ready="all"]').waitFor();
    expect(await page.locator('.claim-history').textContent()).toContain('appealed');
  });

  it('narrows the list by status in the address, and downloads the queue as the server’s CSV', async () => {
    await page.goto('/work?queue=open_denial&status=appealed');
    const work = page.locator('.work[data-queue="open_denial"][data-ready="all"]');
    await work.waitFor();
    expect(await work.locator('tbody tr').count()).toBe(1);
    const link = work.getByRole('link', { name: 'Download CSV' });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const file = await readFile((await download.path())!, 'utf8');
    const server = await (await context.request.get('/api/work?queue=open_denial&status=appealed&format=csv')).text();
    expect(file).toBe(server);
    const lines = file.trim().split('\n');
    expect(lines[0]).toMatch(/^queue,rank,claim_id,/);
    expect(lines.slice(1).map((l) => l.split(',')[2])).toEqual([await work.locator('tbody tr').getAttribute('data-claim')]);

    await page.goto('/work?queue=unbilled');
    await page.locator('.work[data-queue="unbilled"][data-ready="all"]').waitFor();
    const all = page.locator('.work-tabs a[data-queue="unbilled"]');
    const api = await getJson<WorkList>('/api/work?queue=unbilled&page_size=1');
    expect(await all.textContent()).toBe(`Unbilled ${formatCount(api.total)} · ${formatMoney(api.queues.unbilled.dollars)}`);
    expect(problems).toEqual([]);
  });

  it('gives finance the counts on the overview, without links, and no Work page', async () => {
    const finance = await signedInPage(browser, bench.baseUrl, bench.users.finance, '/overview');
    const tile = finance.page.locator('section.work-counts[data-ready="all"]');
    await tile.waitFor();
    expect(await tile.locator('li').count()).toBe(WORK_QUEUES.length);
    expect(await tile.locator('a').count()).toBe(0);
    expect(await finance.page.locator('header nav a', { hasText: 'Work' }).count()).toBe(0);
    await finance.context.close();
  });
});
