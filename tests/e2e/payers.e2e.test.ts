// The payers scorecard in a real browser (Debian's Chromium): one row per payer, by name with its id, with the API's numbers for
// the same filters, formatted by the dashboards' own format.ts, and the numbers over every payer below;
// sorted by a column (kept in the address); a column's definition opened; a payer filter followed by the
// URL and the numbers; a row opening that payer's claims.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCount, formatValue } from '../../kernel/format.ts';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { metricsAnswer, signedInPage } from './support/signed-in.ts';
import { startWorkbench, type Workbench } from './support/workbench.ts';

interface Row {
  key: string | null;
  value: number | null;
  denominator: number | null;
  p90?: number | null;
}
interface Metric extends Row {
  definition: { numerator: string };
  breakdown?: Row[];
}
type Answer = { as_of: string; metrics: Record<string, Metric> };

const COLUMNS = ['volume', 'paid', 'denial', 'yield', 'lag_median', 'lag_p90', 'ncr'] as const;

describe.skipIf(!browserAvailable)('the payers scorecard in Chromium', () => {
  let bench: Workbench;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    [bench, browser] = await Promise.all([startWorkbench(), launchBrowser()]);
    ({ context, page } = await signedInPage(browser, bench.baseUrl, bench.users.manager, '/payers', { problems }));
    await page.locator('header nav').waitFor();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await bench?.close();
  });

  /** The API's answer, asked with the page's session. */
  const api = (params: Record<string, string>) => metricsAnswer<Answer>(context, params);

  /** The scorecard the API implies for the filters: every payer of any of the breakdowns ("patient" money is not a payer). */
  async function expected(filters: Record<string, string>) {
    const [adjudication, money] = await Promise.all([
      api({ ...filters, metric: 'initial_denial_rate,first_pass_yield,payer_lag_days', by: 'payer' }),
      api({ ...filters, metric: 'collections,net_collection_rate', by: 'payer' }),
    ]);
    const m = { ...adjudication.metrics, ...money.metrics };
    const row = (id: string, payer: string) => m[id].breakdown!.find((r) => r.key === payer);
    const cells = (get: (id: string) => Row | undefined) => [
      formatCount(get('initial_denial_rate')?.denominator ?? null),
      formatValue('dollars', get('collections')?.value ?? null),
      formatValue('ratio', get('initial_denial_rate')?.value ?? null),
      formatValue('ratio', get('first_pass_yield')?.value ?? null),
      formatValue('days', get('payer_lag_days')?.value ?? null),
      formatValue('days', get('payer_lag_days')?.p90 ?? null),
      formatValue('ratio', get('net_collection_rate')?.value ?? null),
    ];
    const payers = [...new Set(Object.values(m).flatMap((x) => x.breakdown!.map((r) => r.key!)))].filter((k) => k !== 'patient');
    return {
      rows: Object.fromEntries(payers.map((p) => [p, cells((id) => row(id, p))])),
      all: cells((id) => m[id]),
    };
  }

  async function shown() {
    await page.locator('.as-of[data-ready="all"]').waitFor();
    const read = (selector: string) => page.$$eval(selector, (trs) => trs.map((tr) => [(tr as HTMLElement).dataset.key!, [...tr.querySelectorAll('td')].map((td) => td.textContent!)] as const));
    const rows = await read('table.scorecard tbody tr');
    const [[, all]] = await read('table.scorecard tfoot tr');
    return { order: rows.map(([k]) => k), rows: Object.fromEntries(rows), all };
  }

  it('shows a row per payer with the API’s numbers, and the numbers over every payer', async () => {
    const [card, want] = await Promise.all([shown(), expected({})]);
    expect(card.rows).toEqual(want.rows);
    expect(card.all).toEqual(want.all);
    expect(card.order.length).toBeGreaterThan(4);
    // sorted by volume, largest first
    const volumes = card.order.map((k) => Number(card.rows[k][0].replace(/,/g, '')) || -1);
    expect(volumes).toEqual([...volumes].sort((a, b) => b - a));
    // each payer by its name (the payer_name breakdown's, from mart_payer), its id beside it
    const named = await page.$$eval('table.scorecard tbody tr', (trs) => trs.map((tr) => [(tr as HTMLElement).dataset.key!, tr.querySelector('th a')!.textContent!, tr.querySelector('th .code')?.textContent?.trim() ?? null] as const));
    const names = await Promise.all(['initial_denial_rate,first_pass_yield,payer_lag_days', 'collections,net_collection_rate'].map((metric) => api({ metric, by: 'payer_name' })));
    const nameSet = new Set(names.flatMap((a) => Object.values(a.metrics)).flatMap((x) => x.breakdown!.map((r) => r.key!)));
    for (const [id, name, code] of named) {
      expect(nameSet.has(name), `${id}: ${name}`).toBe(true);
      expect(code ?? id, id).toBe(id);
    }
    expect(named.some(([id, name]) => name !== id)).toBe(true);
    // each number says how it comes about
    expect(await page.locator('table.scorecard tbody tr').first().locator('td[data-column="denial"]').getAttribute('title')).toMatch(/^\d+ of \d+ claims denied on their first adjudication$/);
  });

  it('sorts by a column, and keeps the sort in the address', async () => {
    const header = page.locator('th[data-column="denial"] button.sort');
    await header.click();
    await page.waitForURL('**/payers?sort=denial&order=desc');
    const rates = async () => {
      const card = await shown();
      return card.order.map((k) => card.rows[k][2]).filter((v) => v !== '—').map((v) => Number(v.replace('%', '')));
    };
    const descending = await rates();
    expect(descending).toEqual([...descending].sort((a, b) => b - a));
    await header.click();
    await page.waitForURL('**/payers?sort=denial&order=asc');
    const ascending = await rates();
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    expect(await page.locator('th[data-column="denial"]').getAttribute('aria-sort')).toBe('ascending');
  });

  it('opens a column’s definition, as the registry words it', async () => {
    const definition = (await api({ metric: 'collections' })).metrics.collections.definition;
    await page.locator('th[data-column="paid"] button.explain').click();
    const details = page.locator('details.how-computed[data-metric="collections"]');
    expect(await details.getAttribute('open')).not.toBeNull();
    expect(await details.locator('dl').textContent()).toContain(definition.numerator);
  });

  it('follows a payer filter: the URL, then the numbers, as the API answers for that payer', async () => {
    const before = await shown();
    // the filter offers each payer by id with its name
    await page.locator('input[name="payer"]').focus();
    await page.locator('#filter-payer-values option[value="HRHMO"]').waitFor({ state: 'attached' });
    const offered = await page.$$eval('#filter-payer-values option', (all) => all.map((o) => [(o as HTMLOptionElement).value, (o as HTMLOptionElement).label]));
    const named = (await api({ metric: 'initial_denial_rate', by: 'payer,payer_name' })).metrics.initial_denial_rate.breakdown!.map((r) => r.key!.split(' × '));
    expect(offered).toEqual(named);
    await page.locator('input[name="payer"]').fill('HRHMO');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL('**/payers?payer=HRHMO&sort=denial&order=asc');
    const after = await shown();
    const want = await expected({ payer: 'HRHMO' });
    expect(after.rows).toEqual(want.rows);
    expect(after.order).toEqual(['HRHMO']);
    expect(after.all).toEqual(want.all);
    expect(after.all).not.toEqual(before.all);
  });

  it('opens the claims of a payer from its row', async () => {
    await page.goto('/payers');
    await shown();
    await page.locator('table.scorecard tbody tr[data-key="SUMMT"] td[data-column="paid"]').click();
    await page.waitForURL('**/claims?payer=SUMMT');
    await page.locator('main h1', { hasText: 'Claims' }).waitFor();
    expect(await page.locator('input[name="payer"]').inputValue()).toBe('SUMMT');
    expect(problems).toEqual([]);
  });
});
