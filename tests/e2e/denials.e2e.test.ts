// The denials page in a real browser (Debian's Chromium) on the demo practice: the heatmap's numbers are
// the API's (by claims and by dollars, formatted by format.ts); a cell drills to the payer's lines by
// CPT, modifier, diagnosis and provider and to the denied claims, whose CSV is the API's for the same
// filters; a claim opens in the claim explorer with its history and 835 lines as the API gives them; the
// planted denial patterns (demo/simulation/denials.ts) are found from the page in a few clicks; the final
// denial rate and the write-offs by category are the API's.
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCount, formatDays, formatMoney, formatPercent } from '../../kernel/format.ts';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { signedInPage } from './support/signed-in.ts';
import { startWorkbench, type Workbench } from './support/workbench.ts';

interface Dollars { value: number | null; numerator: number; denominator: number }
interface Row { key: string | null; value: number | null; numerator: number | null; denominator: number | null; dollars?: Dollars }
interface Metric extends Omit<Row, 'key'> { as_of: string; from: string; to: string; breakdown?: Row[]; definition?: { numerator: string } }
type Answer = { as_of: string; metrics: Record<string, Metric> };

describe.skipIf(!browserAvailable)('the denials page in Chromium', () => {
  let bench: Workbench;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  /** How long each interaction took, printed at the end. */
  const timings: string[] = [];

  beforeAll(async () => {
    [bench, browser] = await Promise.all([startWorkbench(), launchBrowser()]);
    ({ context, page } = await signedInPage(browser, bench.baseUrl, bench.users.manager, '/denials', { problems }));
  }, 240_000);
  afterAll(async () => {
    if (timings.length) process.stdout.write(`denials page timings: ${timings.join('; ')}\n`);
    await browser?.close();
    await bench?.close();
  });

  async function metric(id: string, params: Record<string, string>): Promise<Metric> {
    const response = await context.request.get(`/api/metrics?${new URLSearchParams({ ...params, metric: id })}`);
    expect(response.status()).toBe(200);
    return ((await response.json()) as Answer).metrics[id];
  }

  /** The text of each heatmap cell, by row and column. */
  const cellTexts = () => page.$$eval('figure.heatmap svg text[data-row]', (all) =>
    Object.fromEntries(all.map((t) => [`${(t as SVGElement).dataset.row}|${(t as SVGElement).dataset.column}`, t.textContent ?? ''])));

  /** What the heatmap should say: every category × payer from one request per payer, and the total row. */
  async function expectedCells(measure: 'count' | 'dollars'): Promise<Record<string, string>> {
    const byPayer = await metric('initial_denial_rate', { by: 'payer' });
    const payers = byPayer.breakdown!.filter((r) => (r.denominator ?? 0) > 0).map((r) => r.key!);
    const columns = await Promise.all([undefined, ...payers].map((payer) => metric('initial_denial_rate', { by: 'denial_category', ...(payer ? { payer } : {}) })));
    const show = (r: Omit<Row, 'key'> | undefined) => (measure === 'count' ? formatCount(r?.numerator ?? 0) : formatMoney(r?.dollars?.numerator ?? 0));
    const categories = new Set(columns.flatMap((c) => c.breakdown!.map((r) => r.key!)));
    const out: Record<string, string> = {};
    ['*', ...payers].forEach((payer, i) => {
      out[`All denials|${payer}`] = show(i === 0 ? byPayer : byPayer.breakdown!.find((r) => r.key === payer));
      for (const category of categories) out[`${category}|${payer}`] = show(columns[i].breakdown!.find((r) => r.key === category));
    });
    return out;
  }

  it('shows the heatmap of category × payer with the API’s numbers, by claims and by dollars', async () => {
    await page.locator('.denials-heatmap [data-ready="true"] figure.heatmap').waitFor();
    const rate = await metric('initial_denial_rate', {});
    expect(await page.locator('.denials-rate .value').textContent()).toBe(formatPercent(rate.value));
    expect(await cellTexts()).toEqual(await expectedCells('count'));
    // each payer column by id, named below as the API names it (payer_name)
    const named = (await metric('initial_denial_rate', { by: 'payer,payer_name' })).breakdown!.map((r) => r.key!.replace(' × ', ' '));
    const key = (await page.locator('.denials-heatmap .payer-key').textContent())!;
    expect(named.length).toBeGreaterThan(1);
    for (const payer of named) expect(key, payer).toContain(payer);

    const started = Date.now();
    await page.getByRole('button', { name: 'Dollars', exact: true }).click();
    await page.locator('figure.heatmap[data-measure="dollars"]').waitFor();
    timings.push(`claims → dollars ${Date.now() - started} ms`);
    expect(await cellTexts()).toEqual(await expectedCells('dollars'));
    expect(page.url()).toBe(`${bench.baseUrl}/denials?measure=dollars`);
    await page.getByRole('button', { name: 'Claims', exact: true }).click();
    await page.locator('figure.heatmap[data-measure="count"]').waitFor();

    // each number says how it is computed: the registry's definition
    await page.locator('.denials-heatmap summary', { hasText: 'How is this computed?' }).click();
    expect(await page.locator('.denials-heatmap details.how-computed').textContent()).toContain(rate.definition!.numerator);
  });

  let drill: { from: string; to: string; payer: string; category: string };

  it('drills from a cell to the payer’s lines by CPT, modifier, diagnosis and provider, and to the denied claims', async () => {
    // the planted authorization denials of Northwind's imaging
    const window = await metric('initial_denial_rate', {});
    drill = { from: window.from, to: window.to, payer: 'NWPPO', category: 'authorization' };
    const started = Date.now();
    await page.locator(`rect[data-row="${drill.category}"][data-column="${drill.payer}"]`).click();
    await page.locator('.line-breakdowns[data-ready="true"]').waitFor();
    timings.push(`cell → lines ${Date.now() - started} ms`);
    await page.locator('.drill-claims tbody tr').first().waitFor();
    timings.push(`cell → claims ${Date.now() - started} ms`);
    expect(page.url()).toBe(`${bench.baseUrl}/denials?drill_row=${drill.category}&drill_payer=${drill.payer}`);

    // a provider by the name the API gives (provider_name), its NPI beside it
    const providers = new Map((await metric('initial_denial_rate_line', { by: 'provider,provider_name', payer: drill.payer })).breakdown!.map((r) => r.key!.split(' × ') as [string, string]));
    const label = (by: string, key: string) => (by === 'provider' && providers.get(key) && providers.get(key) !== key ? `${providers.get(key)} (${key})` : key);
    for (const by of ['cpt', 'modifier', 'diagnosis', 'provider']) {
      const answer = await metric('initial_denial_rate_line', { by, payer: drill.payer });
      const rows = answer.breakdown!.filter((r) => r.key !== null).sort((a, b) => (b.numerator ?? 0) - (a.numerator ?? 0) || (b.denominator ?? 0) - (a.denominator ?? 0)).slice(0, 8);
      const table = page.locator(`.line-breakdowns .table-block[data-dimension="${by}"]`);
      const shown = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
      expect(shown, by).toEqual(rows.map((r) => [label(by, r.key!), formatCount(r.numerator), formatCount(r.denominator), formatPercent(r.value), formatMoney(r.dollars?.numerator)]));
    }
    expect([...providers].some(([npi, name]) => npi !== name)).toBe(true);
    // the MRI codes of the planted pattern are among the payer's denied lines
    const cpts = await page.locator('.line-breakdowns [data-dimension="cpt"] tbody td[data-column="key"]').allTextContents();
    expect(cpts).toContain('73721');

    const query = new URLSearchParams({ as_of: '2025-12-31', payer: drill.payer, denied: 'true', denial_category: drill.category, adjudicated_from: drill.from, adjudicated_to: drill.to });
    const claims = (await (await context.request.get(`/api/claims?${query}&sort=first_adjudicated_date&order=desc&page_size=25`)).json()) as { total: number; rows: { claim_id: string; denial_carcs: string[] }[] };
    expect(claims.total).toBeGreaterThan(0);
    expect(await page.locator('.drill-claims tbody tr td:first-child').allTextContents()).toEqual(claims.rows.map((r) => r.claim_id));
    expect(claims.rows.every((r) => r.denial_carcs.includes('197'))).toBe(true);

    // the CSV is the API's for the same filters
    const link = page.locator('.drill-claims').getByRole('link', { name: 'Download CSV' });
    const href = new URL((await link.getAttribute('href'))!, bench.baseUrl);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const csv = await readFile((await download.path())!, 'utf8');
    const api = await (await context.request.get(`/api/claims?${query}&sort=first_adjudicated_date&order=desc&format=csv`)).text();
    expect(Object.fromEntries(href.searchParams)).toEqual({ ...Object.fromEntries(query), sort: 'first_adjudicated_date', order: 'desc', format: 'csv' });
    expect(csv).toBe(api);
    expect(csv.trim().split('\n')).toHaveLength(claims.total + 1);
  });

  it('narrows the claims to a line code, and opens a claim with its history and 835 lines as the API has them', async () => {
    await page.locator('.line-breakdowns [data-narrow="cpt:73721"]').click();
    await page.waitForURL('**/denials?drill_row=authorization&drill_payer=NWPPO&narrow=cpt%3A73721');
    await page.locator('.drill-claims h3', { hasText: 'with a line of cpt 73721' }).waitFor();
    await page.locator('.drill-claims tbody tr').first().waitFor();
    const claimLink = page.locator('.drill-claims tbody tr td:first-child a').first();
    const claim = (await claimLink.textContent())!;

    const started = Date.now();
    await claimLink.click();
    await page.locator(`.claim-explorer[data-claim="${claim}"]`).waitFor();
    timings.push(`claim opened ${Date.now() - started} ms`);
    expect(page.url()).toBe(`${bench.baseUrl}/claims?claim=${claim}`);

    const history = (await (await context.request.get(`/api/claims/${claim}`)).json()) as { events: { event_date: string; event: string; amount: string | null; balance_delta: string; balance: string }[] };
    const rows = await page.locator('.claim-history tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 6).map((td) => td.textContent)));
    expect(rows.map((r) => [r[0], r[2], r[3], r[4], r[5]])).toEqual(history.events.map((e) => [e.event_date, e.event, e.amount === null ? '' : formatMoney(e.amount), formatMoney(e.balance_delta), formatMoney(e.balance)]));
    expect(history.events.map((e) => e.event)).toContain('denied');

    const era = (await (await context.request.get(`/api/claims/${claim}/remittances`)).json()) as { remittances: { lines: { procedure_code: string; charge: string; paid: string; adjustments: { group: string; reason: string }[] }[] }[] };
    const lines = await page.locator('.remittance .era-lines tbody tr').evaluateAll((trs) => trs.map((tr) => {
      const cell = (name: string) => tr.querySelector(`td[data-column="${name}"]`)?.textContent;
      return [cell('procedure_code'), cell('charge'), cell('paid'), cell('adjustments')];
    }));
    const expected = era.remittances.flatMap((r) => r.lines.map((l) => [l.procedure_code, formatMoney(l.charge), formatMoney(l.paid), l.adjustments]));
    expect(lines.map((l) => l.slice(0, 3))).toEqual(expected.map((l) => l.slice(0, 3)));
    expect(lines.some((l) => l[0] === '73721' && l[3]!.includes('CO 197'))).toBe(true);
  });

  it('shows the final denial rate and the denial write-offs net of recoveries by category, as the API answers them', async () => {
    await page.goto('/denials');
    await page.locator('section.denials-final .panel-body[data-ready="true"]').waitFor();
    const [rate, writeOffs] = await Promise.all([metric('final_denial_rate', { by: 'denial_category' }), metric('denial_write_offs', { by: 'denial_category' })]);
    const want = Object.fromEntries([
      ...writeOffs.breakdown!.map((r) => [r.key!, [formatMoney(r.value), formatPercent(rate.breakdown!.find((x) => x.key === r.key)?.value ?? null)]]),
      ['total', [formatMoney(writeOffs.value), formatPercent(rate.value)]],
    ]);
    const shown = await page.$$eval('table.final-denials tr[data-key]', (trs) => Object.fromEntries(trs.map((tr) => [(tr as HTMLElement).dataset.key, [...tr.querySelectorAll('td')].map((td) => td.textContent)])));
    expect(shown).toEqual(want);
    expect(writeOffs.breakdown!.length).toBeGreaterThan(0);
    // the card's "how is this computed" is the registry's definition, sent with the answer
    const card = page.locator('section.denials-final .tile[data-metric="final_denial_rate"]');
    expect(await card.locator('.value').textContent()).toBe(formatPercent(rate.value));
    await card.getByText('How is this computed?').click();
    expect(await card.locator('dl').textContent()).toContain(rate.definition!.numerator);
  });

  it('finds the planted denial patterns in a few clicks', async () => {
    await page.locator('header nav a', { hasText: 'Denials' }).click();
    await page.locator('.denials-patterns [data-ready="true"] tbody tr').first().waitFor();
    const patterns = await page.locator('.denials-patterns tbody tr').evaluateAll((trs) => trs.map((tr) => ({
      combination: tr.querySelector('td[data-column="combination"]')!.textContent!,
      carc: tr.querySelector('td[data-column="top_carc"]')!.textContent!,
    })));
    const found = (payer: RegExp, carc: string) => patterns.find((p) => payer.test(p.combination) && p.carc.startsWith(`${carc} `));
    expect(found(/^payer SUMMT\b.*modifier 25/, '97'), 'Summit bundling modifier 25').toBeDefined(); // E/M with 25 beside an injection
    expect(found(/^payer (MCRB1|EVGMA)\b/, '4'), 'therapy without GP').toBeDefined(); // Medicare / MA therapy lines without GP
    const northwind = found(/^payer NWPPO\b/, '197'); // Northwind's MRIs without authorization
    expect(northwind, 'Northwind imaging authorization').toBeDefined();

    // one click traces the pattern: the heatmap by CARC over its window, drilled to Northwind × 197
    // the row whose pattern is exactly that one (a CARC's split of it names it too)
    const exactly = new RegExp(`^${northwind!.combination.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    const row = page.locator('.denials-patterns tbody tr').filter({ has: page.locator('td[data-column="combination"]', { hasText: exactly }) });
    await row.getByRole('link', { name: 'CARC 197 claims' }).click();
    await page.locator('figure.heatmap[data-rows="carc"] rect[aria-pressed="true"][data-row="197"][data-column="NWPPO"]').waitFor();
    await page.locator('.line-breakdowns[data-ready="true"]').waitFor();
    expect(await page.locator('.line-breakdowns [data-dimension="cpt"] tbody td[data-column="key"]').allTextContents()).toContain('73721');
    await page.locator('.drill-claims tbody tr').first().waitFor();
    const carcs = await page.locator('.drill-claims tbody tr td:last-child').allTextContents();
    expect(carcs.length).toBeGreaterThan(0);
    expect(carcs.every((c) => c.split(' ').includes('197'))).toBe(true);
    expect(problems).toEqual([]);
  });

  interface Quantiles { value: number | null; p90?: number | null }
  const quantiles = (r: Quantiles | undefined) => (r && r.value !== null ? `${formatDays(r.value)} (${formatDays(r.p90 ?? null)})` : '—');

  it('shows what became of the denials by category as the API answers, and each count lists exactly its claims', async () => {
    // the server failing once: the panel says so and asks again on Retry
    let failed = 0;
    await page.route('**/api/metrics?*open_denial_dollars*', (route) => (failed++ === 0
      ? route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'busy', message: 'the warehouse is busy' } }) })
      : route.continue()));
    await page.goto('/denials');
    await page.locator('section.denials-outcomes [data-state="error"]', { hasText: 'the warehouse is busy' }).waitFor();
    await page.locator('section.denials-outcomes').getByRole('button', { name: 'Retry' }).click();
    await page.locator('section.denials-outcomes .panel-body[data-ready="true"] table.denial-outcomes').waitFor();
    await page.unroute('**/api/metrics?*open_denial_dollars*');
    expect(failed).toBe(2);
    // the browser reports the 503 asked for above: that one is not a problem
    const asked = problems.findIndex((p) => p.includes('status of 503'));
    expect(asked).toBeGreaterThanOrEqual(0);
    problems.splice(asked, 1);
    const ids = ['denial_overturn_rate', 'open_denials', 'open_denial_dollars', 'denial_write_offs', 'days_to_resolution', 'days_to_appeal'];
    const answer = (await (await context.request.get(`/api/metrics?${new URLSearchParams({ metric: ids.join(','), by: 'denial_category' })}`)).json()) as { metrics: Record<string, Metric & Quantiles & { breakdown?: (Row & Quantiles)[] }> };
    const m = answer.metrics;
    const cellsOf = (key: string | null) => {
      const of = (id: string) => (key === null ? m[id] : m[id].breakdown!.find((r) => r.key === key));
      const rate = of('denial_overturn_rate');
      const resolved = rate?.denominator ?? 0;
      const overturned = rate?.numerator ?? 0;
      return [formatCount(resolved), formatCount(overturned), formatCount(resolved - overturned), formatPercent(resolved ? rate?.value ?? null : null),
        formatCount(of('open_denials')?.numerator ?? 0), formatMoney(of('open_denial_dollars')?.numerator ?? 0), formatMoney(of('denial_write_offs')?.value ?? 0),
        quantiles(of('days_to_resolution') as Quantiles | undefined), quantiles(of('days_to_appeal') as Quantiles | undefined)];
    };
    const keys = [...new Set(ids.flatMap((id) => m[id].breakdown!.map((r) => r.key!)))];
    const want = Object.fromEntries([...keys.map((k) => [k, cellsOf(k)]), ['*', cellsOf(null)]]);
    const shown = await page.$$eval('table.denial-outcomes tr[data-key]', (trs) => Object.fromEntries(trs.map((tr) => [(tr as HTMLElement).dataset.key, [...tr.querySelectorAll('td')].map((td) => td.textContent)])));
    expect(shown).toEqual(want);
    expect(m.denial_overturn_rate.breakdown!.find((r) => r.key === 'authorization')?.numerator ?? 0).toBeGreaterThan(0);

    // authorization, overturned: exactly the claims the overturn rate counts
    const auth = m.denial_overturn_rate.breakdown!.find((r) => r.key === 'authorization')!;
    await page.locator('table.denial-outcomes a[data-outcome="overturned"][data-row="authorization"]').click();
    await page.waitForURL('**/denials?outcome=overturned&outcome_row=authorization');
    await page.locator('.outcome-claims tbody tr').first().waitFor();
    const query = new URLSearchParams({ as_of: m.denial_overturn_rate.as_of, outcome: 'overturned', denial_category: 'authorization', resolved_from: m.denial_overturn_rate.from, resolved_to: m.denial_overturn_rate.to });
    const claims = (await (await context.request.get(`/api/claims?${query}&sort=first_adjudicated_date&order=desc&page_size=25`)).json()) as { total: number; rows: { claim_id: string; denial_categories: string[] }[] };
    expect(claims.total).toBe(auth.numerator);
    expect(await page.locator('.outcome-claims .table-count').textContent()).toContain(`of ${formatCount(auth.numerator)} claims`);
    expect(await page.locator('.outcome-claims tbody tr td:first-child').allTextContents()).toEqual(claims.rows.map((r) => r.claim_id));
    expect(claims.rows.every((r) => r.denial_categories.includes('authorization'))).toBe(true);

    // every count of the table is its claims' number in the claim list, asked as the page asks it
    const rateOf = m.denial_overturn_rate;
    const totalOf = async (outcome: string, category: string | null) => {
      const q = new URLSearchParams({ as_of: rateOf.as_of, outcome, ...(category ? { denial_category: category } : {}), ...(outcome === 'open' ? {} : { resolved_from: rateOf.from, resolved_to: rateOf.to }), page_size: '1' });
      return ((await (await context.request.get(`/api/claims?${q}`)).json()) as { total: number }).total;
    };
    for (const key of [...keys, null]) {
      const [resolved, overturned, writtenOff, , open] = cellsOf(key).map((text) => Number(text.replaceAll(',', '')));
      expect([await totalOf('overturned', key), await totalOf('written_off', key), await totalOf('open', key)], key ?? 'all').toEqual([overturned, writtenOff, open]);
      expect(overturned + writtenOff, key ?? 'all').toBe(resolved);
    }

    // the open denials of every category at the as-of date, the same way
    const open = m.open_denials.numerator ?? 0;
    await page.locator('table.denial-outcomes tfoot a[data-outcome="open"]').click();
    await page.waitForURL('**/denials?outcome=open');
    await page.locator('.outcome-claims .table-count', { hasText: `of ${formatCount(open)} claims` }).waitFor();
    await page.locator('section.denials-outcomes summary', { hasText: 'How is this computed?' }).click();
    expect(await page.locator('section.denials-outcomes details.outcome-definitions').textContent()).toContain(m.days_to_resolution.definition!.numerator);
  });

  it('lists the front-end rejections by reason, by payer or location, and a reason’s claims', async () => {
    await page.goto('/denials');
    await page.locator('section.denials-rejections .rejection-reasons table').waitFor();
    const rate = await metric('rejection_rate', {});
    const byReason = await metric('rejection_rate', { by: 'rejection_reason' });
    expect(await page.locator('section.denials-rejections .tile[data-metric="rejection_rate"] .value').textContent()).toBe(formatPercent(rate.value));
    const reasons = byReason.breakdown!.filter((r) => r.key !== null).sort((a, b) => (b.numerator ?? 0) - (a.numerator ?? 0) || a.key!.localeCompare(b.key!));
    // each code with our own words for it ('277CA A7:33:IL: information not valid'), the same counts
    const named = new Map((await metric('rejection_rate', { by: 'rejection_reason_name' })).breakdown!.map((r) => [r.key!.slice(0, r.key!.indexOf(': ')), { words: r.key!.slice(r.key!.indexOf(': ') + 2), n: r.numerator }]));
    const shown = await page.locator('.rejection-reason-table tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.querySelector('th')!.textContent, ...[...tr.querySelectorAll('td')].slice(0, 5).map((td) => td.textContent)]));
    expect(shown).toEqual(reasons.map((r) => [r.key, named.get(r.key!)?.words, formatCount(r.numerator), formatPercent((r.numerator ?? 0) / rate.numerator!), formatPercent(r.value), formatMoney(r.dollars?.numerator ?? 0)]));
    expect(reasons.length).toBeGreaterThan(0);
    for (const r of reasons) expect(named.get(r.key!)?.n, r.key!).toBe(r.numerator);

    // by location: each reason's counts under each location add up to its count
    await page.locator('section.denials-rejections').getByRole('button', { name: 'Location', exact: true }).click();
    await page.locator('.rejection-reasons[data-by="location"]').waitFor();
    const sums = await page.locator('.rejection-reason-table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td[data-column^="by:"]')].reduce((n, td) => n + Number(td.textContent!.replaceAll(',', '')), 0)));
    expect(sums).toEqual(reasons.map((r) => r.numerator));

    // the top reason lists the claims with a submission rejected for it in the window
    const top = reasons[0].key!;
    await page.locator(`.rejection-reason-table a[data-reason="${top}"]`).click();
    await page.locator('.rejection-claims tbody tr').first().waitFor();
    const query = new URLSearchParams({ as_of: byReason.as_of, rejection_reason: top, submitted_from: byReason.from, submitted_to: byReason.to });
    const claims = (await (await context.request.get(`/api/claims?${query}&sort=first_submitted_date&order=desc&page_size=25`)).json()) as { total: number; rows: { claim_id: string }[] };
    expect(claims.total).toBeGreaterThan(0);
    expect(claims.total).toBeLessThanOrEqual(reasons[0].numerator!); // a claim rejected twice for it is one claim
    expect(await page.locator('.rejection-claims .table-count').textContent()).toContain(`of ${formatCount(claims.total)} claims`);
    expect(await page.locator('.rejection-claims tbody tr td:first-child').allTextContents()).toEqual(claims.rows.map((r) => r.claim_id));
    expect(new URL(page.url()).searchParams.get('rejection_reason')).toBe(top);
  });

  it('shows each pattern’s owner and fix, marks mixed causes, and keeps its claims link in view at 1,440 px', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    try {
      await page.goto('/denials');
      await page.locator('.denials-patterns [data-ready="true"] tbody tr').first().waitFor();
      const answer = (await (await context.request.get('/api/denials/patterns?as_of=2025-12-31')).json()) as { patterns: { label: string; owner: string | null; fix: string | null; mixed_causes: boolean }[] };
      const rows = await page.locator('.denials-patterns tbody tr').evaluateAll((trs) => trs.map((tr) => ({
        label: tr.querySelector('td[data-column="combination"]')!.textContent!, owner: tr.querySelector('td[data-column="owner"]')!.textContent!,
        fix: tr.querySelector('td[data-column="fix"]')!.textContent!, mixed: (tr as HTMLElement).dataset.mixed === 'true',
      })));
      expect(rows.map((r) => r.label)).toEqual(answer.patterns.map((p) => p.label));
      answer.patterns.forEach((p, i) => {
        expect(rows[i].fix).toBe(p.fix ?? '');
        expect(rows[i].owner.startsWith(p.owner ?? '')).toBe(true);
        expect(rows[i].mixed).toBe(p.mixed_causes);
      });
      // Summit's planted bundling denials come out as a code pair billed with the injection, owned by coding
      const summit = rows.find((r) => /^payer SUMMT\b.* billed with 96372$/.test(r.label));
      expect(summit, 'the planted Summit pair').toBeDefined();
      expect(summit!.owner).toMatch(/^coding\b/);
      expect(summit!.fix.length).toBeGreaterThan(0);
      expect(rows.some((r) => r.mixed)).toBe(true);
      // no sideways scrolling to reach a pattern's claims
      const fits = await page.locator('.denials-patterns .table-block').evaluate((el) => el.scrollWidth <= el.clientWidth);
      expect(fits).toBe(true);
      const box = await page.locator('.denials-patterns tbody tr td[data-column="trace"] a').first().boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(1440);
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
    expect(problems).toEqual([]);
  });
});
