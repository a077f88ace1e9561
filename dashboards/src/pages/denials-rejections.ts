// The Denials page's Rejections section: front-end rejections (999 and 277CA) analysed like denials, though
// they are not denials (never adjudicated). The rejection rate of the submissions sent in the window, count
// and dollars; the claims still rejected at the as-of date (the rejected work queue's) with their balance;
// the days from a rejection to the claim's next submission; and the rejections by reason code, by payer or by
// location (a toggle), each reason a link to the claims it rejected in the window. The reason and the toggle
// live in the URL (rejection_reason, rejections_by, still_rejected).
import { howComputed } from '../charts/definition-details.ts';
import { paragraph } from '../charts/panel.ts';
import { errorWithRetry } from '../charts/retry-state.ts';
import { statCard } from '../charts/stat-card.ts';
import type { Filters } from '../filters.ts';
import { formatCount, formatDate, formatDays, formatMoney, formatPercent } from '../../../kernel/format.ts';
import { fetchMetrics, metricOf, type BreakdownRow, type MetricResult } from '../metrics.ts';
import { errorText, isAbort, stateMessage } from '../page.ts';
import { serverTable } from '../table.ts';
import { claimHref, REJECTION_PARAMS, shownOver } from './denials-shared.ts';

export type RejectionsBy = 'payer' | 'location';

interface RejectionsView {
  by: RejectionsBy;
  reason?: string;
  still: boolean;
}

function viewOf(search: string): RejectionsView {
  const params = new URLSearchParams(search);
  return { by: params.get('rejections_by') === 'location' ? 'location' : 'payer', reason: params.get('rejection_reason') || undefined, still: params.get('still_rejected') === 'true' };
}

function hrefOf(view: RejectionsView): string {
  const params = new URLSearchParams(location.search);
  for (const key of REJECTION_PARAMS) params.delete(key);
  if (view.by === 'location') params.set('rejections_by', 'location');
  if (view.reason) params.set('rejection_reason', view.reason);
  if (view.still) params.set('still_rejected', 'true');
  const query = params.toString();
  return `${location.pathname}${query ? `?${query}` : ''}`;
}

const keysOf = (r: MetricResult) => (r.breakdown ?? []).filter((b) => b.key !== null);

/** A reason row by its code, with our words for it: rejection_reason_name's key is 'code: words' (a code holds colons, never a colon and a space). */
type Reason = BreakdownRow & { key: string; words: string };
function reasonsOf(r: MetricResult): Reason[] {
  return keysOf(r).map((b) => {
    const at = b.key!.indexOf(': ');
    return at < 0 ? { ...b, key: b.key!, words: '' } : { ...b, key: b.key!.slice(0, at), words: b.key!.slice(at + 2) };
  });
}

export async function drawRejections(body: HTMLElement, filters: Filters, signal: AbortSignal, mayList: boolean): Promise<void> {
  let view = viewOf(location.search);
  body.replaceChildren(stateMessage('Loading the rejections…', 'loading'));
  let rate: MetricResult;
  let still: MetricResult;
  let lag: MetricResult;
  let reasons: MetricResult;
  const crossed = new Map<RejectionsBy, Promise<MetricResult>>();
  const crossOf = (by: RejectionsBy) => {
    let answer = crossed.get(by);
    if (!answer) {
      answer = fetchMetrics(['rejection_rate'], filters, { by: `rejection_reason,${by}` }, signal).then((a) => metricOf(a, 'rejection_rate'));
      crossed.set(by, answer);
    }
    return answer;
  };
  try {
    const [headline, byReason] = await Promise.all([
      fetchMetrics(['rejection_rate', 'still_rejected', 'resubmission_lag_days'], filters, {}, signal),
      fetchMetrics(['rejection_rate'], filters, { by: 'rejection_reason_name' }, signal),
      crossOf(view.by),
    ]);
    [rate, still, lag] = [metricOf(headline, 'rejection_rate'), metricOf(headline, 'still_rejected'), metricOf(headline, 'resubmission_lag_days')];
    reasons = metricOf(byReason, 'rejection_rate');
  } catch (e) {
    if (isAbort(e) || signal.aborted) return;
    body.replaceChildren(errorWithRetry(`Could not load the rejections: ${errorText(e)}`, () => void drawRejections(body, filters, signal, mayList)));
    return;
  }
  if (signal.aborted) return;
  const window = { from: rate.from, to: rate.to };
  const ranged = Boolean(filters.from && filters.to);

  const cards = document.createElement('div');
  cards.className = 'tiles stats';
  cards.append(
    statCard(shownOver(rate, window, ranged), { note: rate.value === null ? undefined : `${formatCount(rate.numerator)} of ${formatCount(rate.denominator)} submissions acknowledged; by dollars ${formatPercent(rate.dollars?.value)} (${formatMoney(rate.dollars?.numerator)} of ${formatMoney(rate.dollars?.denominator)})` }),
    statCard(still, { note: still.value === null ? undefined : `their balance ${formatMoney(still.dollars?.numerator)}` }),
    statCard(shownOver(lag, window, ranged), { note: lag.value === null ? undefined : `the median; p90 ${formatDays(lag.p90 ?? null)}, over ${formatCount(lag.n ?? 0)} resubmissions` }),
  );
  if (mayList && (still.numerator ?? 0) > 0) {
    const a = document.createElement('a');
    a.href = hrefOf({ ...view, reason: undefined, still: true });
    a.className = 'still-rejected-link';
    a.textContent = `List the ${formatCount(still.numerator)} claims still rejected`;
    a.addEventListener('click', (event) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      view = { ...view, reason: undefined, still: true };
      history.pushState(null, '', hrefOf(view));
      drawClaims();
    });
    cards.querySelector(`[data-metric="still_rejected"] .window`)?.after(a);
  }

  const table = document.createElement('div');
  table.className = 'rejection-reasons';
  const claims = document.createElement('div');
  claims.className = 'rejection-claims';

  const drawClaims = () => {
    for (const a of body.querySelectorAll<HTMLElement>('a[data-reason]')) a.toggleAttribute('aria-current', a.dataset.reason === view.reason);
    if (!mayList || (!view.reason && !view.still)) {
      claims.replaceChildren();
      return;
    }
    const params: Record<string, string | undefined> = {
      as_of: rate.as_of, practice: filters.practice, payer: filters.payer, provider: filters.provider, location: filters.location,
      ...(view.reason ? { rejection_reason: view.reason, submitted_from: window.from, submitted_to: window.to } : { still_rejected: 'true' }),
    };
    const heading3 = document.createElement('h3');
    heading3.textContent = view.reason
      ? `Claims with a submission rejected for ${view.reason}, sent ${formatDate(window.from)} – ${formatDate(window.to)}`
      : `Claims still rejected at ${formatDate(rate.as_of)}`;
    claims.replaceChildren(heading3, serverTable({
      endpoint: '/api/claims', caption: 'claims', params,
      columns: [
        { name: 'claim_id', label: 'Claim' }, { name: 'payer_id', label: 'Payer' }, { name: 'provider', label: 'Provider' }, { name: 'location', label: 'Location' },
        { name: 'service_date', label: 'Service date' }, { name: 'first_submitted_date', label: 'First submitted' }, { name: 'charge', label: 'Charge' }, { name: 'balance', label: 'Balance' },
      ],
      sortable: ['claim_id', 'service_date', 'first_submitted_date', 'charge', 'balance'],
      sort: 'first_submitted_date', order: 'desc', pageSize: 25,
      link: (name, r) => (name === 'claim_id' ? claimHref(String(r.claim_id), filters) : undefined),
      signal,
    }));
  };

  const drawTable = async (): Promise<void> => {
    const by = view.by;
    table.setAttribute('aria-busy', 'true');
    let cross: MetricResult;
    try {
      cross = await crossOf(by);
    } catch (e) {
      if (isAbort(e) || signal.aborted) return;
      crossed.delete(by);
      table.replaceChildren(errorWithRetry(`Could not load the rejections by ${by}: ${errorText(e)}`, () => void drawTable()));
      return;
    } finally {
      table.removeAttribute('aria-busy');
    }
    if (signal.aborted || by !== view.by) return;
    table.replaceChildren(toolbar(by, (chosen) => {
      view = { ...view, by: chosen };
      history.replaceState(null, '', hrefOf(view));
      void drawTable();
    }), reasonTable(reasonsOf(reasons), cross, rate, by, mayList ? (reason) => ({
      href: hrefOf({ ...view, reason, still: false }),
      open: () => {
        view = { ...view, reason, still: false };
        history.pushState(null, '', hrefOf(view));
        drawClaims();
        claims.scrollIntoView?.({ block: 'nearest' });
      },
    }) : undefined));
    table.dataset.by = by;
    drawClaims();
  };

  const none = (rate.denominator ?? 0) === 0;
  body.replaceChildren(
    paragraph(`Submissions sent ${formatDate(window.from)} – ${formatDate(window.to)}${ranged ? '' : ' (the quarter to the as-of date)'} that a clearinghouse (999) or the payer’s front end (277CA) rejected: a rejection is not a denial, the claim never reached adjudication. A submission rejected for several reasons counts once under each.`),
    cards,
    none ? stateMessage(rate.unavailable_reason ? `No rejection rate: ${rate.unavailable_reason}.` : `No submission sent between ${formatDate(window.from)} and ${formatDate(window.to)} was acknowledged, for these filters.`, 'empty') : table,
    claims,
    howComputed(shownOver(reasons, window, ranged), { note: 'The reasons are rejection_rate by rejection_reason_name (each code with our own words for it); by payer or location, rejection_reason crossed with it (one request each).' }),
  );
  if (!none) await drawTable();
  else drawClaims();
  body.dataset.ready = 'true';
}

function toolbar(by: RejectionsBy, choose: (by: RejectionsBy) => void): HTMLElement {
  const group = document.createElement('div');
  group.className = 'toggle';
  group.setAttribute('role', 'group');
  group.setAttribute('aria-label', 'Reasons by');
  const name = document.createElement('span');
  name.className = 'hint';
  name.textContent = 'By:';
  group.append(name);
  for (const [value, text] of [['payer', 'Payer'], ['location', 'Location']] as const) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    b.setAttribute('aria-pressed', String(value === by));
    b.addEventListener('click', () => value !== by && choose(value));
    group.append(b);
  }
  return group;
}

/** Reasons as rows (most rejections first), their count, share of the rejections and rate; then the count under each payer or location. */
function reasonTable(rows: Reason[], cross: MetricResult, rate: MetricResult, by: RejectionsBy, link?: (reason: string) => { href: string; open: () => void }): HTMLElement {
  const cells = new Map<string, number>();
  const columns = new Map<string, number>();
  for (const r of keysOf(cross)) {
    const at = r.key!.indexOf(' × ');
    const reason = r.key!.slice(0, at);
    const column = r.key!.slice(at + 3);
    cells.set(`${reason}|${column}`, r.numerator ?? 0);
    columns.set(column, (columns.get(column) ?? 0) + (r.numerator ?? 0));
  }
  const heads = [...columns.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k]) => k);
  const sorted = [...rows].sort((a, b) => (b.numerator ?? 0) - (a.numerator ?? 0) || a.key!.localeCompare(b.key!));
  const rejected = rate.numerator ?? 0;
  const t = document.createElement('table');
  t.className = 'rejection-reason-table';
  const head = t.createTHead().insertRow();
  const th = (text: string, numeric: boolean, title?: string) => {
    const cell = document.createElement('th');
    cell.scope = 'col';
    cell.textContent = text;
    if (title) cell.title = title;
    if (numeric) cell.className = 'num';
    head.append(cell);
  };
  th('Reason', false);
  th('What it means', false);
  th('Rejected submissions', true);
  th('Share of rejections', true, 'of the rejected submissions; a submission rejected for two reasons counts under both');
  th(`${rate.short_label} for it`, true, 'of the submissions acknowledged in the window');
  th('Rejected charges', true);
  for (const h of heads) th(h, true, by === 'payer' ? `payer ${h}` : `location ${h}`);
  const tbody = t.createTBody();
  for (const r of sorted) {
    const tr = tbody.insertRow();
    tr.dataset.reason = r.key!;
    const name = document.createElement('th');
    name.scope = 'row';
    if (link) {
      const { href, open } = link(r.key!);
      const a = document.createElement('a');
      a.href = href;
      a.dataset.reason = r.key!;
      a.textContent = r.key!;
      a.title = `List the claims with a submission rejected for ${r.key} in the window`;
      a.addEventListener('click', (event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        open();
      });
      name.append(a);
    } else {
      name.textContent = r.key!;
    }
    const words = document.createElement('td');
    words.dataset.column = 'words';
    words.textContent = r.words;
    tr.append(name, words);
    const values: [string, string][] = [
      ['rejected', formatCount(r.numerator)],
      ['share', formatPercent(rejected ? (r.numerator ?? 0) / rejected : null)],
      ['rate', formatPercent(r.value)],
      ['charges', formatMoney(r.dollars?.numerator ?? 0)],
      ...heads.map((h) => [`by:${h}`, formatCount(cells.get(`${r.key}|${h}`) ?? 0)] as [string, string]),
    ];
    for (const [column, text] of values) {
      const td = tr.insertCell();
      td.className = 'num';
      td.dataset.column = column;
      td.textContent = text;
    }
  }
  const block = document.createElement('div');
  block.className = 'table-block';
  block.append(sorted.length ? t : stateMessage('No submission sent in the window was rejected, for these filters.', 'empty'));
  return block;
}
