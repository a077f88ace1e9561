// Denials: the page a billing lead uses to trace a denial back to coding. The initial denial rate for the
// URL's filters; a heatmap of denial category (or CARC) × payer by claims or dollars (one request per
// payer, by=denial_category or by=carc); a drill from any cell to the payer's lines by CPT, modifier,
// diagnosis and provider and to the claims denied (server-paged, CSV, each opening the claim explorer);
// what became of the denials by category, each count a drill to its claims (denials-outcomes.ts); the
// pattern finder's top combinations with their owner and fix (denials-patterns.ts); the rate month by month
// per category; the final denial rate and the write-offs net of recoveries by category (denials-final.ts);
// the front-end rejections by reason (denials-rejections.ts). The drills live in the URL (rows, measure,
// drill_row, drill_payer, narrow; the outcomes' and the rejections' own) so that a view can be shared.
import { denialTrends, type DenialTrendSeries } from '../charts/denial-trends.ts';
import { heatmap, selectCell, type HeatmapCell } from '../charts/heatmap.ts';
import { howComputed } from '../charts/definition-details.ts';
import { panel, paragraph } from '../charts/panel.ts';
import { rowsTable } from '../charts/rows-table.ts';
import { searchWith, type Filters } from '../filters.ts';
import { formatCount, formatDate, formatMoney, formatMonth, formatPercent } from '../../../kernel/format.ts';
import { fetchMetrics, type BreakdownRow, type MetricResult } from '../metrics.ts';
import { errorText, heading, isAbort, markShown, stateMessage, type PageContext } from '../page.ts';
import { lastDayOfMonth, trendMonths } from '../periods.ts';
import { serverTable } from '../table.ts';
import { drawFinalDenials } from './denials-final.ts';
import { drawPatterns } from './denials-patterns.ts';
import { backgroundQueue, claimHref, NARROWABLE, OUTCOME_PARAMS, REJECTION_PARAMS, shownOver, type Later } from './denials-shared.ts';
import { BY_PAYER_NAMED, BY_PROVIDER_NAMED, namesOf, namedRows } from '../names.ts';

/** A breakdown row and a metric; the count-rate metrics carry their dollars beside the counts. */
type Row = BreakdownRow;
type Result = MetricResult;
/** A cell's or a column's counts: a breakdown row, or a headline. */
type Counts = Pick<Row, 'value' | 'numerator' | 'denominator' | 'dollars'>;

type RowsBy = 'denial_category' | 'carc';
type Measure = 'count' | 'dollars';
const LINE_DIMENSIONS = ['cpt', 'modifier', 'diagnosis', 'provider'] as const;
type LineDimension = (typeof LINE_DIMENSIONS)[number];
const LINE_TITLES: Record<LineDimension, string> = { cpt: 'CPT / HCPCS', modifier: 'Modifier', diagnosis: 'Diagnosis (ICD-10-CM)', provider: 'Rendering provider (NPI)' };
const LINE_CAPTIONS: Record<LineDimension, [string, string]> = {
  cpt: ['procedure codes', 'procedure code'], modifier: ['modifiers', 'modifier'], diagnosis: ['diagnoses', 'diagnosis'], provider: ['rendering providers', 'rendering provider'],
};
/** The heatmap's column of every payer together. */
const ALL = '*';
const TOTAL_ROW = 'All denials';

/** What the URL says beyond the filters. */
interface View {
  rows: RowsBy;
  measure: Measure;
  drill?: { row: string; payer: string };
  narrow: { dimension: LineDimension; key: string }[];
}

function viewOf(search: string): View {
  const params = new URLSearchParams(search);
  const drillRow = params.get('drill_row');
  const narrow = (params.get('narrow') ?? '').split(',').filter(Boolean).map((part) => {
    const at = part.indexOf(':');
    return { dimension: part.slice(0, at) as LineDimension, key: part.slice(at + 1) };
  }).filter((n) => (LINE_DIMENSIONS as readonly string[]).includes(n.dimension) && n.key);
  return {
    rows: params.get('rows') === 'carc' ? 'carc' : 'denial_category',
    measure: params.get('measure') === 'dollars' ? 'dollars' : 'count',
    drill: drillRow ? { row: drillRow, payer: params.get('drill_payer') || ALL } : undefined,
    narrow,
  };
}

function hrefOf(view: View, filters: Filters): string {
  const params = new URLSearchParams();
  // the outcomes' and the rejections' drills stay as they are
  const current = new URLSearchParams(location.search);
  for (const key of [...OUTCOME_PARAMS, ...REJECTION_PARAMS]) if (current.has(key)) params.set(key, current.get(key)!);
  if (view.rows === 'carc') params.set('rows', 'carc');
  if (view.measure === 'dollars') params.set('measure', 'dollars');
  if (view.drill) {
    params.set('drill_row', view.drill.row);
    if (view.drill.payer !== ALL) params.set('drill_payer', view.drill.payer);
    if (view.narrow.length) params.set('narrow', view.narrow.map((n) => `${n.dimension}:${n.key}`).join(','));
  }
  return `/denials${searchWith(filters, params)}`;
}

const rowName = (rows: RowsBy, key: string) => (key === TOTAL_ROW ? key : rows === 'carc' ? `CARC ${key}` : key.replaceAll('_', ' '));

/** The payers of the heatmap's columns (headed by id, where room is short) by name. */
function payerKey(payers: readonly string[], names: ReadonlyMap<string, string>): HTMLElement {
  const list = document.createElement('p');
  list.className = 'hint payer-key';
  list.textContent = `Payers: ${payers.map((p) => `${p} ${names.get(p) ?? p}`).join(' · ')}`;
  return list;
}

function toggle<T extends string>(label: string, choices: [T, string][], current: T, choose: (value: T) => void): HTMLElement {
  const group = document.createElement('div');
  group.className = 'toggle';
  group.setAttribute('role', 'group');
  group.setAttribute('aria-label', label);
  const name = document.createElement('span');
  name.className = 'hint';
  name.textContent = `${label}:`;
  group.append(name);
  for (const [value, text] of choices) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    b.setAttribute('aria-pressed', String(value === current));
    b.addEventListener('click', () => value !== current && choose(value));
    group.append(b);
  }
  return group;
}

export async function render(container: HTMLElement, context: PageContext): Promise<void> {
  const { filters, signal, session } = context;
  const may = (view: string) => session.user.views.includes(view);
  let view = viewOf(location.search);
  delete container.dataset.ready;

  const subtitle = paragraph('', 'hint as-of');
  const headline = document.createElement('div');
  headline.className = 'denials-headline';
  const map = panel('Denials by category and payer', 'denials-heatmap');
  const drill = panel('Drill-down', 'denials-drill');
  drill.element.hidden = true;
  const patterns = panel('Pattern finder: top combinations', 'denials-patterns');
  const trend = panel('Initial denial rate by month and category', 'denials-trend');
  const final = panel('Final denials: write-offs net of recoveries', 'denials-final');
  const outcomes = panel('What became of the denials, by category', 'denials-outcomes');
  const rejections = panel('Rejections', 'denials-rejections');
  container.replaceChildren(heading('Denials'), subtitle, headline, map.element, drill.element, outcomes.element, patterns.element, trend.element, final.element, rejections.element);
  map.body.replaceChildren(stateMessage('Loading the denial rates…', 'loading'));

  // 1. the rate by payer (the payers, their totals, the window) and the All payers column, at once
  let byPayer: Result;
  const columnAnswers = new Map<string, Promise<Result>>();
  const columnOf = (rows: RowsBy, payer: string, asOf?: string): Promise<Result> => {
    const key = `${rows}|${payer}`;
    let answer = columnAnswers.get(key);
    if (!answer) {
      const scope = { ...filters, ...(asOf ? { as_of: asOf } : {}), ...(payer === ALL ? {} : { payer }) };
      answer = fetchMetrics(['initial_denial_rate'], scope, { by: rows }, signal).then((a) => a.metrics.initial_denial_rate);
      columnAnswers.set(key, answer);
    }
    return answer;
  };
  // the first column of the heatmap goes beside the rates by payer; without an as-of date in the URL it is
  // kept only if the server took the same date for both (else asked again for that date below)
  const firstColumn = `${view.rows}|${filters.payer ?? ALL}`;
  try {
    let early: Result;
    [byPayer, early] = await Promise.all([
      fetchMetrics(['initial_denial_rate'], filters, { by: BY_PAYER_NAMED }, signal).then((a) => a.metrics.initial_denial_rate),
      columnOf(view.rows, filters.payer ?? ALL),
    ]);
    if (early.as_of !== byPayer.as_of) columnAnswers.delete(firstColumn);
  } catch (e) {
    if (isAbort(e) || signal.aborted) return;
    map.body.replaceChildren(stateMessage(`Could not load the denial rates: ${errorText(e)}`, 'error'));
    return;
  }
  // by payer id from here on (the filters and the drill take it), each named as mart_payer names it
  const names = namesOf(byPayer);
  byPayer = { ...byPayer, breakdown: [...namedRows(byPayer).values()].map(({ id: _id, name: _name, ...row }) => row) };
  const payerName = (payer: string) => (payer === ALL ? 'All payers' : names.has(payer) && names.get(payer) !== payer ? `${names.get(payer)} (${payer})` : payer);
  const asOf = byPayer.as_of;
  const window = { from: byPayer.from, to: byPayer.to };
  const pinned: Filters = { ...filters, as_of: asOf };
  const ranged = Boolean(filters.from && filters.to);
  subtitle.dataset.asOf = asOf;
  subtitle.textContent = `As of ${formatDate(asOf)}; claims first adjudicated ${formatDate(window.from)} – ${formatDate(window.to)}${ranged ? '' : ' (the metric’s default window: the quarter to the as-of date)'}.`;
  headline.replaceChildren(headlineBlock(byPayer, ranged));

  const payerRows = (byPayer.breakdown ?? []).filter((r) => r.key !== null && (r.denominator ?? 0) > 0);
  // with a payer in the filters, the heatmap is that payer's column alone
  const columns = filters.payer ? [filters.payer] : [ALL, ...payerRows.sort((a, b) => (b.numerator ?? 0) - (a.numerator ?? 0)).map((r) => r.key!)];
  const totals = new Map<string, Counts>([[filters.payer ?? ALL, byPayer], ...payerRows.map((r) => [r.key!, r] as [string, Counts])]);

  if ((byPayer.denominator ?? 0) === 0) {
    map.body.replaceChildren(stateMessage(`No claims were first adjudicated between ${formatDate(window.from)} and ${formatDate(window.to)} for these filters: there is no denial rate to show.`, 'empty'));
  }

  let drillRequest: AbortController | undefined;
  const later = backgroundQueue(2);
  // the line breakdowns of a column (payer), shared by the prefetch and the drill; a drill does not wait
  // for a prefetch still queued: it asks at once, and the queued one then takes that answer
  const lineAnswers = new Map<string, { answer: Promise<Result>; asked: boolean }>();
  /** Each rendering provider's name, from the line rate by provider and provider_name. */
  const providerNames = new Map<string, string>();
  const linesOf = (payer: string | undefined, by: LineDimension, requestSignal: AbortSignal, queue?: Later): Promise<Result> => {
    const key = `${payer ?? ALL}|${by}`;
    const known = lineAnswers.get(key);
    if (known && (known.asked || queue)) return known.answer;
    const scope: Filters = { ...pinned, ...(payer ? { payer } : {}) };
    const entry = { answer: undefined as unknown as Promise<Result>, asked: !queue };
    const ask = (): Promise<Result> => {
      const current = lineAnswers.get(key);
      if (current && current !== entry) return current.answer;
      entry.asked = true;
      if (by !== 'provider') return fetchMetrics(['initial_denial_rate_line'], scope, { by }, requestSignal).then((a) => a.metrics.initial_denial_rate_line);
      // by NPI from here on (the narrowing takes it), each named as mart_provider names it
      return fetchMetrics(['initial_denial_rate_line'], scope, { by: BY_PROVIDER_NAMED }, requestSignal).then((a) => {
        const m = a.metrics.initial_denial_rate_line;
        for (const [npi, name] of namesOf(m)) providerNames.set(npi, name);
        return { ...m, breakdown: [...namedRows(m).values()].map(({ id: _id, name: _name, ...row }) => row) };
      });
    };
    lineAnswers.set(key, entry);
    entry.answer = queue ? queue(ask) : ask();
    entry.answer.catch(() => lineAnswers.get(key) === entry && lineAnswers.delete(key));
    return entry.answer;
  };

  const drawHeatmap = async (): Promise<void> => {
    if ((byPayer.denominator ?? 0) === 0) return;
    const rowsBy = view.rows;
    map.body.setAttribute('aria-busy', 'true');
    let answers: Result[];
    try {
      answers = await Promise.all(columns.map((payer) => columnOf(rowsBy, payer, asOf)));
    } catch (e) {
      if (isAbort(e) || signal.aborted) return;
      map.body.replaceChildren(stateMessage(`Could not load the heatmap: ${errorText(e)}`, 'error'));
      return;
    } finally {
      map.body.removeAttribute('aria-busy');
    }
    if (signal.aborted || rowsBy !== view.rows) return;
    const measure = view.measure;
    const valueOf = (r: Counts | undefined): number => (measure === 'dollars' ? r?.dollars?.numerator ?? 0 : r?.numerator ?? 0);
    const rowTotals = new Map<string, number>();
    answers.forEach((a, i) => {
      if (columns[i] !== ALL && columns.length > 1) return;
      for (const r of a.breakdown ?? []) if (r.key) rowTotals.set(r.key, (rowTotals.get(r.key) ?? 0) + valueOf(r));
    });
    for (const a of answers) for (const r of a.breakdown ?? []) if (r.key && !rowTotals.has(r.key)) rowTotals.set(r.key, 0);
    const rows = [TOTAL_ROW, ...[...rowTotals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k]) => k)];
    const cells: HeatmapCell[] = [];
    answers.forEach((answer, i) => {
      const payer = columns[i];
      const found = new Map((answer.breakdown ?? []).map((r) => [r.key, r]));
      for (const row of rows) {
        const r = row === TOTAL_ROW ? totals.get(payer) : found.get(row);
        const claims = r?.numerator ?? 0;
        const of = totals.get(payer)?.denominator ?? answer.denominator ?? 0;
        const dollars = r?.dollars?.numerator ?? 0;
        cells.push({
          row, column: payer, value: valueOf(r),
          description: `${rowName(rowsBy, row)} × ${payerName(payer)}: ${formatCount(claims)} of ${formatCount(of)} claims denied (${formatPercent(of ? claims / of : null)}), charges ${formatMoney(dollars)}`,
        });
      }
    });
    const chart = heatmap(cells, {
      rows, columns, totalRows: [TOTAL_ROW], totalColumns: [ALL],
      rowLabel: (r) => rowName(rowsBy, r), columnLabel: (payer) => (payer === ALL ? 'All payers' : payer),
      format: measure === 'dollars' ? formatMoney : formatCount,
      label: `Claims denied on first adjudication by ${rowsBy === 'carc' ? 'CARC' : 'denial category'} and payer, ${measure === 'dollars' ? 'their charges' : 'counts'}`,
      selected: view.drill && view.drill.payer !== undefined ? { row: view.drill.row, column: filters.payer ?? view.drill.payer } : null,
      onSelect: (cell) => {
        if (cell.row === TOTAL_ROW) return;
        view = { ...view, drill: { row: cell.row, payer: cell.column }, narrow: [] };
        history.pushState(null, '', hrefOf(view, filters));
        selectCell(chart, { row: cell.row, column: cell.column });
        void drawDrill();
      },
    });
    const tools = document.createElement('div');
    tools.className = 'chart-tools';
    tools.append(
      toggle<RowsBy>('Rows', [['denial_category', 'Denial category'], ['carc', 'CARC']], rowsBy, (rows) => {
        view = { rows, measure: view.measure, narrow: [] };
        history.pushState(null, '', hrefOf(view, filters));
        drill.element.hidden = true;
        void drawHeatmap();
      }),
      toggle<Measure>('Show', [['count', 'Claims'], ['dollars', 'Dollars']], measure, (m) => {
        view = { ...view, measure: m };
        history.replaceState(null, '', hrefOf(view, filters));
        void drawHeatmap();
      }),
    );
    const figure = document.createElement('figure');
    figure.className = 'heatmap';
    figure.dataset.rows = rowsBy;
    figure.dataset.measure = measure;
    figure.append(chart);
    map.body.replaceChildren(
      tools,
      paragraph(`Each cell: the claims first adjudicated in the window that were denied for the ${rowsBy === 'carc' ? 'CARC' : 'category'} (a claim denied for two counts in both), ${measure === 'dollars' ? 'by their charges' : 'by count'}; "${TOTAL_ROW}" counts each denied claim once. Choose a cell to see the payer's lines by CPT, modifier, diagnosis and provider, and the claims.`),
      figure,
      payerKey(columns.filter((c) => c !== ALL), names),
      howComputed(shownOver(byPayer, window, ranged)),
    );
    map.body.dataset.ready = 'true';
    // (the trend, the patterns and the prefetches are asked once the heatmap is painted)
    await markShown('denials:heatmap');
  };

  const drawDrill = async (): Promise<void> => {
    drillRequest?.abort();
    if (!view.drill) {
      drill.element.hidden = true;
      return;
    }
    const controller = (drillRequest = new AbortController());
    signal.addEventListener('abort', () => controller.abort(), { once: true });
    const { row, payer: column } = view.drill;
    const payer = filters.payer ?? (column === ALL ? undefined : column);
    const rowsBy = view.rows;
    drill.element.hidden = false;
    (drill.element.firstChild as HTMLElement).textContent = `Drill-down: ${rowName(rowsBy, row)} × ${payerName(payer ?? ALL)}, ${formatDate(window.from)} – ${formatDate(window.to)}`;
    const close = document.createElement('button');
    close.type = 'button';
    close.textContent = 'Close the drill-down';
    close.addEventListener('click', () => {
      view = { ...view, drill: undefined, narrow: [] };
      history.pushState(null, '', hrefOf(view, filters));
      drillRequest?.abort();
      drill.element.hidden = true;
      const chart = map.body.querySelector('figure.heatmap svg');
      if (chart) selectCell(chart, null);
    });
    const summary = document.createElement('p');
    const lines = document.createElement('div');
    lines.className = 'line-breakdowns';
    lines.append(stateMessage('Loading the lines…', 'loading'));
    const claims = document.createElement('div');
    claims.className = 'drill-claims';
    drill.body.replaceChildren(close, summary, lines, claims);
    drill.element.scrollIntoView?.({ block: 'nearest' });

    // the cell's own numbers, from the heatmap's answer
    void columnOf(rowsBy, filters.payer ?? column, asOf).then((answer) => {
      const r = (answer.breakdown ?? []).find((b) => b.key === row);
      const of = answer.denominator ?? 0;
      summary.textContent = r
        ? `${formatCount(r.numerator)} of ${formatCount(of)} claims first adjudicated were denied for ${rowName(rowsBy, row)} (${formatPercent(r.value)}); their charges ${formatMoney(r.dollars?.numerator)} of ${formatMoney(r.dollars?.denominator)} (${formatPercent(r.dollars?.value)}).`
        : `No claim of ${payerName(payer ?? ALL)} first adjudicated in the window was denied for ${rowName(rowsBy, row)}.`;
    }, () => undefined);

    // the claims denied for the cell, narrowed by the line codes chosen below
    const narrowing = Object.fromEntries(view.narrow.map((n) => [n.dimension, n.key]));
    if (may('claims')) {
      const params: Record<string, string | undefined> = {
        as_of: asOf, practice: filters.practice, provider: filters.provider, location: filters.location, payer,
        denied: 'true', [rowsBy]: row, adjudicated_from: window.from, adjudicated_to: window.to, ...narrowing,
      };
      const narrowed = view.narrow.length ? `, with a line of ${view.narrow.map((n) => `${n.dimension} ${n.key}`).join(' and ')}` : '';
      const heading3 = document.createElement('h3');
      heading3.textContent = `Claims denied for ${rowName(rowsBy, row)}${payer ? ` by ${payer}` : ''}${narrowed}`;
      const clear = document.createElement('button');
      clear.type = 'button';
      clear.textContent = 'Show every line code';
      clear.hidden = view.narrow.length === 0;
      clear.addEventListener('click', () => {
        view = { ...view, narrow: [] };
        history.pushState(null, '', hrefOf(view, filters));
        void drawDrill();
      });
      claims.append(heading3, clear, serverTable({
        endpoint: '/api/claims', caption: 'denied claims', params,
        columns: [
          { name: 'claim_id', label: 'Claim' }, { name: 'payer_id', label: 'Payer' }, { name: 'provider', label: 'Provider' },
          { name: 'service_date', label: 'Service date' }, { name: 'first_adjudicated_date', label: 'First adjudicated' }, { name: 'charge', label: 'Charge' },
          { name: 'first_paid', label: 'First paid' }, { name: 'balance', label: 'Balance' }, { name: 'denial_categories', label: 'Denial categories' }, { name: 'denial_carcs', label: 'CARCs' },
        ],
        sortable: ['claim_id', 'service_date', 'first_adjudicated_date', 'charge', 'balance'],
        sort: 'first_adjudicated_date', order: 'desc', pageSize: 25,
        link: (name, r) => (name === 'claim_id' ? claimHref(String(r.claim_id), filters) : undefined),
        signal: controller.signal,
      }));
    } else {
      claims.append(stateMessage(`A ${session.user.role.replace('_', ' ')} may not list claims: the numbers above are the drill's end for this role.`, 'unavailable'));
    }

    // the payer's lines by each line dimension, at once (or as prefetched)
    let answers: Result[];
    try {
      answers = await Promise.all(LINE_DIMENSIONS.map((by) => linesOf(payer, by, controller.signal)));
    } catch (e) {
      if (isAbort(e) || controller.signal.aborted) return;
      lines.replaceChildren(stateMessage(`Could not load the lines: ${errorText(e)}`, 'error'));
      return;
    }
    if (controller.signal.aborted) return;
    const narrow = (dimension: LineDimension, key: string) => {
      view = { ...view, narrow: [...view.narrow.filter((n) => n.dimension !== dimension), { dimension, key }] };
      history.pushState(null, '', hrefOf(view, filters));
      void drawDrill();
    };
    lines.replaceChildren(
      paragraph(`${payerName(payer ?? ALL)}’s lines first adjudicated in the window, whatever the denial’s ${rowsBy === 'carc' ? 'CARC' : 'category'} (the line rates cannot be narrowed to one), most denied first. Choose a code to list only the claims with a line of it.`),
      ...answers.map((answer, i) => lineTable(LINE_DIMENSIONS[i], answer, narrowing[LINE_DIMENSIONS[i]], may('claims') ? narrow : undefined, providerNames)),
      howComputed(shownOver(answers[0], window, ranged), { note: 'The same definition holds for each dimension: one request per dimension.' }),
    );
    lines.dataset.ready = 'true';
    markShown('denials:drill');
  };

  await drawHeatmap();
  if (signal.aborted) return;
  const drawn = view.drill ? drawDrill() : Promise.resolve();
  const trendDone = drawTrend(trend.body, pinned, filters.to && filters.from ? filters.to : asOf, signal, later);
  const finalDone = later(() => drawFinalDenials(final.body, pinned, signal));
  // the panels below the fold are chunks of their own, fetched once the heatmap is painted
  const chunkFailed = (body: HTMLElement, what: string) => (e: unknown) => void body.replaceChildren(stateMessage(`Could not load the ${what}: ${errorText(e)}`, 'error'));
  const outcomesDone = import('./denials-outcomes.ts').then(
    (m) => m.drawOutcomes(outcomes.body, pinned, signal, { mayList: may('claims'), drill: m.outcomeDrillOf(location.search) }), chunkFailed(outcomes.body, 'outcomes table'));
  const rejectionsDone = import('./denials-rejections.ts').then(
    (m) => later(() => m.drawRejections(rejections.body, pinned, signal, may('claims'))), chunkFailed(rejections.body, 'rejections'));
  const patternsDone = may('patterns')
    ? drawPatterns(patterns.body, pinned, filters, signal, later)
    : Promise.resolve(void patterns.body.replaceChildren(stateMessage(`A ${session.user.role.replace('_', ' ')} may not see the denial patterns (they name example claims).`, 'unavailable')));
  // then, while the reader looks, what a click asks next: each column's lines, the other rows' heatmap
  for (const column of columns) for (const by of LINE_DIMENSIONS) void linesOf(filters.payer ?? (column === ALL ? undefined : column), by, signal, later).catch(() => undefined);
  const otherRows: RowsBy = view.rows === 'carc' ? 'denial_category' : 'carc';
  for (const column of columns) void later(() => columnOf(otherRows, column, asOf)).catch(() => undefined);
  await Promise.all([drawn, trendDone, patternsDone, finalDone, outcomesDone, rejectionsDone]);
  if (!signal.aborted) container.dataset.ready = 'all';
}

function headlineBlock(r: Result, ranged: boolean): HTMLElement {
  const box = document.createElement('div');
  box.className = 'tile denials-rate';
  box.dataset.metric = r.id;
  const title = document.createElement('h2');
  title.textContent = r.label;
  const value = document.createElement('div');
  value.className = 'value';
  value.textContent = formatPercent(r.value);
  const detail = document.createElement('div');
  detail.className = 'window';
  detail.textContent = r.value === null
    ? `Unavailable: ${r.unavailable_reason ?? 'no value for these filters'}`
    : `${formatCount(r.numerator)} of ${formatCount(r.denominator)} claims; by dollars ${formatPercent(r.dollars?.value)} (${formatMoney(r.dollars?.numerator)} of ${formatMoney(r.dollars?.denominator)} charged)`;
  box.append(title, value, detail, howComputed(shownOver(r, r, ranged)));
  return box;
}

function lineTable(dimension: LineDimension, answer: Result, chosen: string | undefined, narrow?: (dimension: LineDimension, key: string) => void, providerNames?: ReadonlyMap<string, string>): HTMLElement {
  const shown = (key: string) => {
    const name = dimension === 'provider' ? providerNames?.get(key) : undefined;
    return name && name !== key ? `${name} (${key})` : key;
  };
  const rows = (answer.breakdown ?? []).filter((r) => r.key !== null).sort((a, b) => (b.numerator ?? 0) - (a.numerator ?? 0) || (b.denominator ?? 0) - (a.denominator ?? 0));
  const table = rowsTable(rows, {
    caption: LINE_CAPTIONS[dimension][0], singular: LINE_CAPTIONS[dimension][1],
    pageSize: 8,
    empty: 'No lines first adjudicated in the window for these filters.',
    selected: (r) => r.key === chosen,
    columns: [
      {
        name: 'key', label: LINE_TITLES[dimension],
        render: (r, doc) => {
          if (!narrow || !NARROWABLE(dimension, r.key!)) return doc.createTextNode(shown(r.key!));
          const b = doc.createElement('button');
          b.type = 'button';
          b.className = 'link';
          b.dataset.narrow = `${dimension}:${r.key}`;
          b.textContent = shown(r.key!);
          b.title = `List only the claims with a line of ${dimension} ${r.key}`;
          b.addEventListener('click', () => narrow(dimension, r.key!));
          return b;
        },
      },
      { name: 'numerator', label: 'Denied lines', type: 'int' },
      { name: 'denominator', label: 'Lines', type: 'int' },
      { name: 'value', label: 'Rate', type: 'ratio' },
      { name: 'denied_charges', label: 'Denied charges', type: 'money', value: (r) => r.dollars?.numerator },
    ],
  });
  table.dataset.dimension = dimension;
  return table;
}

/** The rate by month (the headline of each month) and each category's share of the month's claims. */
async function drawTrend(body: HTMLElement, filters: Filters, end: string, signal: AbortSignal, later: Later): Promise<void> {
  body.replaceChildren(stateMessage('Loading the 12-month trend…', 'loading'));
  const months = trendMonths(end);
  // the API cannot cross denial_category with month: one request per month, broken down by category
  let answers: Result[];
  try {
    answers = await Promise.all(months.map((m) => {
      const last = lastDayOfMonth(Number(m.slice(0, 4)), Number(m.slice(5, 7)) - 1);
      return later(() => fetchMetrics(['initial_denial_rate'], { ...filters, from: `${m}-01`, to: last < end ? last : end }, { by: 'denial_category' }, signal))
        .then((a) => a.metrics.initial_denial_rate);
    }));
  } catch (e) {
    if (isAbort(e) || signal.aborted) return;
    body.replaceChildren(stateMessage(`Could not load the trend: ${errorText(e)}`, 'error'));
    return;
  }
  if (signal.aborted) return;
  if (answers.every((a) => (a.denominator ?? 0) === 0)) {
    body.replaceChildren(stateMessage(`No claims were first adjudicated from ${formatMonth(months[0])} to ${formatMonth(months[months.length - 1])} for these filters: there is no trend to show.`, 'empty'));
    return;
  }
  const categories = new Map<string, number>();
  for (const a of answers) for (const r of a.breakdown ?? []) if (r.key) categories.set(r.key, (categories.get(r.key) ?? 0) + (r.numerator ?? 0));
  const series: DenialTrendSeries[] = [
    { key: 'all', label: 'All categories', points: answers.map((a, i) => ({ month: months[i], value: a.value, denied: a.numerator })) },
    ...[...categories.entries()].sort((a, b) => b[1] - a[1]).map(([key]) => ({
      key, label: key.replaceAll('_', ' '),
      points: answers.map((a, i) => {
        const r = (a.breakdown ?? []).find((b) => b.key === key);
        // a month with claims but none denied for the category is 0 %, a month without claims has no rate
        return { month: months[i], value: r ? r.value : (a.denominator ?? 0) > 0 ? 0 : null, denied: r?.numerator ?? 0 };
      }),
    })),
  ];
  body.replaceChildren(
    paragraph(`Each month from ${formatMonth(months[0])} to ${formatMonth(months[months.length - 1])}: the claims first adjudicated that month, and the share of them denied${categories.size ? ' — overall, then for each category (a claim denied for two categories counts in both)' : ''}.`),
    denialTrends(series),
    howComputed(shownOver(answers[answers.length - 1], { from: `${months[0]}-01`, to: end }, true, 'each calendar month'), { note: 'Asked month by month (from the first to the last day of each month), broken down by denial category.' }),
  );
  body.dataset.ready = 'true';
}
