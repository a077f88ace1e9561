// The claim explorer in a real browser (Debian's Chromium) on the demo practice: a claim found by typing
// the start of its number, its history (every event with amount, balance change and balance after) and
// the raw ERA view of its remittances equal to the API's, formatted by format.ts; a claim named in the
// address; a number that is no claim of the reader's practices says so.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate, formatMoney } from '../../kernel/format.ts';
import { browserAvailable, launchBrowser } from './support/browser.ts';
import { signedInPage } from './support/signed-in.ts';
import { startWorkbench, type Workbench } from './support/workbench.ts';

interface ClaimEvent { event_date: string | null; source: string; event: string; amount: string | null; balance_delta: string; balance: string; detail: string }
interface Adjustment { group: string; reason: string; amount: string; category: string; is_denial: boolean }
interface EraLine { procedure_code: string | null; modifiers: string[]; charge: string | null; allowed: string | null; paid: string | null; adjustments: Adjustment[]; remarks: string[] }
interface EraRecord { payment_date: string | null; trace_number: string | null; payment_amount: string | null; status_code: string; charge: string | null; paid: string | null; adjustments: Adjustment[]; lines: EraLine[] }

describe.skipIf(!browserAvailable)('the claim explorer in Chromium', () => {
  let bench: Workbench;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    [bench, browser] = await Promise.all([startWorkbench(), launchBrowser()]);
    // the 401 before signing in, and the 404 of the claim that is not there, are expected
    ({ context, page } = await signedInPage(browser, bench.baseUrl, bench.users.manager, '/claims', { problems, expected: /\b(401|404)\b/ }));
    await page.locator('main h1', { hasText: 'Claims' }).waitFor();
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

  /** The history table as the reader sees it: date, source, event, amount, change, balance after. */
  const shownHistory = () => page.locator('.claim-history tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 6).map((td) => td.textContent)));
  const expectedHistory = (events: ClaimEvent[]) => events.map((e) => [e.event_date ?? '', e.source, e.event, e.amount === null ? '' : formatMoney(e.amount), formatMoney(e.balance_delta), formatMoney(e.balance)]);

  it('finds a claim as one types its number, and shows its history and ERA as the API has them', async () => {
    // a claim denied at first and paid later: a long history, reversals or corrections, CAS at both levels
    const denied = await getJson<{ rows: { claim_id: string }[] }>('/api/claims?denied=true&status=settled&sort=claim_id&order=asc&page_size=20');
    let claim = denied.rows[0].claim_id;
    let remittances: EraRecord[] = [];
    for (const row of denied.rows) {
      remittances = (await getJson<{ remittances: EraRecord[] }>(`/api/claims/${row.claim_id}/remittances`)).remittances;
      claim = row.claim_id;
      if (remittances.length > 1) break;
    }
    const prefix = claim.slice(0, -1);
    await page.getByLabel('Claim number').fill(prefix);
    const suggestions = await getJson<{ rows: { claim_id: string }[] }>(`/api/claims?q=${prefix}&sort=claim_id&order=asc&page_size=10`);
    await page.locator('.claim-suggestions li').first().waitFor();
    expect(await page.locator('.claim-suggestions li a').allTextContents()).toEqual(suggestions.rows.map((r) => r.claim_id));

    // the claim's answers are asked for when the pointer goes down on its link, before the click opens it,
    // and the page then uses them: each asked for once
    const asked: string[] = [];
    page.on('request', (r) => asked.push(new URL(r.url()).pathname));
    const box = (await page.locator('.claim-suggestions a', { hasText: claim }).boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const pressed = page.waitForRequest((r) => new URL(r.url()).pathname === `/api/claims/${claim}/remittances`);
    await page.mouse.down();
    await pressed;
    expect(new URL(page.url()).searchParams.get('claim')).toBeNull(); // not opened yet
    await page.mouse.up();
    await page.locator(`.claim-explorer[data-claim="${claim}"]`).waitFor();
    expect(page.url()).toBe(`${bench.baseUrl}/claims?claim=${claim}`);
    expect(asked.filter((p) => p.startsWith(`/api/claims/${claim}`)).sort()).toEqual([`/api/claims/${claim}`, `/api/claims/${claim}/remittances`]);

    const history = await getJson<{ events: ClaimEvent[] }>(`/api/claims/${claim}`);
    expect(await shownHistory()).toEqual(expectedHistory(history.events));
    expect(history.events.map((e) => e.event)).toEqual(expect.arrayContaining(['charged', 'submitted', 'denied']));
    // the summary line comes after the history (from the claim list): its charge and balance as the list has them
    const listed = (await getJson<{ rows: { claim_id: string; payer_id: string; charge: string; balance: string }[] }>(`/api/claims?q=${claim}&sort=claim_id&order=asc&page_size=10`)).rows.find((r) => r.claim_id === claim)!;
    await page.locator('.claim-explorer[data-ready="all"]').waitFor();
    const summary = await page.locator('.claim-summary').textContent();
    for (const part of [`Payer ${listed.payer_id}`, `charge ${formatMoney(listed.charge)}`, `balance ${formatMoney(listed.balance)}`]) expect(summary).toContain(part);

    // one block per 835 record, in payment order: the payment, the CLP, claim- and line-level CAS
    const blocks = page.locator('.remittance');
    expect(await blocks.count()).toBe(remittances.length);
    for (const [i, r] of remittances.entries()) {
      const block = blocks.nth(i);
      expect(await block.locator('h3').textContent()).toContain(`835 of ${formatDate(r.payment_date)}`);
      expect(await block.locator('.era-payment').textContent()).toContain(formatMoney(r.payment_amount));
      const clp = await block.locator('.era-claim tbody td').allTextContents();
      expect([clp[1], clp[2], clp[3]]).toEqual([r.status_code, formatMoney(r.charge), formatMoney(r.paid)]);
      const claimCas = await block.locator('.era-adjustments tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent)));
      expect(claimCas).toEqual(r.adjustments.map((a) => [a.group, a.reason, formatMoney(a.amount)]));
      const lines = await block.locator('.era-lines tbody tr').evaluateAll((trs) => trs.map((tr) => {
        const cell = (name: string) => tr.querySelector(`td[data-column="${name}"]`)?.textContent ?? '';
        return [cell('procedure_code'), cell('modifiers'), cell('charge'), cell('allowed'), cell('paid'), cell('adjustments'), cell('remarks')];
      }));
      expect(lines).toEqual(r.lines.map((l) => [
        l.procedure_code ?? '', l.modifiers.join(' '), formatMoney(l.charge), l.allowed === null ? '' : formatMoney(l.allowed), formatMoney(l.paid),
        l.adjustments.map((a) => `${a.group} ${a.reason} ${formatMoney(a.amount)} ${a.category.replaceAll('_', ' ')}${a.is_denial ? ' (denial)' : ''}`).join('; '),
        l.remarks.join(' '),
      ]));
    }
    expect(remittances.flatMap((r) => [...r.adjustments, ...r.lines.flatMap((l) => l.adjustments)]).some((a) => a.is_denial)).toBe(true);
  });

  it('opens the claim the address names, and by its number typed in full', async () => {
    const claims = await getJson<{ rows: { claim_id: string }[] }>('/api/claims?sort=charge&order=desc&page_size=2');
    const [first, second] = claims.rows.map((r) => r.claim_id);
    await page.goto(`/claims?claim=${first}`);
    await page.locator(`.claim-explorer[data-claim="${first}"]`).waitFor();
    expect(await shownHistory()).toEqual(expectedHistory((await getJson<{ events: ClaimEvent[] }>(`/api/claims/${first}`)).events));

    await page.getByLabel('Claim number').fill(second);
    await page.getByLabel('Claim number').press('Enter');
    await page.locator(`.claim-explorer[data-claim="${second}"]`).waitFor();
    expect(page.url()).toBe(`${bench.baseUrl}/claims?claim=${second}`);
    expect(await shownHistory()).toEqual(expectedHistory((await getJson<{ events: ClaimEvent[] }>(`/api/claims/${second}`)).events));

    // back to the list of the filters, and back again to the claim
    await page.getByRole('link', { name: 'All claims of these filters' }).click();
    await page.locator('.table-block tbody tr').first().waitFor();
    await page.goBack();
    await page.locator(`.claim-explorer[data-claim="${second}"]`).waitFor();
  });

  it('says when a number is no claim of the reader’s practices', async () => {
    expect((await context.request.get('/api/claims/NOSUCHCLAIM1')).status()).toBe(404);
    await page.goto('/claims?claim=NOSUCHCLAIM1');
    await page.locator('.claim-explorer [data-state="empty"]').waitFor();
    expect(await page.locator('.claim-explorer').textContent()).toBe('Claim NOSUCHCLAIM1 is not in your practices, or does not exist (no claim NOSUCHCLAIM1).');

    // typing: no claim starts so, and a character no claim number has
    await page.getByLabel('Claim number').fill('ZZZ');
    await page.locator('.claim-search [role="status"]', { hasText: 'No claim of your practices starts with ZZZ.' }).waitFor();
    await page.getByLabel('Claim number').fill('MFH 1');
    await page.locator('.claim-search [role="status"]', { hasText: 'letters, digits' }).waitFor();
    expect(problems).toEqual([]);
  });
});
