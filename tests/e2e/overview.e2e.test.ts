// The overview in a real browser (Debian's Chromium): sign in through the login form, see the KPI tiles,
// each showing the API's value for the same filters formatted by the dashboards' own format.ts, their
// trends (ending with the headline) and definitions; change the payer in the filter bar and see the URL and the numbers follow;
// open the shared address again; log out.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatChange, formatValue } from '../../kernel/format.ts';
import { browserAvailable, launchBrowser, openContext, watchProblems } from './support/browser.ts';
import { startWorkbench, type Workbench } from './support/workbench.ts';

/** The overview's KPIs in their own windows, and the one shown for the month to date of the as-of date. */
const OWN_WINDOW = ['days_in_ar', 'days_in_total_ar', 'ar_over_90_pct', 'initial_denial_rate', 'first_pass_acceptance', 'first_pass_yield', 'net_collection_rate'];
const MONTH_TO_DATE = ['collections'];

interface Metric {
  unit: string;
  value: number | null;
  definition: { numerator: string };
}
type Answer = { as_of: string; metrics: Record<string, Metric> };

describe.skipIf(!browserAvailable)('the overview in Chromium', () => {
  let bench: Workbench;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** Script errors and console errors (a CSP violation is one): none expected but the refused login's 401. */
  const problems: string[] = [];

  beforeAll(async () => {
    [bench, browser] = await Promise.all([startWorkbench(), launchBrowser()]);
    context = await openContext(browser, bench.baseUrl);
    page = await context.newPage();
    watchProblems(page, problems);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await bench?.close();
  });

  /** The API's answer for the filters, asked as the overview asks (the request shares the page's session cookie). */
  async function api(filters: Record<string, string>): Promise<Record<string, Metric>> {
    const get = async (params: Record<string, string>) => {
      const response = await context.request.get(`/api/metrics?${new URLSearchParams(params)}`);
      expect(response.status()).toBe(200);
      return (await response.json()) as Answer;
    };
    const own = await get({ ...filters, metric: OWN_WINDOW.join(',') });
    const month = await get({ ...filters, as_of: own.as_of, from: `${own.as_of.slice(0, 8)}01`, to: own.as_of, metric: MONTH_TO_DATE.join(',') });
    return { ...own.metrics, ...month.metrics };
  }

  const formatted = (metrics: Record<string, Metric>) => Object.fromEntries(Object.entries(metrics).map(([id, m]) => [id, formatValue(m.unit, m.value)]));

  async function tiles(): Promise<Record<string, string>> {
    await page.locator('.tiles[data-ready="all"]').waitFor();
    return page.$$eval('.tile', (all) => Object.fromEntries(all.map((t) => [(t as HTMLElement).dataset.metric, t.querySelector('.value')!.textContent])));
  }

  it('asks for a login, and says why a wrong password is refused', async () => {
    await page.goto('/overview');
    await page.getByLabel('User name').fill(bench.users.manager.username);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.login [role="alert"]', { hasText: 'wrong user name or password' }).waitFor();
  });

  it('shows every KPI with the API’s value, its trend, benchmark and definition', async () => {
    await page.getByLabel('Password').fill(bench.users.manager.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const shown = await tiles();
    const expected = await api({});
    expect(shown).toEqual(formatted(expected));
    expect(Object.keys(shown)).toHaveLength(OWN_WINDOW.length + MONTH_TO_DATE.length);
    expect(Object.values(shown).filter((v) => v === '—')).toEqual([]); // the demo has a value for each
    expect(page.url()).toBe(`${bench.baseUrl}/overview`);
    expect(await page.locator('.username').textContent()).toBe('manager (practice manager)');

    // a trend in every tile, the reference band where a benchmark is published
    expect(await page.locator('.tile svg.trend, .tile .trend svg').count()).toBe(OWN_WINDOW.length + MONTH_TO_DATE.length);
    // each trend ends with the headline: the same metric in the same window at each month end
    for (const [id, value] of Object.entries(shown)) {
      const points = (await page.locator(`.tile[data-metric="${id}"] [aria-description]`).getAttribute('aria-description'))!.split('; ').filter((p) => !p.startsWith('reference band'));
      expect(points, id).toHaveLength(12);
      expect(points.at(-1), id).toBe(`Dec 2025 ${value}`);
    }
    expect(await page.locator('.tile[data-metric="net_collection_rate"] .trend-note').textContent()).toBe('Trailing 12 months at each month end');
    expect(await page.locator('.tile[data-metric="initial_denial_rate"] .trend-note').textContent()).toBe('Three months to each month end');
    expect(await page.locator('.tile[data-metric="collections"] .trend-note').textContent()).toBe('Single months, last 12 months');

    // the change against the period before each metric's own (the demo's last day is 2025-12-31)
    const asOf = await page.locator('.as-of').getAttribute('data-as-of');
    expect(asOf).toBe('2025-12-31');
    const before = async (params: Record<string, string>, ids: string[]) =>
      ((await (await context.request.get(`/api/metrics?${new URLSearchParams({ ...params, metric: ids.join(',') })}`)).json()) as Answer).metrics;
    const previous = {
      ...(await before({ as_of: '2025-11-30' }, ['days_in_ar', 'days_in_total_ar', 'ar_over_90_pct', 'net_collection_rate'])),
      ...(await before({ as_of: '2025-09-30' }, ['initial_denial_rate', 'first_pass_acceptance', 'first_pass_yield'])),
      ...(await before({ as_of: '2025-12-31', from: '2025-11-01', to: '2025-11-30' }, ['collections'])),
    };
    const wording: Record<string, string> = {
      days_in_ar: 'vs prior month-end', days_in_total_ar: 'vs prior month-end', ar_over_90_pct: 'vs prior month-end', initial_denial_rate: 'vs prior quarter', first_pass_acceptance: 'vs prior quarter',
      first_pass_yield: 'vs prior quarter', net_collection_rate: 'vs the 12 months to a month earlier', collections: 'vs prior month',
    };
    for (const [id, words] of Object.entries(wording)) {
      const change = await page.locator(`.tile[data-metric="${id}"] .change`).textContent();
      expect(change, id).toContain(`${formatChange(expected[id].unit, expected[id].value! - previous[id].value!)} ${words}`);
    }
    const daysInAr = page.locator('.tile[data-metric="days_in_ar"]');
    expect(await daysInAr.locator('.benchmark').textContent()).toContain('30–40 days');
    // a band only where the source's definition is ours: none for A/R with unbilled visits
    expect(await page.locator('.tile[data-metric="days_in_total_ar"] .benchmark').textContent()).toMatch(/^No published range/);
    expect(await page.locator('.tile[data-metric="initial_denial_rate"] .benchmark').textContent()).toMatch(/^No published range/);
    expect(await daysInAr.locator('.change').textContent()).toMatch(/days vs prior month-end|No value for the previous period/);
    await daysInAr.getByText('How is this computed?').click();
    expect(await daysInAr.locator('dl').textContent()).toContain(expected.days_in_ar.definition.numerator);
    await daysInAr.getByText('SQL', { exact: true }).click();
    await daysInAr.locator('pre', { hasText: /SELECT/i }).waitFor(); // the registry's SQL, from /api/metrics/:id/explain
  });

  it('follows a payer filter: the URL, then every number, as the API answers for that payer', async () => {
    const before = await tiles();
    const byPayer = (await (await context.request.get('/api/metrics?metric=initial_denial_rate&by=payer')).json()) as { metrics: { initial_denial_rate: { breakdown: { key: string; denominator: number }[] } } };
    const payer = byPayer.metrics.initial_denial_rate.breakdown.sort((a, b) => b.denominator - a.denominator)[0].key;
    await page.locator('input[name="payer"]').fill(payer);
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(`**/overview?payer=${payer}`);
    const after = await tiles();
    expect(after).toEqual(formatted(await api({ payer })));
    expect(after).not.toEqual(before);

    // the address is the view: opened again, it shows the same numbers and the filter in the bar
    await page.goto(`/overview?payer=${payer}`);
    expect(await tiles()).toEqual(after);
    expect(await page.locator('input[name="payer"]').inputValue()).toBe(payer);
  });

  it('logs out', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect((await context.request.get('/api/session')).status()).toBe(401);
    expect(problems).toEqual([]);
  });
});
