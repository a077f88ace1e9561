// Overview: the KPIs a practice manager opens every morning, one tile each — the value for the URL's
// filters (GET /api/metrics), the change against the previous period, the 12-month trend in the headline's
// window (its last point is the headline) with the published benchmark as a reference band where the
// definitions match, and the registry's definition. Values first, trends after.
import { getJson } from '../api.ts';
import { benchmarkFor } from '../benchmarks.ts';
import { kpiTile, type KpiTileData, type KpiTileOptions } from '../charts/kpi-tile.ts';
import { formatDate } from '../../../kernel/format.ts';
import { fetchMetrics, fetchPrevious, fetchTrends, type MetricResult, type MetricsAnswer, type Shown } from '../metrics.ts';
import { errorText, heading, isAbort, markShown, stateMessage, type PageContext } from '../page.ts';
import { monthToDate } from '../periods.ts';
import { workTile } from '../work-tile.ts';
import type { MetricExplanation } from '../../../kernel/api/metrics.ts';

interface Kpi {
  id: string;
  /** Shown instead of the registry's label. */
  label?: string;
  /** Computed for the month to date of the as-of date rather than the metric's own window (unless a range is set). */
  monthToDate?: boolean;
}

const KPIS: readonly Kpi[] = [
  { id: 'days_in_ar' },
  // beside the billed A/R's days, the same with the visits not billed yet (metrics.md: billed A/R is MGMA's)
  { id: 'days_in_total_ar' },
  { id: 'ar_over_90_pct' },
  { id: 'initial_denial_rate' },
  { id: 'first_pass_acceptance' },
  { id: 'first_pass_yield' },
  { id: 'net_collection_rate' },
  { id: 'collections', label: 'Collections this month', monthToDate: true },
];

/** Each metric of a by-month answer over the twelve months to `asOf` as its month to date; undefined unless every one has that month. */
function lastMonthOf(answer: MetricsAnswer | undefined, asOf: string): MetricsAnswer | undefined {
  if (!answer || answer.as_of !== asOf) return undefined;
  const metrics: Record<string, MetricResult> = {};
  for (const [id, m] of Object.entries(answer.metrics)) {
    const row = m.breakdown?.find((r) => r.key === asOf.slice(0, 7));
    if (!row) return undefined;
    metrics[id] = { ...m, ...monthToDate(asOf), value: row.value, numerator: row.numerator, denominator: row.denominator, breakdown: undefined };
  }
  return { ...answer, ...monthToDate(asOf), metrics };
}

/** The values shown: each KPI for the filters, in its own window or the month to date. */
async function headline(context: PageContext, range: { from: string; to: string } | undefined): Promise<{ asOf: string; results: Record<string, MetricResult>; shown: Shown[] }> {
  const { filters, signal } = context;
  const own = KPIS.filter((k) => range || !k.monthToDate);
  const monthly = KPIS.filter((k) => !range && k.monthToDate);
  const ofMonth = (asOf: string) => (monthly.length ? fetchMetrics(monthly.map((k) => k.id), { ...filters, as_of: asOf, ...monthToDate(asOf) }, {}, signal) : undefined);
  // With the as-of date in the URL both requests go at once. Without it, the month to date is the last
  // month of the trailing twelve by month (they end at the as-of date), asked beside the other KPIs rather
  // than after the first answer tells the date; asked again as a range if that answer does not fit.
  const byMonth = !filters.as_of && monthly.length ? fetchMetrics(monthly.map((k) => k.id), filters, { by: 'month' }, signal).catch(() => undefined) : undefined;
  const [first, early, months] = await Promise.all([fetchMetrics(own.map((k) => k.id), filters, {}, signal), filters.as_of ? ofMonth(filters.as_of) : undefined, byMonth]);
  const asOf = first.as_of;
  const results = { ...first.metrics, ...(early ?? lastMonthOf(months, asOf) ?? (await ofMonth(asOf)))?.metrics };
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
  const sql = (id: string) => () => getJson<MetricExplanation>(`/api/metrics/${id}/explain`, { as_of: asOf }).then((x) => x.sql);
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
  // the comparison and trend requests go once the values are painted, not in the frame that paints them
  await markShown('overview:values');
  if (signal.aborted) return;
  // the work queues' counts, a link to each queue, below the KPIs
  const work = workTile(context);
  if (work) {
    container.append(work.element);
    void work.load();
  }

  const ids = KPIS.map((k) => k.id);
  // the server answers in the order asked: the comparisons before the two trend requests (each metric at twelve month ends)
  const previous = fetchPrevious(shown, filters, signal).then(
    (p) => { for (const id of ids) tiles.get(id)!.previous = p[id] ? { value: p[id].value, label: p[id].period.label } : null; },
    (e) => { if (!isAbort(e)) for (const id of ids) tiles.get(id)!.previous = null; },
  ).then(draw);
  const trends = Promise.all([fetchTrends(shown.map((s) => ({ ...s, definition: results[s.id].definition })), filters, signal), charts]).then(
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
