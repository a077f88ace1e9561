// The Denials page's outcomes table: what became of the denials, by denial category. Of the denied claims
// resolved in the window, those overturned (the denied lines later paid) and those written off (resolved, not
// overturned), with the overturn rate; the denials still open at the as-of date with their balance; the
// denial write-offs (net of recoveries); the days from the denial to its resolution and to the appeal. One
// request; every count is a link to exactly its claims (GET /api/claims with outcome=…), listed under the
// table and kept in the URL (outcome, outcome_row) so that a view can be shared.
import { howComputed } from '../charts/definition-details.ts';
import { paragraph } from '../charts/panel.ts';
import { errorWithRetry } from '../charts/retry-state.ts';
import type { Filters } from '../filters.ts';
import { formatCount, formatDate, formatDays, formatMoney, formatPercent } from '../../../kernel/format.ts';
import { fetchMetrics, metricOf, type BreakdownRow, type MetricResult } from '../metrics.ts';
import { errorText, isAbort, stateMessage } from '../page.ts';
import { serverTable } from '../table.ts';
import { claimHref, shownOver } from './denials-shared.ts';

export const OUTCOMES = ['overturned', 'written_off', 'open'] as const;
export type Outcome = (typeof OUTCOMES)[number];
/** The table's total row: every denied claim once. */
export const ALL_CATEGORIES = '*';
const OUTCOME_WORDS: Record<Outcome, string> = { overturned: 'overturned', written_off: 'written off (resolved, not overturned)', open: 'open' };

export interface OutcomeDrill {
  outcome: Outcome;
  /** A denial category, or ALL_CATEGORIES. */
  row: string;
}

/** The drill the URL names (outcome, outcome_row), if any. */
export function outcomeDrillOf(search: string): OutcomeDrill | undefined {
  const params = new URLSearchParams(search);
  const outcome = params.get('outcome') as Outcome | null;
  if (!outcome || !OUTCOMES.includes(outcome)) return undefined;
  return { outcome, row: params.get('outcome_row') || ALL_CATEGORIES };
}

const IDS = ['denial_overturn_rate', 'open_denials', 'open_denial_dollars', 'denial_write_offs', 'days_to_resolution', 'days_to_appeal'] as const;
type Id = (typeof IDS)[number];

const categoryName = (key: string) => (key === ALL_CATEGORIES ? 'All categories' : key.replaceAll('_', ' '));

export interface OutcomesOptions {
  /** The reader may list claims (the counts are links then). */
  mayList: boolean;
  drill?: OutcomeDrill;
}

export async function drawOutcomes(body: HTMLElement, filters: Filters, signal: AbortSignal, options: OutcomesOptions): Promise<void> {
  body.replaceChildren(stateMessage('Loading the denial outcomes…', 'loading'));
  let answer: Record<Id, MetricResult>;
  try {
    const a = await fetchMetrics(IDS, filters, { by: 'denial_category' }, signal);
    answer = Object.fromEntries(IDS.map((id) => [id, metricOf(a, id)])) as Record<Id, MetricResult>;
  } catch (e) {
    if (isAbort(e) || signal.aborted) return;
    body.replaceChildren(errorWithRetry(`Could not load the denial outcomes: ${errorText(e)}`, () => void drawOutcomes(body, filters, signal, options)));
    return;
  }
  if (signal.aborted) return;
  const rate = answer.denial_overturn_rate;
  const window = { from: rate.from, to: rate.to };
  const ranged = Boolean(filters.from && filters.to);
  const rowsOf = (id: Id) => new Map((answer[id].breakdown ?? []).filter((r) => r.key !== null).map((r) => [r.key!, r]));
  const by = Object.fromEntries(IDS.map((id) => [id, rowsOf(id)])) as Record<Id, Map<string, BreakdownRow>>;
  const categories = [...new Set(IDS.flatMap((id) => [...by[id].keys()]))]
    .sort((a, b) => (by.denial_overturn_rate.get(b)?.denominator ?? 0) + (by.open_denials.get(b)?.numerator ?? 0) - (by.denial_overturn_rate.get(a)?.denominator ?? 0) - (by.open_denials.get(a)?.numerator ?? 0) || a.localeCompare(b));

  const claims = document.createElement('div');
  claims.className = 'outcome-claims';
  const drawClaims = (drill: OutcomeDrill | undefined) => {
    for (const a of body.querySelectorAll<HTMLElement>('a[data-outcome]')) a.removeAttribute('aria-current');
    if (!drill) {
      claims.replaceChildren();
      return;
    }
    body.querySelector(`a[data-outcome="${drill.outcome}"][data-row="${CSS.escape(drill.row)}"]`)?.setAttribute('aria-current', 'true');
    const params: Record<string, string | undefined> = {
      as_of: rate.as_of, practice: filters.practice, payer: filters.payer, provider: filters.provider, location: filters.location,
      outcome: drill.outcome, denial_category: drill.row === ALL_CATEGORIES ? undefined : drill.row,
      ...(drill.outcome === 'open' ? {} : { resolved_from: window.from, resolved_to: window.to }),
    };
    const heading3 = document.createElement('h3');
    const when = drill.outcome === 'open' ? `at ${formatDate(rate.as_of)}` : `resolved ${formatDate(window.from)} – ${formatDate(window.to)}`;
    heading3.textContent = `Denials ${OUTCOME_WORDS[drill.outcome]}, ${categoryName(drill.row).toLowerCase()}, ${when}`;
    claims.replaceChildren(heading3, serverTable({
      endpoint: '/api/claims', caption: 'claims', params,
      columns: [
        { name: 'claim_id', label: 'Claim' }, { name: 'payer_id', label: 'Payer' }, { name: 'provider', label: 'Provider' },
        { name: 'service_date', label: 'Service date' }, { name: 'first_adjudicated_date', label: 'First adjudicated' }, { name: 'resolved_date', label: 'Resolved' },
        { name: 'charge', label: 'Charge' }, { name: 'balance', label: 'Balance' }, { name: 'denial_categories', label: 'Denial categories' }, { name: 'denial_carcs', label: 'CARCs' },
      ],
      sortable: ['claim_id', 'service_date', 'first_adjudicated_date', 'charge', 'balance'],
      sort: 'first_adjudicated_date', order: 'desc', pageSize: 25,
      link: (name, r) => (name === 'claim_id' ? claimHref(String(r.claim_id), filters) : undefined),
      signal,
    }));
  };
  const choose = (drill: OutcomeDrill) => {
    const params = new URLSearchParams(location.search);
    params.set('outcome', drill.outcome);
    if (drill.row === ALL_CATEGORIES) params.delete('outcome_row');
    else params.set('outcome_row', drill.row);
    history.pushState(null, '', `${location.pathname}?${params}`);
    drawClaims(drill);
    claims.scrollIntoView?.({ block: 'nearest' });
  };
  const countCell = (outcome: Outcome, row: string, count: number | null | undefined): Node => {
    const text = formatCount(count ?? 0);
    if (!options.mayList || !count) return document.createTextNode(text);
    const a = document.createElement('a');
    const params = new URLSearchParams(location.search);
    params.set('outcome', outcome);
    if (row === ALL_CATEGORIES) params.delete('outcome_row');
    else params.set('outcome_row', row);
    a.href = `${location.pathname}?${params}`;
    a.dataset.outcome = outcome;
    a.dataset.row = row;
    a.textContent = text;
    a.title = `List the ${text} claims ${OUTCOME_WORDS[outcome]}${row === ALL_CATEGORIES ? '' : ` for ${categoryName(row)}`}`;
    a.addEventListener('click', (event) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      choose({ outcome, row });
    });
    return a;
  };

  const table = document.createElement('table');
  table.className = 'denial-outcomes';
  const head = table.createTHead().insertRow();
  const columns: [string, string, boolean][] = [
    ['Denial category', '', false],
    ['Resolved', 'in the window', true],
    ['Overturned', 'denied lines later paid', true],
    ['Written off', 'resolved, not overturned', true],
    [rate.short_label, 'of those resolved', true],
    [answer.open_denials.short_label, `at ${formatDate(rate.as_of)}`, true],
    [answer.open_denial_dollars.short_label, 'balance', true],
    [answer.denial_write_offs.short_label, 'net of recoveries', true],
    [answer.days_to_resolution.short_label, 'median (p90)', true],
    [answer.days_to_appeal.short_label, 'median (p90)', true],
  ];
  for (const [text, sub, numeric] of columns) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = text;
    if (sub) {
      const small = document.createElement('span');
      small.className = 'sub';
      small.textContent = sub;
      th.append(small);
    }
    if (numeric) th.className = 'num';
    head.append(th);
  }
  type Counts = Pick<BreakdownRow, 'value' | 'numerator' | 'denominator' | 'p90' | 'dollars'> | undefined;
  const quantiles = (r: Counts) => (r && r.value !== null ? `${formatDays(r.value)} (${formatDays(r.p90 ?? null)})` : '—');
  const line = (section: HTMLTableSectionElement, key: string, c: Record<Id, Counts>) => {
    const tr = section.insertRow();
    tr.dataset.key = key;
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = categoryName(key);
    tr.append(th);
    const resolved = c.denial_overturn_rate?.denominator ?? 0;
    const overturned = c.denial_overturn_rate?.numerator ?? 0;
    const cells: [string, Node | string][] = [
      ['resolved', formatCount(resolved)],
      ['overturned', countCell('overturned', key, overturned)],
      ['written_off', countCell('written_off', key, resolved - overturned)],
      ['overturn_rate', formatPercent(resolved ? c.denial_overturn_rate?.value ?? null : null)],
      ['open', countCell('open', key, c.open_denials?.numerator)],
      ['open_dollars', formatMoney(c.open_denial_dollars?.numerator ?? 0)],
      ['write_offs', formatMoney(c.denial_write_offs?.value ?? 0)],
      ['days_to_resolution', quantiles(c.days_to_resolution)],
      ['days_to_appeal', quantiles(c.days_to_appeal)],
    ];
    for (const [name, content] of cells) {
      const td = tr.insertCell();
      td.className = 'num';
      td.dataset.column = name;
      td.append(content);
    }
  };
  const tbody = table.createTBody();
  for (const key of categories) line(tbody, key, Object.fromEntries(IDS.map((id) => [id, by[id].get(key)])) as Record<Id, Counts>);
  line(table.createTFoot(), ALL_CATEGORIES, answer);
  const block = document.createElement('div');
  block.className = 'table-block';
  block.append(table);

  const empty = categories.length === 0 && !rate.denominator && !answer.open_denials.numerator;
  body.replaceChildren(
    paragraph(`Of the denied claims resolved ${formatDate(window.from)} – ${formatDate(window.to)}${ranged ? '' : ' (the quarter to the as-of date)'} (their balance reached zero): those whose denied lines were later paid (overturned) and the others (written off), by the categories of the first denial (a claim denied for two counts in both; the last row counts it once); the denials still open at ${formatDate(rate.as_of)} and their balance; the denial write-offs posted in the window, net of later recoveries; the days from the first denial to the resolution and to the first appeal. Duplicate denials (CARC 18) are left out.${options.mayList ? ' Choose a count to list its claims.' : ''}`),
    empty ? stateMessage(`No denied claim was resolved between ${formatDate(window.from)} and ${formatDate(window.to)}, and none is open at ${formatDate(rate.as_of)}, for these filters.`, 'empty') : block,
    claims,
    outcomeDefinitions(IDS.map((id) => answer[id]), window, ranged),
  );
  drawClaims(options.drill);
  body.dataset.ready = 'true';
}

/** One disclosure with each column's definition, as the registry gives it. */
function outcomeDefinitions(results: MetricResult[], window: { from: string; to: string }, ranged: boolean): HTMLElement {
  const details = document.createElement('details');
  details.className = 'how-computed outcome-definitions';
  const summary = document.createElement('summary');
  summary.textContent = 'How is this computed?';
  details.append(summary, paragraph('Resolved, overturned and written off are the overturn rate’s denominator, numerator and their difference; open is the unresolved denials at the as-of date.'));
  for (const r of results) {
    const inner = howComputed(r.definition.window === 'snapshot' ? r : shownOver(r, window, ranged), { summary: r.label });
    inner.open = true;
    details.append(inner);
  }
  return details;
}
