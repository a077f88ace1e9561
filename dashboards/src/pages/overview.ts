// Overview: the KPIs a practice manager opens every morning, one tile each — the value for the URL's
// filters (GET /api/metrics), the change against the previous period, the 12-month trend with the
// published benchmark as a reference band, and the registry's definition. Values first, trends after.
import { getJson } from '../api.ts';
import { benchmarkFor } from '../benchmarks.ts';
import { kpiTile, type KpiTileData, type KpiTileOptions } from '../charts/kpi-tile.ts';
import { formatDate } from '../format.ts';
import { fetchMetrics, fetchPrevious, fetchTrends, type MetricResult, type Shown } from '../metrics.ts';
import { errorText, heading, isAbort, markShown, stateMessage, type PageContext } from '../page.ts';
import { monthToDate } from '../periods.ts';

interface Kpi {
  id: string;
  /** Shown instead of the registry's label. */
  label?: string;
  /** Computed for the month to date of the as-of date rather than the metric's own window (unless a range is set). */
  monthToDate?: boolean;
}

const KPIS: readonly Kpi[] = [
  { id: 'days_in_ar' },
  { id: 'ar_over_90_pct' },
  { id: 'initial_denial_rate' },
  { id: 'first_pass_acceptance' },
  { id: 'first_pass_yield' },
  { id: 'net_collection_rate' },
  { id: 'collections', label: 'Collections this month', monthToDate: true },
];

/** The values shown: each KPI for the filters, in its own window or the month to date. */
async function headline(context: PageContext, range: { from: string; to: string } | undefined): Promise<{ asOf: string; results: Record<string, MetricResult>; shown: Shown[] }> {
  const { filters, signal } = context;
  const own = KPIS.filter((k) => range || !k.monthToDate);
  const monthly = KPIS.filter((k) => !range && k.monthToDate);
  const ofMonth = (asOf: string) => (monthly.length ? fetchMetrics(monthly.map((k) => k.id), { ...filters, as_of: asOf, ...monthToDate(asOf) }, {}, signal) : undefined);
  // with the as-of date in the URL both requests go at once; else the first answer tells it
  const [first, early] = await Promise.all([fetchMetrics(own.map((k) => k.id), filters, {}, signal), filters.as_of ? ofMonth(filters.as_of) : undefined]);
  const asOf = first.as_of;
  const results = { ...first.metrics, ...(early ?? (await ofMonth(asOf)))?.metrics };
  const shown = KPIS.map((k) => ({ id: k.id, window: results[k.id].definition.window, asOf, range: range ?? (k.monthToDate ? monthToDate(asOf) : undefined) }));
  return { asOf, results, shown };
}

export async function render(container: HTMLElement, context: PageContext): Promise<void> {
  const { filters, signal } = context;
  const subtitle = document.createElement('p');
  subtitle.className = 'hint as-of';
  const grid = document.createElement('div');
  grid.className = 'tiles';
  container.replaceChildren(heading('Overview'), subtitle, grid);
  grid.append(stateMessage('Loading the KPIs…', 'loading'));

  const range = filters.from && filters.to ? { from: filters.from, to: filters.to } : undefined;
  // the trend charts' code (Observable Plot) loads beside the values' requests, not before them
  const charts = import('../charts/sparkline.ts');
  let chart: KpiTileOptions['chart'];
  let values: Awaited<ReturnType<typeof headline>>;
  try {
    values = await headline(context, range);
  } catch (e) {
    if (isAbort(e) || signal.aborted) return;
    grid.replaceChildren(stateMessage(`Could not load the KPIs: ${errorText(e)}`, 'error'));
    return;
  }
  const { asOf, results, shown } = values;
  subtitle.dataset.asOf = asOf;
  subtitle.textContent = `As of ${formatDate(asOf)}${range ? `, ${formatDate(range.from)} – ${formatDate(range.to)}` : ', each metric over its own window'}.`;

  const tiles = new Map<string, KpiTileData>(KPIS.map((k) => {
    const r = results[k.id];
    return [k.id, {
      id: k.id, label: k.label ?? r.label, unit: r.unit, value: r.value, unavailableReason: r.unavailable_reason,
      asOf: r.as_of, from: r.from, to: r.to, definition: r.definition, benchmark: benchmarkFor(k.id),
    }];
  }));
  const sql = (id: string) => () => getJson<{ sql: string }>(`/api/metrics/${id}/explain`, { as_of: asOf }).then((x) => x.sql);
  const draw = () => {
    if (signal.aborted) return;
    const open = new Set([...grid.querySelectorAll<HTMLDetailsElement>('.tile > details[open]')].map((d) => d.closest<HTMLElement>('.tile')!.dataset.metric));
    grid.replaceChildren(...[...tiles.values()].map((d) => {
      const tile = kpiTile(d, { sql: sql(d.id), chart });
      if (open.has(d.id)) tile.querySelector('details')!.open = true;
      return tile;
    }));
  };
  draw();
  grid.dataset.ready = 'values';
  markShown('overview:values');

  const ids = KPIS.map((k) => k.id);
  // the server answers one query at a time, in the order asked: the three comparisons before the thirteen trend requests
  const previous = fetchPrevious(shown, filters, signal).then(
    (p) => { for (const id of ids) tiles.get(id)!.previous = p[id] ? { value: p[id].value, label: p[id].period.label } : null; },
    (e) => { if (!isAbort(e)) for (const id of ids) tiles.get(id)!.previous = null; },
  ).then(draw);
  const trends = Promise.all([fetchTrends(ids.map((id) => results[id]), filters, range?.to ?? asOf, signal), charts]).then(
    ([t, loaded]) => {
      chart = loaded.sparkline;
      for (const id of ids) tiles.get(id)!.trend = t[id] ?? null;
    },
    (e) => { if (!isAbort(e)) for (const id of ids) tiles.get(id)!.trend = null; },
  ).then(draw);
  await Promise.all([trends, previous]);
  if (signal.aborted) return;
  grid.dataset.ready = 'all';
  markShown('overview:all');
}
