// The Reports page in a real browser (Debian's Chromium) on the demo practice: the Collections page's link
// opens it with the month; the month defaults to the data's last complete month; a request the server
// refuses shows its own message; "Build package" makes the month's package and its workbook (and PDF)
// download, and the workbook's bytes open with exceljs, holding the metrics API's A/R for the month end.
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMonth } from '../../kernel/format.ts';
import { defaultMonth } from '../../dashboards/src/pages/reports-month.ts';
import { formatUnavailable } from '../../reports/render/formats.ts';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { signedInPage } from './support/signed-in.ts';
import { startWorkbench, type Workbench } from './support/workbench.ts';

const MONTH = '2025-06';

describe.skipIf(!browserAvailable)('the Reports page in Chromium', () => {
  let bench: Workbench;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    [bench, browser] = await Promise.all([startWorkbench(), launchBrowser()]);
    // the refused close date answers 400, which the browser logs as a failed request
    ({ context, page } = await signedInPage(browser, bench.baseUrl, bench.users.manager, '/collections', { problems, expected: /401|400/ }));
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await bench?.close();
  });

  const latestEvent = async () => ((await (await context.request.get('/api/metrics?metric=ar_total')).json()) as { as_of: string }).as_of;

  it('is reached from the Collections page with the last complete month, which is also its default', async () => {
    const expected = defaultMonth(await latestEvent(), new Date().toISOString().slice(0, 10));
    const link = page.getByRole('link', { name: `Download the close package for ${formatMonth(expected)}` });
    await link.click();
    await page.locator('main h1', { hasText: 'Reports' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/reports');
    expect(new URL(page.url()).searchParams.get('month')).toBe(expected);
    expect(await page.locator('input[name="month"]').inputValue()).toBe(expected);
    expect(await page.locator('header nav a[aria-current="page"]').textContent()).toBe('Reports');

    await page.goto('/reports');
    await page.locator('main[data-ready="all"]').waitFor();
    expect(await page.locator('input[name="month"]').inputValue()).toBe(expected);
    expect(await page.locator('.reports-runs').textContent()).toContain('No package made yet');
  });

  it('shows the server’s refusal in its own words', async () => {
    await page.locator('input[name="month"]').fill(MONTH);
    await page.locator('input[name="closeDate"]').fill('2025-06-15');
    await page.getByRole('button', { name: 'Build package' }).click();
    const error = page.locator('.report-outcome [data-state="error"]');
    await error.waitFor();
    expect(await error.textContent()).toBe('The package was not made: the close date 2025-06-15 is before the month ends (2025-06-30)');
    await page.locator('input[name="closeDate"]').fill('');
  });

  it('builds the month’s package and downloads its workbook, which opens and holds the metrics API’s numbers', async () => {
    await page.locator('input[name="month"]').fill(MONTH);
    // the manager's PDF too, where this machine can print one (Chromium: the browser tests have it)
    const pdf = formatUnavailable('pdf') === null;
    if (pdf) await page.getByLabel('PDF for managers').check();
    await page.getByRole('button', { name: 'Build package' }).click();
    const run = page.locator('.report-outcome .report-run');
    await run.waitFor({ timeout: 120_000 });
    expect(await run.textContent()).toMatch(new RegExp(`^Run \\d+: ${formatMonth(MONTH)} for practice ${bench.practice}, closed `));
    const runId = await run.getAttribute('data-run-id');

    const workbook = page.locator('.report-outcome a[data-format="xlsx"]');
    expect(await workbook.textContent()).toBe(`monthly-close-${MONTH}-${bench.practice}.xlsx`);
    const [download] = await Promise.all([page.waitForEvent('download'), workbook.click()]);
    expect(download.suggestedFilename()).toBe(`monthly-close-${MONTH}-${bench.practice}.xlsx`);
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, 2).toString()).toBe('PK'); // a zip, as every XLSX is

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Summary')!;
    let header = 0;
    sheet.eachRow((row, n) => { if (header === 0 && row.getCell(1).value === 'KPI') header = n; });
    const column = (sheet.getRow(header).values as unknown[]).indexOf(MONTH);
    expect(column).toBeGreaterThan(0);
    let ar: unknown;
    for (let r = header + 1; r <= sheet.rowCount; r++) if (sheet.getCell(r, 1).value === 'ar_total') ar = sheet.getCell(r, column).value;
    const api = (await (await context.request.get('/api/metrics?as_of=2025-06-30&metric=ar_total')).json()) as { metrics: { ar_total: { numerator: number } } };
    expect(api.metrics.ar_total.numerator).toBeGreaterThan(0);
    expect(ar).toBe(api.metrics.ar_total.numerator);

    if (pdf) {
      const [printed] = await Promise.all([page.waitForEvent('download'), page.locator('.report-outcome a[data-format="pdf"]').click()]);
      expect(printed.suggestedFilename()).toBe(`monthly-close-${MONTH}-${bench.practice}.pdf`);
      expect((await readFile((await printed.path())!)).subarray(0, 5).toString()).toBe('%PDF-');
    }

    // the run is listed with its files
    const listed = page.locator('.reports-runs tbody tr', { hasText: formatMonth(MONTH) });
    await listed.first().waitFor();
    expect(await listed.first().locator('td').first().textContent()).toBe(runId);
    expect(await listed.first().locator('a[data-format="csv"]').count()).toBeGreaterThan(5);
    expect(problems).toEqual([]);
  }, 180_000);
});
