// A KPI tile: the metric's value for the filters, the change against the previous period (in words as
// well as colour), its 12-month trend with the benchmark band, and a disclosure with the registry's
// definition. A pure function of data and options; the page replaces the tile when more data arrives.
import type { Benchmark } from '../benchmarks.ts';
import { formatChange, formatDate, formatValue, type Unit } from '../../../kernel/format.ts';
import type { MetricDefinition } from '../metrics.ts';
import type { sparkline, SparkPoint } from './sparkline.ts';

export interface KpiTileData {
  id: string;
  label: string;
  unit: Unit;
  value: number | null;
  unavailableReason: string | null;
  asOf: string;
  from: string;
  to: string;
  definition: MetricDefinition;
  /** undefined while loading; null when it could not be had. */
  previous?: { value: number | null; label: string } | null;
  trend?: { basis: 'window' | 'month'; window: string; points: SparkPoint[] } | null;
  benchmark?: Benchmark;
}

export interface KpiTileOptions {
  document?: Document;
  /** The metric's SQL, fetched when the reader opens it. */
  sql?: () => Promise<string>;
  /**
   * Draws the trend (charts/sparkline.ts). Given by the page once loaded: it brings Observable Plot, which
   * the tiles' values do not wait for.
   */
  chart?: typeof sparkline;
}

const WINDOW_NAMES: Record<string, string> = { snapshot: 'snapshot', month: 'month to date', quarter: 'quarter (three calendar months)', ttm: 'trailing twelve months' };

/** What each point of a trend is: the headline's window at each month end, or single calendar months. */
const TREND_NOTES: Record<string, string> = {
  snapshot: 'At each month end, last 12 months',
  ttm: 'Trailing 12 months at each month end',
  quarter: 'Three months to each month end',
  month: 'Month to each month end',
  range: 'The same dates, a month earlier each point',
};

function trendNote(trend: NonNullable<KpiTileData['trend']>): string {
  return trend.basis === 'month' ? 'Single months, last 12 months' : TREND_NOTES[trend.window] ?? 'The same window at each month end';
}

function windowText(d: KpiTileData): string {
  return d.definition.window === 'snapshot' && d.from === d.to ? `as of ${formatDate(d.asOf)}` : `${formatDate(d.from)} – ${formatDate(d.to)}`;
}

function changeLine(doc: Document, d: KpiTileData): HTMLElement {
  const line = doc.createElement('div');
  line.className = 'change';
  if (d.previous === undefined) {
    line.textContent = 'Comparing with the previous period…';
    return line;
  }
  if (d.previous === null || d.previous.value === null || d.value === null) {
    line.textContent = d.previous ? `No value for the previous period (${d.previous.label.replace(/^vs /, '')})` : 'No comparison available';
    return line;
  }
  const delta = d.value - d.previous.value;
  const better = d.benchmark && delta !== 0 ? (delta < 0) === (d.benchmark.better === 'lower') : null;
  const arrow = delta > 0 ? '▲' : delta < 0 ? '▼' : '';
  line.textContent = `${arrow} ${formatChange(d.unit, delta)} ${d.previous.label}${better === null ? '' : better ? ' (better)' : ' (worse)'}`.trim();
  line.title = `previous period: ${formatValue(d.unit, d.previous.value)}`;
  if (better !== null) line.classList.add(better ? 'better' : 'worse');
  return line;
}

function definitionBlock(doc: Document, d: KpiTileData, options: KpiTileOptions): HTMLDetailsElement {
  const details = doc.createElement('details');
  const summary = doc.createElement('summary');
  summary.textContent = 'How is this computed?';
  const list = doc.createElement('dl');
  const rows: [string, string][] = [
    ['Numerator', d.definition.numerator],
    ['Denominator', d.definition.denominator],
    ['Grain', d.definition.grain],
    ['Date basis', d.definition.date_basis],
    ['Window', `${WINDOW_NAMES[d.definition.window] ?? d.definition.window}: ${windowText(d)}`],
    ['Exclusions', d.definition.exclusions],
  ];
  for (const [term, text] of rows) {
    const dt = doc.createElement('dt');
    dt.textContent = term;
    const dd = doc.createElement('dd');
    dd.textContent = text;
    list.append(dt, dd);
  }
  details.append(summary, list);
  if (d.benchmark && d.benchmark.low !== null) {
    const source = doc.createElement('p');
    source.className = 'hint';
    source.textContent = `Benchmark source: ${d.benchmark.source}. Same definition: ${d.benchmark.matches}.`;
    details.append(source);
  }
  if (options.sql) {
    const sqlDetails = doc.createElement('details');
    const sqlSummary = doc.createElement('summary');
    sqlSummary.textContent = 'SQL';
    const pre = doc.createElement('pre');
    sqlDetails.append(sqlSummary, pre);
    const load = options.sql;
    sqlDetails.addEventListener('toggle', () => {
      if (!sqlDetails.open || pre.dataset.loaded) return;
      pre.dataset.loaded = 'yes';
      pre.textContent = 'Loading…';
      load().then((sql) => (pre.textContent = sql), (e: Error) => (pre.textContent = `Could not load the SQL: ${e.message}`));
    });
    details.append(sqlDetails);
  }
  return details;
}

export function kpiTile(d: KpiTileData, options: KpiTileOptions = {}): HTMLElement {
  const doc = options.document ?? document;
  const tile = doc.createElement('section');
  tile.className = 'tile';
  tile.dataset.metric = d.id;
  tile.setAttribute('aria-label', d.label);

  const title = doc.createElement('h2');
  title.textContent = d.label;
  const value = doc.createElement('div');
  value.className = 'value';
  value.textContent = formatValue(d.unit, d.value);
  const window = doc.createElement('div');
  window.className = 'window';
  window.textContent = windowText(d);
  tile.append(title, value);
  if (d.value === null) {
    const why = doc.createElement('div');
    why.className = 'unavailable';
    why.textContent = `Unavailable: ${d.unavailableReason ?? 'no value for these filters'}`;
    tile.append(why);
  }
  tile.append(window, changeLine(doc, d));

  const band = d.benchmark && d.benchmark.low !== null && d.benchmark.high !== null ? { low: d.benchmark.low, high: d.benchmark.high, label: d.benchmark.label } : null;
  if (d.trend === undefined || (d.trend && !options.chart)) {
    const loading = doc.createElement('p');
    loading.className = 'hint';
    loading.textContent = 'Loading the 12-month trend…';
    tile.append(loading);
  } else if (d.trend === null) {
    const failed = doc.createElement('p');
    failed.className = 'hint';
    failed.textContent = 'The 12-month trend could not be loaded.';
    tile.append(failed);
  } else {
    const note = doc.createElement('div');
    note.className = 'hint trend-note';
    note.textContent = trendNote(d.trend);
    const chart = options.chart!(d.trend.points, { unit: d.unit, label: d.label, band, document: doc });
    chart.classList.add('trend');
    tile.append(note, chart);
  }
  if (d.benchmark) {
    const benchmark = doc.createElement('div');
    benchmark.className = 'benchmark';
    benchmark.textContent = d.benchmark.low === null ? d.benchmark.label : `Benchmark: ${d.benchmark.label}`;
    tile.append(benchmark);
  }
  tile.append(definitionBlock(doc, d, options));
  return tile;
}
