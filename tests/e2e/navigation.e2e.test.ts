// The shell in a real browser: a shared address survives the login, the navigation offers only what the
// reader's role may open, every page loads, an unknown address says so, and the server-paged claim
// table sorts, pages and downloads its CSV with the same filters.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCount } from '../../kernel/format.ts';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { signedInPage } from './support/signed-in.ts';
import { startWorkbench, type Credentials, type Workbench } from './support/workbench.ts';

const ALL_PAGES = ['Overview', 'A/R', 'Denials', 'Payers', 'Contracts', 'Collections', 'Claims', 'Work', 'Ingest', 'Reports'];

describe.skipIf(!browserAvailable)('the shell in Chromium', () => {
  let bench: Workbench;
  let browser: Browser;

  beforeAll(async () => {
    [bench, browser] = await Promise.all([startWorkbench(), launchBrowser()]);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await bench?.close();
  });

  /** Cookies of a session opened through the form, per user: a login costs a slow password check. */
  const sessions = new Map<string, Awaited<ReturnType<BrowserContext['storageState']>>>();

  /** A page at `path` signed in as the user: through the login form the first time, then with that session. */
  async function signedIn(user: Credentials, path: string): Promise<{ page: Page; context: BrowserContext }> {
    const known = sessions.get(user.username);
    const { context, page } = await signedInPage(browser, bench.baseUrl, user, path, { session: known });
    if (!known) sessions.set(user.username, await context.storageState());
    return { page, context };
  }

  const navigation = (page: Page) => page.locator('header nav a').allTextContents();

  it('keeps a shared address through the login, filters in the bar and in every link', async () => {
    const { page } = await signedIn(bench.users.manager, '/payers?payer=MCRB1&as_of=2025-11-30');
    expect(page.url()).toBe(`${bench.baseUrl}/payers?payer=MCRB1&as_of=2025-11-30`);
    expect(await page.locator('h1').textContent()).toBe('Payers');
    await page.locator('table.scorecard').waitFor(); // the scorecard, for that payer and date
    expect(await page.locator('input[name="payer"]').inputValue()).toBe('MCRB1');
    expect(await page.locator('input[name="as_of"]').inputValue()).toBe('2025-11-30');
    expect(await page.locator('header nav a', { hasText: 'Denials' }).getAttribute('href')).toBe('/denials?as_of=2025-11-30&payer=MCRB1');
    expect(await page.locator('header nav a[aria-current="page"]').textContent()).toBe('Payers');
  });

  it('loads every page from the navigation, and says when an address names none', async () => {
    const { page } = await signedIn(bench.users.manager, '/');
    await page.waitForURL('**/overview');
    expect(await navigation(page)).toEqual(ALL_PAGES);
    for (const title of ALL_PAGES) {
      await page.locator('header nav a', { hasText: title }).click();
      await page.locator('main h1', { hasText: title }).waitFor();
      expect(await page.locator('main .state.error').count()).toBe(0);
    }
    await page.goto('/no-such-page');
    expect(await page.locator('main').textContent()).toContain('There is no page /no-such-page.');
  });

  it('offers a finance user only the pages of their role', async () => {
    const { page } = await signedIn(bench.users.finance, '/claims');
    expect(await navigation(page)).toEqual(['Overview', 'A/R', 'Denials', 'Payers', 'Contracts', 'Collections', 'Reports']);
    expect(await page.locator('main [data-state="unavailable"]').textContent()).toBe('A finance may not open this page.');
  });

  it('pages and sorts the claims on the server and downloads them as CSV with the same filters', async () => {
    const { page, context } = await signedIn(bench.users.manager, '/claims?payer=MCRB1');
    const table = page.locator('.table-block');
    await table.locator('tbody tr').first().waitFor();
    const api = (await (await context.request.get('/api/claims?payer=MCRB1&sort=service_date&order=desc&page=1&page_size=50')).json()) as { total: number; rows: { claim_id: string }[] };
    expect(await table.locator('.table-count').textContent()).toBe(`1–50 of ${formatCount(api.total)} claims`);
    expect(await table.locator('tbody tr td:first-child').allTextContents()).toEqual(api.rows.map((r) => r.claim_id));

    await table.getByRole('button', { name: 'Next' }).click();
    await table.locator('.table-count', { hasText: /^51–/ }).waitFor();

    await table.getByRole('button', { name: 'Charge' }).click();
    await table.locator('th[aria-sort="descending"]', { hasText: 'Charge' }).waitFor();
    const charges = await table.locator('tbody tr td:nth-child(6)').allTextContents();
    const cents = charges.map((c) => Number(c.replace(/[$,]/g, '')));
    expect(cents).toEqual([...cents].sort((a, b) => b - a));
    expect(await table.locator('.table-count').textContent()).toMatch(/^1–50 of /); // a new sort starts at page 1

    const href = (await table.getByRole('link', { name: 'Download CSV' }).getAttribute('href'))!;
    expect(new URL(href, bench.baseUrl).searchParams.toString()).toBe('payer=MCRB1&sort=charge&order=desc&format=csv');
    const [download] = await Promise.all([page.waitForEvent('download'), table.getByRole('link', { name: 'Download CSV' }).click()]);
    const { readFile } = await import('node:fs/promises');
    const lines = (await readFile((await download.path())!, 'utf8')).trim().split('\n');
    expect(lines[0]).toMatch(/^claim_id,practice,payer_id,/);
    expect(lines).toHaveLength(api.total + 1);
  });
});
