// Contracts: what payers allowed against their fee schedules (metrics.md, "Expected payment"). The underpaid
// dollars, lines, underpayment rate and schedule coverage for the URL's filters; the same by payer × procedure
// code (the registry crossed by payer,cpt) and by payer with its name, the overpaid lines apart, each count a link to exactly its lines
// (GET /api/contracts/variance, listed under the table and kept in the URL: variance_payer, variance_cpt,
// variance_status), each line's claim a link to the claim explorer; and what each payer allows and pays per
// unit of each code (GET /api/contracts/reimbursement), a schedule or not.
import { howComputed, windowText } from '../charts/definition-details.ts';
import { paragraph } from '../charts/panel.ts';
import { errorWithRetry } from '../charts/retry-state.ts';
import { rowsTable, type RowsColumn } from '../charts/rows-table.ts';
import { statCard } from '../charts/stat-card.ts';
import { getJson } from '../api.ts';
import { searchWith, type Filters } from '../filters.ts';
import { formatCount, formatDate, formatMoney, formatPercent } from '../../../kernel/format.ts';
import type { ReimbursementTable, VarianceList } from '../../../kernel/api/contracts.ts';
import type { VarianceStatus } from '../../../kernel/expected-payment.ts';
import { fetchMetrics, metricOf, type BreakdownRow, type MetricResult } from '../metrics.ts';
import { errorText, heading, isAbort, stateMessage, type PageContext } from '../page.ts';
import { serverTable } from '../table.ts';
import { BY_PAYER_NAMED, namedRows, type NamedRow } from '../names.ts';

const IDS = ['underpaid_dollars', 'underpaid_lines', 'underpayment_rate', 'schedule_coverage'] as const;
type Id = (typeof IDS)[number];
/** The registry joins a crossed breakdown's keys with this. */
const CROSS = ' × ';
/** The variance list's JSON pages stop here; more overpaid lines than this are counted in all only. */
const OVERPAID_PAGE = 500;
/** The URL parameters of the lines' drill. */
export const VARIANCE_PARAMS = ['variance_payer', 'variance_cpt', 'variance_status'] as const;

export interface VarianceDrill {
  payer: string;
  cpt: string;
  /** One status, or every line of the payer and code. */
  status?: VarianceStatus;
}

const DRILL_STATUSES: readonly VarianceStatus[] = ['underpaid', 'overpaid'];

/** The drill the URL names, if any. */
export function varianceDrillOf(search: string): VarianceDrill | undefined {
  const params = new URLSearchParams(search);
  const payer = params.get('variance_payer');
  const cpt = params.get('variance_cpt');
  if (!payer || !cpt) return undefined;
  const status = params.get('variance_status') as VarianceStatus | null;
  return { payer, cpt, status: status && DRILL_STATUSES.includes(status) ? status : undefined };
}

const claimHref = (claim: string, filters: Filters) => `/claims${searchWith(filters, new URLSearchParams({ claim }))}`;

type Row = { key: string; payer: string; cpt: string; rate?: BreakdownRow; lines?: BreakdownRow; coverage?: BreakdownRow; overpaid: number | null };

export async function render(container: HTMLElement, context: PageContext): Promise<void> {
  const subtitle = paragraph('', 'hint as-of');
  const cards = document.createElement('div');
  cards.className = 'tiles stats contract-tiles';
  const variance = document.createElement('section');
  variance.className = 'panel contract-variance';
  const reimbursement = document.createElement('section');
  reimbursement.className = 'panel contract-reimbursement';
  const definitions = document.createElement('section');
  definitions.className = 'panel definitions';
  container.replaceChildren(heading('Contracts'), subtitle, cards, variance, reimbursement, definitions);
  await drawPage({ subtitle, cards, variance, reimbursement, definitions }, context);
}

interface Parts {
  subtitle: HTMLElement;
  cards: HTMLElement;
  variance: HTMLElement;
  reimbursement: HTMLElement;
  definitions: HTMLElement;
}

async function drawPage(parts: Parts, context: PageContext): Promise<void> {
  const { filters, signal, session } = context;
  const may = session.user.views.includes('claims');
  parts.cards.replaceChildren();
  parts.variance.replaceChildren(stateMessage('Loading the variance by payer and code…', 'loading'));
  parts.reimbursement.replaceChildren();
  let answer: Record<Id, MetricResult>;
  let byPayer: Record<Id, MetricResult>;
  try {
    const [a, p] = await Promise.all([fetchMetrics(IDS, filters, { by: 'payer,cpt' }, signal), fetchMetrics(IDS, filters, { by: BY_PAYER_NAMED }, signal)]);
    answer = Object.fromEntries(IDS.map((id) => [id, metricOf(a, id)])) as Record<Id, MetricResult>;
    byPayer = Object.fromEntries(IDS.map((id) => [id, metricOf(p, id)])) as Record<Id, MetricResult>;
  } catch (e) {
    if (isAbort(e) || signal.aborted) return;
    parts.variance.replaceChildren(errorWithRetry(`Could not load the variance: ${errorText(e)}`, () => void drawPage(parts, context)));
    return;
  }
  if (signal.aborted) return;
  const rate = answer.underpayment_rate;
  const coverage = answer.schedule_coverage;
  // the lines and the reimbursement table cover the metrics' own window, not the API's default
  const window = { as_of: rate.as_of, from: rate.from, to: rate.to, payer: filters.payer, practice: filters.practice };
  parts.subtitle.dataset.asOf = rate.as_of;
  parts.subtitle.textContent = `As of ${formatDate(rate.as_of)}: the paid service lines of primary 835 records adjudicated ${windowText(rate)}, against their payers’ fee schedules.${filters.provider || filters.location ? ' The lines listed and the reimbursement table are not narrowed by provider or location.' : ''}`;
  parts.cards.replaceChildren(...IDS.map((id) => statCard(answer[id], { label: answer[id].short_label })));

  let overpaid: Map<string, number> | null = null;
  let overpaidTotal: number | null = null;
  if (may) {
    try {
      const list = await getJson<VarianceList>('/api/contracts/variance', { ...window, status: 'overpaid', page_size: String(OVERPAID_PAGE) }, signal);
      overpaidTotal = list.total;
      if (list.total <= list.rows.length) {
        overpaid = new Map();
        for (const r of list.rows) overpaid.set(`${r.payer_id}${CROSS}${r.procedure_code}`, (overpaid.get(`${r.payer_id}${CROSS}${r.procedure_code}`) ?? 0) + 1);
      }
    } catch (e) {
      if (isAbort(e) || signal.aborted) return;
    }
  }
  const names = new Map([...namedRows(byPayer.schedule_coverage).values()].map((r) => [r.id, r.name]));
  drawVariance(parts.variance, context, answer, window, overpaid, overpaidTotal, names);
  parts.variance.insertBefore(payerTable(byPayer, filters), parts.variance.querySelector('.contract-variance-table'));
  drawDefinitions(parts.definitions, answer);
  await drawReimbursement(parts.reimbursement, window, signal);
  parts.subtitle.dataset.ready = 'all';
}

function drawVariance(body: HTMLElement, { filters, signal, session }: PageContext, answer: Record<Id, MetricResult>, window: Record<string, string | undefined>,
  overpaid: Map<string, number> | null, overpaidTotal: number | null, names: Map<string, string>): void {
  const may = session.user.views.includes('claims');
  const byKey = (m: MetricResult) => new Map((m.breakdown ?? []).filter((r) => r.key !== null).map((r) => [r.key!, r]));
  const [rates, lines, coverages] = [byKey(answer.underpayment_rate), byKey(answer.underpaid_lines), byKey(answer.schedule_coverage)];
  const rows: Row[] = [...new Set([...coverages.keys(), ...rates.keys()])].map((key) => {
    const [payer, cpt = ''] = key.split(CROSS);
    return { key, payer, cpt, rate: rates.get(key), lines: lines.get(key), coverage: coverages.get(key), overpaid: overpaid ? overpaid.get(key) ?? 0 : null };
  }).sort((a, b) => (b.rate?.numerator ?? 0) - (a.rate?.numerator ?? 0) || (b.coverage?.denominator ?? 0) - (a.coverage?.denominator ?? 0) || a.key.localeCompare(b.key));

  const lineList = document.createElement('div');
  lineList.className = 'variance-lines';
  const drawLines = (drill: VarianceDrill | undefined) => {
    for (const a of body.querySelectorAll<HTMLElement>('a[data-drill]')) a.removeAttribute('aria-current');
    if (!drill) {
      lineList.replaceChildren();
      return;
    }
    body.querySelector(`a[data-drill="${drill.status ?? 'all'}"][data-key="${CSS.escape(`${drill.payer}${CROSS}${drill.cpt}`)}"]`)?.setAttribute('aria-current', 'true');
    const h3 = document.createElement('h3');
    h3.textContent = `${drill.status ? `${drill.status === 'underpaid' ? 'Underpaid' : 'Overpaid'} lines` : 'Lines'} of ${drill.payer}, ${drill.cpt}, adjudicated ${formatDate(window.from!)} – ${formatDate(window.to!)}`;
    lineList.replaceChildren(h3, serverTable({
      endpoint: '/api/contracts/variance', caption: 'lines',
      params: { ...window, payer: drill.payer, cpt: drill.cpt, status: drill.status },
      columns: [
        { name: 'claim_id', label: 'Claim' }, { name: 'service_date', label: 'Service date' }, { name: 'adjudication_date', label: 'Adjudicated' },
        { name: 'procedure_code', label: 'Code' }, { name: 'modifier', label: 'Modifier' }, { name: 'units', label: 'Units' },
        { name: 'expected_allowed', label: 'Expected allowed' }, { name: 'actual_allowed', label: 'Actual allowed' }, { name: 'variance', label: 'Variance' },
        { name: 'tolerance', label: 'Tolerance' }, { name: 'status', label: 'Status' },
      ],
      pageSize: 25,
      link: (name, r) => (name === 'claim_id' ? claimHref(String(r.claim_id), filters) : undefined),
      signal,
    }));
  };
  const choose = (drill: VarianceDrill) => {
    const params = new URLSearchParams(location.search);
    params.set('variance_payer', drill.payer);
    params.set('variance_cpt', drill.cpt);
    if (drill.status) params.set('variance_status', drill.status);
    else params.delete('variance_status');
    history.pushState(null, '', `${location.pathname}?${params}`);
    drawLines(drill);
    lineList.scrollIntoView?.({ block: 'nearest' });
  };
  const drillLink = (row: Row, status: VarianceStatus | undefined, count: number | null | undefined): Node => {
    const text = count === null || count === undefined ? '—' : formatCount(count);
    if (!may || !count) return document.createTextNode(text);
    const a = document.createElement('a');
    const params = new URLSearchParams(location.search);
    params.set('variance_payer', row.payer);
    params.set('variance_cpt', row.cpt);
    if (status) params.set('variance_status', status);
    else params.delete('variance_status');
    a.href = `${location.pathname}?${params}`;
    a.dataset.drill = status ?? 'all';
    a.dataset.key = row.key;
    a.textContent = text;
    a.title = `List the ${text} ${status ?? 'priced'} lines of ${row.payer}, ${row.cpt}`;
    a.addEventListener('click', (event) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      choose({ payer: row.payer, cpt: row.cpt, status });
    });
    return a;
  };

  const columns: RowsColumn<Row>[] = [
    { name: 'payer', label: 'Payer', title: (r) => names.get(r.payer) },
    { name: 'cpt', label: 'Code' },
    { name: 'paid_lines', label: 'Paid lines', type: 'int', value: (r) => r.coverage?.denominator ?? 0 },
    { name: 'expected_lines', label: 'Lines priced', type: 'int', render: (r) => drillLink(r, undefined, r.coverage?.numerator ?? 0) },
    { name: 'schedule_coverage', label: answer.schedule_coverage.short_label, type: 'ratio', value: (r) => (r.coverage?.denominator ? r.coverage.value : null) },
    { name: 'expected_allowed', label: 'Expected allowed', type: 'money', value: (r) => r.rate?.denominator ?? 0 },
    { name: 'underpaid_lines', label: answer.underpaid_lines.short_label, type: 'int', render: (r) => drillLink(r, 'underpaid', r.lines?.value ?? 0) },
    { name: 'underpaid_dollars', label: answer.underpaid_dollars.short_label, type: 'money', value: (r) => r.rate?.numerator ?? 0 },
    { name: 'underpayment_rate', label: answer.underpayment_rate.short_label, type: 'ratio', value: (r) => (r.rate?.denominator ? r.rate.value : null) },
    { name: 'overpaid_lines', label: 'Overpaid lines', type: 'int', render: (r) => drillLink(r, 'overpaid', r.overpaid) },
  ];
  const table = rowsTable(rows, {
    caption: 'payer × code rows', singular: 'payer × code row', columns, pageSize: 25,
    empty: `No paid line was adjudicated ${formatDate(window.from!)} – ${formatDate(window.to!)} for these filters.`,
    note: `In all: ${formatMoney(answer.underpayment_rate.numerator ?? 0)} underpaid on ${formatCount(answer.underpaid_lines.value ?? 0)} lines, ${formatPercent(answer.underpayment_rate.value)} of ${formatMoney(answer.underpayment_rate.denominator ?? 0)} expected; ${formatCount(answer.schedule_coverage.numerator ?? 0)} of ${formatCount(answer.schedule_coverage.denominator ?? 0)} paid lines priced${overpaidTotal === null ? '' : `; ${formatCount(overpaidTotal)} overpaid`}.${overpaid === null && overpaidTotal !== null ? ' Too many overpaid lines to count by row: choose a row’s priced lines to see them.' : ''}`,
  });
  table.classList.add('contract-variance-table');
  const h2 = document.createElement('h2');
  h2.textContent = 'Variance by payer and code';
  body.replaceChildren(
    h2,
    paragraph(`Expected allowed is the fee schedule × units; a line is underpaid when the payer allowed less than that by more than the tolerance (the larger of $0.50 and 1 % of expected), overpaid when more, and the overpaid lines are kept apart, never netted. Denied lines are denials, and lines no schedule prices have no expectation.${may ? ' Choose a count to list its lines; a claim number opens the claim.' : ''}`),
    table, lineList,
  );
  drawLines(varianceDrillOf(location.search));
  body.dataset.ready = 'true';
}

async function drawReimbursement(body: HTMLElement, window: Record<string, string | undefined>, signal: AbortSignal): Promise<void> {
  const h2 = document.createElement('h2');
  h2.textContent = 'What each payer allows and pays per unit';
  body.replaceChildren(h2, stateMessage('Loading the reimbursement table…', 'loading'));
  let answer: ReimbursementTable;
  try {
    answer = await getJson<ReimbursementTable>('/api/contracts/reimbursement', window, signal);
  } catch (e) {
    if (isAbort(e) || signal.aborted) return;
    body.replaceChildren(h2, errorWithRetry(`Could not load the reimbursement table: ${errorText(e)}`, () => void drawReimbursement(body, window, signal)));
    return;
  }
  if (signal.aborted) return;
  type R = ReimbursementTable['rows'][number];
  const spread = (low: keyof R, high: keyof R) => (r: R) => `${formatMoney(r[low] as string)} – ${formatMoney(r[high] as string)}`;
  body.replaceChildren(
    h2,
    paragraph(`Per procedure code and payer, over the paid (not denied) lines adjudicated ${formatDate(answer.from)} – ${formatDate(answer.to)}, a fee schedule or not: the median allowed and paid per unit, and their spread from the 10th to the 90th percentile.`),
    rowsTable(answer.rows, {
      caption: 'codes × payers', singular: 'code × payer', pageSize: 25,
      csv: `/api/contracts/reimbursement${searchWith({}, new URLSearchParams(Object.entries({ ...window, format: 'csv' }).filter((e): e is [string, string] => e[1] !== undefined)))}`,
      columns: [
        { name: 'procedure_code', label: 'Code' }, { name: 'payer_id', label: 'Payer' },
        { name: 'lines', label: 'Lines', type: 'int' }, { name: 'units', label: 'Units', className: 'num' },
        { name: 'allowed_median', label: 'Allowed per unit, median', type: 'money' },
        { name: 'allowed_spread', label: 'Allowed, p10 – p90', value: spread('allowed_p10', 'allowed_p90') },
        { name: 'paid_median', label: 'Paid per unit, median', type: 'money' },
        { name: 'paid_spread', label: 'Paid, p10 – p90', value: spread('paid_p10', 'paid_p90') },
      ],
      empty: 'No paid line was adjudicated in the window for these filters.',
    }),
  );
  body.dataset.ready = 'true';
}

/** By payer, with its name: the same metrics over every code, the payer a link to the page narrowed to it. */
function payerTable(byPayer: Record<Id, MetricResult>, filters: Filters): HTMLElement {
  const rows = namedRows(byPayer.schedule_coverage);
  const rates = namedRows(byPayer.underpayment_rate);
  const lines = namedRows(byPayer.underpaid_lines);
  type P = { coverage: NamedRow; rate?: NamedRow; lines?: NamedRow };
  const payers: P[] = [...rows.values()].map((coverage) => ({ coverage, rate: rates.get(coverage.id), lines: lines.get(coverage.id) }))
    .sort((a, b) => (b.rate?.numerator ?? 0) - (a.rate?.numerator ?? 0) || (b.coverage.denominator ?? 0) - (a.coverage.denominator ?? 0) || a.coverage.id.localeCompare(b.coverage.id));
  const h3 = document.createElement('h3');
  h3.textContent = 'By payer';
  const table = rowsTable(payers, {
    caption: 'payers', singular: 'payer',
    columns: [
      { name: 'payer', label: 'Payer', value: (p) => p.coverage.name, title: (p) => p.coverage.id, link: (p) => (filters.payer ? undefined : `/contracts${searchWith({ ...filters, payer: p.coverage.id })}`) },
      { name: 'payer_id', label: 'Id', value: (p) => p.coverage.id },
      { name: 'paid_lines', label: 'Paid lines', type: 'int', value: (p) => p.coverage.denominator ?? 0 },
      { name: 'expected_lines', label: 'Lines priced', type: 'int', value: (p) => p.coverage.numerator ?? 0 },
      { name: 'schedule_coverage', label: byPayer.schedule_coverage.short_label, type: 'ratio', value: (p) => (p.coverage.denominator ? p.coverage.value : null) },
      { name: 'expected_allowed', label: 'Expected allowed', type: 'money', value: (p) => p.rate?.denominator ?? 0 },
      { name: 'underpaid_lines', label: byPayer.underpaid_lines.short_label, type: 'int', value: (p) => p.lines?.value ?? 0 },
      { name: 'underpaid_dollars', label: byPayer.underpaid_dollars.short_label, type: 'money', value: (p) => p.rate?.numerator ?? 0 },
      { name: 'underpayment_rate', label: byPayer.underpayment_rate.short_label, type: 'ratio', value: (p) => (p.rate?.denominator ? p.rate.value : null) },
    ],
    empty: 'No payer has paid lines in the window for these filters.',
  });
  table.classList.add('contract-payer-table');
  const h3codes = document.createElement('h3');
  h3codes.textContent = 'By payer and code';
  const block = document.createElement('div');
  block.className = 'contract-by-payer';
  block.append(h3, table, h3codes);
  return block;
}

function drawDefinitions(body: HTMLElement, answer: Record<Id, MetricResult>): void {
  const h2 = document.createElement('h2');
  h2.textContent = 'How is this computed?';
  body.replaceChildren(h2, ...IDS.map((id) => howComputed(answer[id], { summary: answer[id].label })),
    paragraph('Overpaid lines: the lines the payer allowed more than expected by more than the tolerance (the variance list’s status “overpaid”); they never offset the underpaid dollars.'));
}
