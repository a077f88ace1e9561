// The collections page in a real browser (Debian's Chromium): the total, net revenue and both collection
// rates, the payments of each month by kind with the month's total, the rates by month, charges, the
// adjustments by class and net revenue of each month, the payments of each
// provider and location (PLB apart), each equal to the API's answer for the same filters formatted by the
// dashboards' own format.ts; a payer filter followed by the URL and the numbers.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney, formatMonth, formatPercent } from '../../kernel/format.ts';
import { lastDayOfMonth } from '../../dashboards/src/periods.ts';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { metricsAnswer, signedInPage } from './support/signed-in.ts';
import { startWorkbench, type Workbench } from './support/workbench.ts';

interface Row {
  key: string | null;
  value: number | null;
}
interface Metric extends Row {
  label: string;
  from: string;
  to: string;
  breakdown?: Row[];
}
type Answer = { as_of: string; metrics: Record<string, Metric> };
type Table = Record<string, string[]>;

const KIND_NAMES: Record<string, string> = {
  insurance_paid: 'Insurance payments', patient_payment: 'Patient payments', refund: 'Refunds',
  plb_interest: 'PLB interest', plb_recoupment: 'PLB recoupments', plb_other: 'PLB other',
};

describe.skipIf(!browserAvailable)('the collections page in Chromium', () => {
  let bench: Workbench;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    [bench, browser] = await Promise.all([startWorkbench(), launchBrowser()]);
    ({ context, page } = await signedInPage(browser, bench.baseUrl, bench.users.manager, '/collections', { problems }));
    await page.locator('header nav').waitFor();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await bench?.close();
  });

  /** The API's answer, asked with the page's session. */
  const api = (params: Record<string, string>) => metricsAnswer<Answer>(context, params);

  /** What the page should show for the filters, asked of the API one month, provider and location at a time. */
  async function expected(filters: Record<string, string>) {
    const first = await api({ ...filters, metric: 'collections,net_revenue,net_collection_rate,gross_collection_rate' });
    const c = first.metrics.collections;
    const window = { ...filters, as_of: first.as_of, from: c.from, to: c.to };
    const cards = {
      Collections: formatMoney(c.value),
      [first.metrics.net_revenue.label]: formatMoney(first.metrics.net_revenue.value),
      'Net collection rate': formatPercent(first.metrics.net_collection_rate.value),
      'Gross collection rate': formatPercent(first.metrics.gross_collection_rate.value),
    };
    const trend = await api({ ...window, metric: 'collections,net_collection_rate,gross_collection_rate', by: 'month' });
    const months = trend.metrics.collections.breakdown!.map((r) => r.key!);
    expect(months).toHaveLength(12);
    // the page lists the kinds in this order: money in, refunds, then PLB
    const order = Object.keys(KIND_NAMES);
    const kinds = c.breakdown!.map((r) => r.key!).sort((a, b) => order.indexOf(a) - order.indexOf(b));
    const byMonth: Table = {};
    const rates: Table = {};
    const adjustments: Table = {};
    /** Charges, the classes off them, net revenue, then the losses: the page's columns, each asked for its dates alone. */
    const adjustmentCells = async (dates: Record<string, string>) => {
      const [classes, totals] = await Promise.all([api({ ...dates, metric: 'adjustments', by: 'adjustment_class' }), api({ ...dates, metric: 'charges,net_revenue' })]);
      const of = (k: string) => formatMoney(classes.metrics.adjustments.breakdown!.find((r) => r.key === k)?.value ?? 0);
      return [formatMoney(totals.metrics.charges.value), ...['contractual', 'policy', 'duplicate'].map(of), formatMoney(totals.metrics.net_revenue.value), ...['denial', 'bad_debt', 'unclassified'].map(of)];
    };
    for (const month of months) {
      const [y, m] = month.split('-').map(Number);
      const split = (await api({ ...window, from: `${month}-01`, to: lastDayOfMonth(y, m - 1), metric: 'collections' })).metrics.collections.breakdown!;
      const total = trend.metrics.collections.breakdown!.find((r) => r.key === month)!.value;
      byMonth[month] = [...kinds.map((k) => formatMoney(split.find((r) => r.key === k)?.value ?? 0)), formatMoney(total)];
      rates[month] = ['net_collection_rate', 'gross_collection_rate'].map((id) => formatPercent(trend.metrics[id].breakdown!.find((r) => r.key === month)?.value ?? null));
      adjustments[month] = await adjustmentCells({ ...window, from: `${month}-01`, to: lastDayOfMonth(y, m - 1) });
    }
    adjustments.window = await adjustmentCells(window);
    byMonth.window = [...kinds.map((k) => formatMoney(c.breakdown!.find((r) => r.key === k)!.value)), formatMoney(c.value)];
    rates.window = [formatPercent(first.metrics.net_collection_rate.value), formatPercent(first.metrics.gross_collection_rate.value)];
    const plb = Object.fromEntries(c.breakdown!.filter((r) => r.key!.startsWith('plb_')).map((r) => [r.key!, [formatMoney(r.value)]]));
    const perDimension = async (dimension: string): Promise<Table> => {
      const list = await api({ ...window, metric: 'initial_denial_rate,ar_total', by: dimension });
      const keys = [...new Set(Object.values(list.metrics).flatMap((x) => x.breakdown!.map((r) => r.key!)))];
      const out: Table = {};
      for (const key of keys) out[key] = [formatMoney((await api({ ...window, [dimension]: key, metric: 'collections' })).metrics.collections.value)];
      return { ...out, ...plb, total: [formatMoney(c.value)] };
    };
    return {
      cards, months, kinds: [...kinds.map((k) => KIND_NAMES[k] ?? k)], byMonth, rates, adjustments,
      providers: await perDimension('provider'), locations: await perDimension('location'),
    };
  }

  async function shown() {
    await page.locator('.as-of[data-ready="all"]').waitFor();
    const cards = await page.$$eval('.tiles.stats .tile', (all) => Object.fromEntries(all.map((t) => [t.querySelector('h2')!.textContent, t.querySelector('.value')!.textContent])));
    const table = (selector: string) => page.$$eval(`table.${selector} tr[data-key]`, (trs) => Object.fromEntries(trs.map((tr) => [(tr as HTMLElement).dataset.key!, [...tr.querySelectorAll('td')].map((td) => td.textContent!)])));
    const kinds = await page.$$eval('table.collections-by-month thead th', (ths) => ths.slice(1, -1).map((th) => th.textContent!));
    const monthNames = await page.$$eval('table.collections-by-month tbody th', (ths) => ths.map((th) => th.textContent!));
    return {
      cards, kinds, monthNames,
      byMonth: await table('collections-by-month'), rates: await table('rates-by-month'), adjustments: await table('adjustments-by-month'),
      providers: await table('collections-by-provider'), locations: await table('collections-by-location'),
    };
  }

  it('shows the API’s collections: total and rates, each month by kind, rates by month, providers and locations', async () => {
    const [page_, want] = await Promise.all([shown(), expected({})]);
    expect(page_.cards).toEqual(want.cards);
    expect(page_.kinds).toEqual(want.kinds);
    expect(page_.monthNames).toEqual(want.months.map(formatMonth));
    expect(page_.byMonth).toEqual(want.byMonth);
    expect(page_.rates).toEqual(want.rates);
    expect(page_.adjustments).toEqual(want.adjustments);
    expect(Object.keys(page_.adjustments)).toHaveLength(13);
    expect(page_.providers).toEqual(want.providers);
    expect(page_.locations).toEqual(want.locations);
    expect(page_.kinds).toEqual(expect.arrayContaining(['Insurance payments', 'Patient payments', 'Refunds', 'PLB interest']));
    // each provider by the name the API gives (provider_name), its NPI beside it
    const named = (await api({ metric: 'initial_denial_rate', by: 'provider,provider_name' })).metrics.initial_denial_rate.breakdown!.map((r) => r.key!.split(' × '));
    expect(named.length).toBeGreaterThan(0);
    for (const [npi, name] of named) {
      expect(await page.locator(`table.collections-by-provider tr[data-key="${npi}"] th`).textContent(), npi).toBe(name === npi ? npi : `${name} (${npi})`);
    }
    // a chart beside each table, and the definitions
    expect(await page.locator('section.panel figure.chart svg').count()).toBeGreaterThanOrEqual(4);
    const months = page.locator('section.collections-months');
    await months.getByText('How is this computed?').click();
    expect(await months.locator('dl').textContent()).toContain('PLB interest');
  });

  it('follows a payer filter: the URL, then the numbers, as the API answers for that payer', async () => {
    const before = await shown();
    const asked: URLSearchParams[] = [];
    const record = (r: { url(): string }) => {
      const url = new URL(r.url());
      if (url.pathname === '/api/metrics') asked.push(url.searchParams);
    };
    page.on('request', record);
    await page.locator('input[name="payer"]').fill('MCRB1');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL('**/collections?payer=MCRB1');
    const after = await shown();
    page.off('request', record);
    // the payments of each month by kind: one request for kind × month, none by month
    const collectionsAsked = asked.filter((q) => q.get('metric') === 'collections').map((q) => q.get('by'));
    expect(collectionsAsked.filter((by) => by === 'kind,month')).toHaveLength(1);
    expect(collectionsAsked.filter((by) => by === 'kind')).toHaveLength(0);
    const want = await expected({ payer: 'MCRB1' });
    expect(after.cards).toEqual(want.cards);
    expect(after.byMonth).toEqual(want.byMonth);
    expect(after.rates).toEqual(want.rates);
    expect(after.adjustments).toEqual(want.adjustments);
    expect(after.providers).toEqual(want.providers);
    expect(after.cards).not.toEqual(before.cards);
    expect(after.kinds).not.toContain('Patient payments'); // a payer's money: patients pay no payer
    expect(problems).toEqual([]);
  });
});
