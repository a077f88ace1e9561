// The contracts page in a real browser (Debian's Chromium) on the demo practice: the variance by payer × code
// and by payer are the API's (underpaid lines and dollars, underpayment rate, schedule coverage, formatted by format.ts);
// the planted underpayment (Summit paying 99214 below its contract, demo/practice/contracts.ts) is the most
// underpaid row; its count lists exactly its lines (as many as GET /api/contracts/variance counts), and a
// line's claim opens in the claim explorer; the page fits a 1440 px window.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCount, formatValue } from '../../kernel/format.ts';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { metricsAnswer, signedInPage } from './support/signed-in.ts';
import { startWorkbench, type Workbench } from './support/workbench.ts';

interface Row { key: string | null; value: number | null; numerator: number | null; denominator: number | null }
interface Metric extends Row { as_of: string; from: string; to: string; unit: string; breakdown?: Row[] }
type Answer = { as_of: string; metrics: Record<string, Metric> };

const IDS = ['underpaid_dollars', 'underpaid_lines', 'underpayment_rate', 'schedule_coverage'];

describe.skipIf(!browserAvailable)('the contracts page in Chromium', () => {
  let bench: Workbench;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    [bench, browser] = await Promise.all([startWorkbench(), launchBrowser()]);
    ({ context, page } = await signedInPage(browser, bench.baseUrl, bench.users.manager, '/contracts', { problems }));
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.locator('.as-of[data-ready="all"]').waitFor();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await bench?.close();
  });

  const cell = (key: string, column: string) => page.locator(`.contract-variance-table tbody tr:has(td[data-column="payer"]:text-is("${key.split(' × ')[0]}")):has(td[data-column="cpt"]:text-is("${key.split(' × ')[1]}")) td[data-column="${column}"]`);

  it('shows the API’s numbers: the headline cards and every payer × code row on the page', async () => {
    const answer = await metricsAnswer<Answer>(context, { metric: IDS.join(','), by: 'payer,cpt' });
    for (const id of IDS) {
      const m = answer.metrics[id];
      expect(await page.locator(`.contract-tiles [data-metric="${id}"] .value`).textContent(), id).toBe(formatValue(m.unit, m.value));
    }
    const rate = answer.metrics.underpayment_rate;
    const find = (id: string, key: string) => answer.metrics[id].breakdown!.find((r) => r.key === key);
    const shown = await page.locator('.contract-variance-table tbody tr').evaluateAll((trs) => trs.map((tr) => [
      tr.querySelector('td[data-column="payer"]')!.textContent, tr.querySelector('td[data-column="cpt"]')!.textContent,
      ...['underpaid_lines', 'underpaid_dollars', 'underpayment_rate', 'schedule_coverage', 'expected_lines'].map((c) => tr.querySelector(`td[data-column="${c}"]`)!.textContent),
    ]));
    expect(shown.length).toBeGreaterThan(5);
    for (const [payer, cpt, ...cells] of shown) {
      const key = `${payer} × ${cpt}`;
      const r = find('underpayment_rate', key);
      const coverage = find('schedule_coverage', key)!;
      expect(cells, key).toEqual([
        formatCount(find('underpaid_lines', key)?.value ?? 0), formatValue('dollars', r?.numerator ?? 0),
        r?.denominator ? formatValue('ratio', r.value) : '', coverage.denominator ? formatValue('ratio', coverage.value) : '', formatCount(coverage.numerator),
      ]);
    }
    // the planted underpayment is the most underpaid row, and the only one
    expect(shown[0].slice(0, 2)).toEqual(['SUMMT', '99214']);
    expect(rate.breakdown!.filter((r) => (r.numerator ?? 0) > 0).map((r) => r.key)).toEqual(['SUMMT × 99214']);
    // by payer, each with its name
    const byPayer = await metricsAnswer<Answer>(context, { metric: IDS.join(','), by: 'payer' });
    const payers = await page.locator('.contract-payer-table tbody tr').evaluateAll((trs) => trs.map((tr) =>
      ['payer_id', 'underpaid_lines', 'underpaid_dollars', 'schedule_coverage'].map((c) => tr.querySelector(`td[data-column="${c}"]`)!.textContent)));
    expect(payers.map((p) => p[0]).sort()).toEqual(byPayer.metrics.schedule_coverage.breakdown!.map((r) => r.key).sort());
    for (const [payer, ...cells] of payers) {
      const get = (id: string) => byPayer.metrics[id].breakdown!.find((r) => r.key === payer);
      expect(cells, payer!).toEqual([formatCount(get('underpaid_lines')?.value ?? 0), formatValue('dollars', get('underpayment_rate')?.numerator ?? 0), formatValue('ratio', get('schedule_coverage')!.value)]);
    }
    expect(await page.locator('.contract-payer-table tbody tr').first().locator('td[data-column="payer"]').textContent()).toBe('SUMMIT HEALTH PLAN');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1440);
    expect(problems).toEqual([]);
  });

  it('lists exactly the planted row’s underpaid lines, and a line opens its claim', async () => {
    const answer = await metricsAnswer<Answer>(context, { metric: 'underpaid_lines', by: 'payer,cpt' });
    const m = answer.metrics.underpaid_lines;
    const lines = m.breakdown!.find((r) => r.key === 'SUMMT × 99214')!.value!;
    expect(lines).toBeGreaterThan(0);
    const api = await context.request.get(`/api/contracts/variance?${new URLSearchParams({ as_of: m.as_of, from: m.from, to: m.to, payer: 'SUMMT', cpt: '99214', status: 'underpaid', page_size: '500' })}`);
    expect(api.status()).toBe(200);
    const list = (await api.json()) as { total: number; rows: { claim_id: string; status: string }[] };
    expect(list.total).toBe(lines);
    expect(new Set(list.rows.map((r) => r.status))).toEqual(new Set(['underpaid']));

    await cell('SUMMT × 99214', 'underpaid_lines').locator('a').click();
    await page.locator('.variance-lines .table-count', { hasText: `of ${formatCount(lines)} lines` }).waitFor();
    expect(page.url()).toContain('variance_payer=SUMMT');
    const claims = await page.locator('.variance-lines tbody tr td:first-child').allTextContents();
    expect(claims).toEqual(list.rows.slice(0, claims.length).map((r) => r.claim_id));
    const statuses = new Set(await page.locator('.variance-lines tbody tr td:last-child').allTextContents());
    expect(statuses).toEqual(new Set(['underpaid']));

    const claim = claims[0];
    await page.locator('.variance-lines tbody tr td:first-child a').first().click();
    await page.locator(`.claim-explorer[data-claim="${claim}"]`).waitFor();
    expect(page.url()).toContain(`/claims?`);
    expect(page.url()).toContain(`claim=${claim}`);
    expect(problems).toEqual([]);
  });
});
