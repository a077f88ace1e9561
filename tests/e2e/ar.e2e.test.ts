// The A/R page in a real browser (Debian's Chromium): the headline, the aging by payer, what payers and
// patients owe and the unbilled visits, each equal to the API's answer for the same filters formatted by the dashboards' own
// format.ts; a payer filter followed by the URL and the numbers; a bar opened into its claims, whose
// balances add up to the bar, downloaded as the server's CSV; a finance user sees the bars without claims.
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCount, formatMoney, formatPercent, formatValue } from '../../kernel/format.ts';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { metricsAnswer, signedInPage } from './support/signed-in.ts';
import { startWorkbench, type Credentials, type Workbench } from './support/workbench.ts';
import { parse } from 'csv-parse/sync';

interface Row {
  key: string | null;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}
interface Metric {
  label: string;
  unit: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  definition: { numerator: string };
  breakdown?: Row[];
}
type Answer = { as_of: string; metrics: Record<string, Metric> };

describe.skipIf(!browserAvailable)('the A/R page in Chromium', () => {
  let bench: Workbench;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  const signIn = (user: Credentials, path: string) => signedInPage(browser, bench.baseUrl, user, path, { problems });

  beforeAll(async () => {
    [bench, browser] = await Promise.all([startWorkbench(), launchBrowser()]);
    ({ context, page } = await signIn(bench.users.manager, '/ar'));
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await bench?.close();
  });

  /** The API's answer, asked with the page's session. */
  const api = (params: Record<string, string>) => metricsAnswer<Answer>(context, params);

  /** The payer's name as the API gives it (ar_total by payer and payer_name: "id × name"). */
  async function payerName(id: string): Promise<string> {
    const keys = (await api({ metric: 'ar_total', by: 'payer,payer_name' })).metrics.ar_total.breakdown!.map((r) => r.key!);
    return keys.find((k) => k.startsWith(`${id} × `))!.slice(id.length + 3);
  }

  /** What the page should show for the filters, from the API, formatted by format.ts. */
  async function expected(filters: Record<string, string>) {
    const [byKind, days, byPayer] = await Promise.all([
      api({ ...filters, metric: 'ar_total', by: 'kind' }),
      api({ ...filters, metric: 'days_in_ar,days_in_total_ar,days_in_ar_net' }), // no breakdown asked
      api({ ...filters, metric: 'ar_total,ar_over_90_pct,ar_over_120_pct', by: 'payer' }),
    ]);
    const kinds = { ...byKind, metrics: { ...byKind.metrics, ...days.metrics } };
    const kind = (key: string) => formatMoney(kinds.metrics.ar_total.breakdown!.find((r) => r.key === key)!.value);
    const cards = {
      'A/R': formatMoney(kinds.metrics.ar_total.value),
      'Payer (insurance) A/R': kind('insurance'),
      'Patient A/R': kind('patient'),
      'Credit balances': kind('credit balances'),
      '% of A/R over 90 days': formatPercent(byPayer.metrics.ar_over_90_pct.value),
      '% of A/R over 120 days': formatPercent(byPayer.metrics.ar_over_120_pct.value),
      'Days in A/R (billed)': formatValue('days', kinds.metrics.days_in_ar.value),
      [days.metrics.days_in_total_ar.label]: formatValue('days', kinds.metrics.days_in_total_ar.value),
      'Days in A/R (net of expected contractuals)': formatValue('days', kinds.metrics.days_in_ar_net.value),
    };
    const payers = byPayer.metrics.ar_over_90_pct.breakdown!.map((r) => r.key!);
    const over = (id: string, payer: string) => formatPercent(byPayer.metrics[id].breakdown!.find((r) => r.key === payer)!.value);
    const answers = await Promise.all(payers.map(async (payer) => (await api({ ...filters, as_of: kinds.as_of, payer, metric: 'ar_aging' })).metrics.ar_aging));
    // every bucket any payer has, in the API's order; a payer without claims in one shows $0.00 there
    const buckets = [...new Set([...(await api({ ...filters, metric: 'ar_aging' })).metrics.ar_aging.breakdown!, ...answers.flatMap((a) => a.breakdown!)].map((r) => r.key!))];
    const aging: Record<string, Record<string, string>> = {};
    payers.forEach((payer, i) => {
      const rows = answers[i].breakdown!;
      aging[payer] = {
        ...Object.fromEntries(buckets.map((b) => [b, formatMoney(rows.find((r) => r.key === b)?.numerator ?? 0)])),
        total: formatMoney(answers[i].denominator), over90: over('ar_over_90_pct', payer), over120: over('ar_over_120_pct', payer),
      };
    });
    const owed = Object.fromEntries(byPayer.metrics.ar_total.breakdown!.map((r) => [r.key, formatMoney(r.value)]));
    return { asOf: kinds.as_of, cards, aging, owed };
  }

  /** What the page shows, once everything is drawn. */
  async function shown() {
    await page.locator('.as-of[data-ready="all"]').waitFor();
    const cards = await page.$$eval('.tiles.stats .tile', (all) => Object.fromEntries(all.map((t) => [t.querySelector('h2')!.textContent, t.querySelector('.value')!.textContent])));
    const aging = await page.$$eval('table.aging-table', ([table]) => {
      const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent!);
      return Object.fromEntries([...table.querySelectorAll('tbody tr')].map((tr) => {
        const cells = [...tr.querySelectorAll('td')];
        const buckets = cells.filter((td) => (td as HTMLElement).dataset.bucket).map((td) => [(td as HTMLElement).dataset.bucket!, td.textContent!]);
        const n = heads.length;
        return [(tr as HTMLElement).dataset.payer, { ...Object.fromEntries(buckets), total: cells[n - 4].textContent, over90: cells[n - 3].textContent, over120: cells[n - 2].textContent }];
      }));
    });
    const owed = await page.$$eval('table.owed-table tbody tr', (rows) => Object.fromEntries(rows.map((tr) => [(tr as HTMLElement).dataset.key, tr.querySelector('td')!.textContent])));
    return { cards, aging, owed };
  }

  it('shows the API’s A/R: headline, aging by payer, payer and patient A/R, each with its definition', async () => {
    const [page_, want] = await Promise.all([shown(), expected({})]);
    expect(page_.cards).toEqual(want.cards);
    expect(page_.aging).toEqual(want.aging);
    expect(page_.owed).toEqual(want.owed);
    expect(await page.locator('.as-of').getAttribute('data-as-of')).toBe(want.asOf);
    expect(Object.keys(page_.aging).length).toBeGreaterThan(3);
    // payers by name, the id in the tooltip: the owed table and the aging table
    const nwppo = await payerName('NWPPO');
    expect(await page.locator('table.owed-table tr[data-key="NWPPO"] th').textContent()).toBe(nwppo);
    expect(await page.locator('table.owed-table tr[data-key="NWPPO"] th').getAttribute('title')).toBe('payer id NWPPO');
    expect(await page.locator('table.aging-table tr[data-payer="NWPPO"] th').textContent()).toBe(nwppo);
    // one bar segment per cell above zero (a patient portion below zero is money paid ahead), each a button naming its payer and bucket
    const segments = await page.locator('section.ar-aging figure.chart rect[role="button"]').count();
    expect(segments).toBe(Object.values(want.aging).flatMap((p) => Object.entries(p).filter(([k, v]) => !['total', 'over90', 'over120'].includes(k) && v !== '$0.00' && !v.startsWith('−'))).length);
    // credit balances beside A/R, never netted; every card says how it is computed
    expect(await page.locator('.tile[aria-label="Credit balances"]').textContent()).toContain('never netted');
    expect(await page.locator('.tiles.stats .tile details.how-computed').count()).toBe(9);
    const days = page.locator('.tile[aria-label="Days in A/R (billed)"]');
    await days.getByText('How is this computed?').click();
    expect(await days.locator('dl').textContent()).toContain('average daily gross charges');
  });

  it('shows the unbilled visits by age, in dollars and visits, as the API answers them', async () => {
    await page.goto('/ar');
    await page.locator('section.ar-unbilled[data-ready="true"]').waitFor();
    const answer = await api({ metric: 'unbilled_ar,unbilled_visits', by: 'bucket' });
    const { unbilled_ar: amounts, unbilled_visits: visits } = answer.metrics;
    const buckets = [...new Set([...amounts.breakdown!, ...visits.breakdown!].map((r) => r.key!))];
    expect(buckets.length).toBeGreaterThan(0); // the demo leaves some visits unbilled at its last day
    const of = (m: Metric, key: string) => m.breakdown!.find((r) => r.key === key)?.value ?? 0;
    const want = Object.fromEntries([...buckets.map((b) => [b, [formatMoney(of(amounts, b)), formatCount(of(visits, b))]]), ['total', [formatMoney(amounts.value), formatCount(visits.value)]]]);
    const rows = await page.$$eval('table.unbilled-table tr[data-key]', (all) => Object.fromEntries(all.map((tr) => [(tr as HTMLElement).dataset.key, [...tr.querySelectorAll('td')].map((td) => td.textContent)])));
    expect(rows).toEqual(want);
    expect(await page.locator('section.ar-unbilled').textContent()).toContain('Days in A/R counts billed A/R only');
  });

  it('follows a payer filter: the URL, then the numbers, as the API answers for that payer', async () => {
    const before = await shown();
    await page.locator('input[name="payer"]').fill('NWPPO');
    const started = Date.now();
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL('**/ar?payer=NWPPO');
    const after = await shown();
    const elapsed = Date.now() - started;
    const want = await expected({ payer: 'NWPPO' });
    expect(after.cards).toEqual(want.cards);
    expect(after.aging).toEqual(want.aging);
    expect(after.owed).toEqual(want.owed);
    expect(Object.keys(after.aging)).toEqual(['NWPPO']);
    expect(after.cards).not.toEqual(before.cards);
    process.stdout.write(`A/R with a payer filter drawn in ${elapsed} ms (answers not yet cached)\n`);
  });

  it('opens the claims of a bar, whose insurance portions add up to it, and downloads them as the server’s CSV', async () => {
    await page.goto('/ar');
    await page.locator('.as-of[data-ready="all"]').waitFor();
    const asOf = (await page.locator('.as-of').getAttribute('data-as-of'))!;
    const aging = (await api({ as_of: asOf, payer: 'MCRB1', metric: 'ar_aging' })).metrics.ar_aging.breakdown!.find((r) => r.key === '31-60')!;

    const started = Date.now();
    await page.locator('figure.chart rect[data-payer="MCRB1"][data-bucket="31-60"]').click();
    const claims = page.locator('section.ar-claims');
    await claims.locator('tbody tr').first().waitFor();
    process.stdout.write(`the bar's claims listed in ${Date.now() - started} ms\n`);
    expect(page.url()).toBe(`${bench.baseUrl}/ar?aging_payer=MCRB1&aging=31-60`);
    expect(await claims.locator('h2').textContent()).toBe(`Claims behind the bar: ${await payerName('MCRB1')} (MCRB1), 31–60 days`);
    expect(await claims.locator('.note').textContent()).toContain('their insurance portions add up to the bar');
    expect(await page.locator('rect[data-selected="true"]').getAttribute('data-payer')).toBe('MCRB1');

    const query = { status: 'open', portion: 'insurance', aging: '31-60', payer: 'MCRB1', as_of: asOf, sort: 'balance', order: 'desc' };
    const list = (await (await context.request.get(`/api/claims?${new URLSearchParams({ ...query, page_size: '500' })}`)).json()) as { total: number; rows: { claim_id: string; insurance_balance: string }[] };
    expect(await claims.locator('.table-count').textContent()).toBe(`1–${list.total} of ${list.total} claims`);
    expect(await claims.locator('tbody tr td:first-child').allTextContents()).toEqual(list.rows.map((r) => r.claim_id));
    // the claims' insurance portions add up to the bar, in cents (A/R by payer: the payer's portions)
    expect(list.rows.reduce((cents, r) => cents + Math.round(Number(r.insurance_balance) * 100), 0)).toBe(Math.round(aging.numerator! * 100));

    const link = claims.getByRole('link', { name: 'Download CSV' });
    expect(new URL((await link.getAttribute('href'))!, bench.baseUrl).searchParams.toString()).toBe(new URLSearchParams({ ...query, format: 'csv' }).toString());
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const file = await readFile((await download.path())!, 'utf8');
    const server = await (await context.request.get(`/api/claims?${new URLSearchParams({ ...query, format: 'csv' })}`)).text();
    expect(file).toBe(server);
    const lines = file.trim().split('\n');
    expect(lines[0]).toMatch(/^claim_id,practice,payer_id,/);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(list.rows.map((r) => r.claim_id));

    // the address is the view: opened again, the same claims; closed, the address forgets them
    await page.goto(`/ar?aging_payer=MCRB1&aging=31-60`);
    await claims.locator('tbody tr').first().waitFor();
    expect(await claims.locator('tbody tr').count()).toBe(list.total);
    await claims.getByRole('button', { name: 'Close the claims' }).click();
    expect(await claims.isHidden()).toBe(true);
    expect(page.url()).toBe(`${bench.baseUrl}/ar`);
  });

  it('opens the claims behind what a payer and what patients owe, whose portions add up to the bars', async () => {
    await page.goto('/ar');
    await page.locator('.as-of[data-ready="all"]').waitFor();
    const asOf = (await page.locator('.as-of').getAttribute('data-as-of'))!;
    const owed = (await api({ as_of: asOf, metric: 'ar_total', by: 'payer' })).metrics.ar_total.breakdown!;
    const claims = page.locator('section.ar-claims');
    /** The server's CSV of the claims the open list shows, summed by a money column, in cents. */
    const cents = async (query: Record<string, string>, column: string) => {
      const href = (await claims.getByRole('link', { name: 'Download CSV' }).getAttribute('href'))!;
      expect(new URL(href, bench.baseUrl).searchParams.toString()).toBe(new URLSearchParams({ ...query, as_of: asOf, sort: 'balance', order: 'desc', format: 'csv' }).toString());
      // names hold commas ("RIVERA, JOAN"): the CSV quotes them
      const rows = parse(await (await context.request.get(href)).text(), { columns: true }) as Record<string, string>[];
      return rows.reduce((sum, r) => sum + Math.round(Number(r[column]) * 100), 0);
    };
    const value = (key: string) => Math.round(owed.find((r) => r.key === key)!.value! * 100);

    await page.locator('section.ar-owed figure.chart rect[data-key="SUMMT"]').click();
    await claims.locator('tbody tr').first().waitFor();
    expect(page.url()).toBe(`${bench.baseUrl}/ar?owed=SUMMT`);
    expect(await claims.locator('h2').textContent()).toBe(`Claims behind the bar: ${await payerName('SUMMT')} (SUMMT)’s insurance portion`);
    expect(await cents({ status: 'open', portion: 'insurance', payer: 'SUMMT' }, 'insurance_balance')).toBe(value('SUMMT'));

    await page.locator('section.ar-owed table.owed-table tr[data-key="patient"] button').click();
    await claims.locator('h2', { hasText: 'patients’ portions' }).waitFor();
    expect(page.url()).toBe(`${bench.baseUrl}/ar?owed=patient`);
    expect(await claims.locator('.note').textContent()).toContain('a patient portion below zero');
    expect(await cents({ status: 'open' }, 'patient_balance')).toBe(value('patient'));
  });

  it('shows a finance user the bars without the claims, and says why', async () => {
    const finance = await signIn(bench.users.finance, '/ar');
    await finance.page.locator('.as-of[data-ready="all"]').waitFor();
    expect(await finance.page.locator('figure.chart rect[role="button"]').count()).toBe(0);
    expect(await finance.page.locator('section.ar-aging').textContent()).toContain('A finance may not list claims');
    await finance.context.close();
    expect(problems).toEqual([]);
  });
});
