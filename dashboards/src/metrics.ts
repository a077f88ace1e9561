// The metrics API as the pages use it: GET /api/metrics with the URL's filters, a metric's 12-month trend
// (by month where the registry allows it, else computed at each month-end), and its value for the
// previous period. Every number comes from the registry through the API.
import { ApiError, getJson } from './api.ts';
import type { Filters } from './filters.ts';
import type { BreakdownRow, MetricDefinition, MetricResult, MetricsAnswer } from '../../kernel/api/metrics.ts';
import { previousPeriod, trendAsOfs, trendMonths, trendRange, type Period } from './periods.ts';

export type { BreakdownRow, MetricDefinition, MetricResult, MetricsAnswer };

export interface TrendPoint {
  /** YYYY-MM */
  month: string;
  value: number | null;
}

export interface Trend {
  /** 'month': the metric over each calendar month; 'month_end': a snapshot at each month-end (the last one at the as-of date). */
  basis: 'month' | 'month_end';
  points: TrendPoint[];
}

/** A metric of an answer; one missing is the server's fault, and said so. */
export function metricOf(answer: MetricsAnswer, id: string): MetricResult {
  const found = answer.metrics[id];
  if (!found) throw new Error(`the API’s answer has no ${id}`);
  return found;
}

/** The metrics asked, for the filters (the API's parameter names). */
export function fetchMetrics(ids: readonly string[], filters: Filters, extra: Record<string, string> = {}, signal?: AbortSignal): Promise<MetricsAnswer> {
  return getJson<MetricsAnswer>('/api/metrics', { ...filters, ...extra, metric: ids.join(',') }, signal);
}

/**
 * The 12-month trend of each metric, ending with the month of `end`: one request by month for the metrics
 * whose definition allows it, and at once beside it, the others (snapshots: A/R, days in A/R) asked at each
 * month-end.
 */
export async function fetchTrends(metrics: readonly { id: string; definition: MetricDefinition }[], filters: Filters, end: string, signal?: AbortSignal): Promise<Record<string, Trend>> {
  const months = trendMonths(end);
  const scope = { ...filters, as_of: end };
  const byMonth = metrics.filter((m) => m.definition.breakdowns.includes('month')).map((m) => m.id);
  const snapshots = metrics.filter((m) => !m.definition.breakdowns.includes('month')).map((m) => m.id);
  const { from: _from, to: _to, ...withoutRange } = scope;
  const [monthly, ends] = await Promise.all([
    byMonth.length ? fetchMetrics(byMonth, { ...scope, ...trendRange(end) }, { by: 'month' }, signal) : undefined,
    snapshots.length ? Promise.all(trendAsOfs(end).map((asOf) => fetchMetrics(snapshots, { ...withoutRange, as_of: asOf }, {}, signal))) : [],
  ]);
  const trends: Record<string, Trend> = {};
  for (const id of byMonth) {
    const values = new Map((monthly?.metrics[id]?.breakdown ?? []).map((r) => [r.key, r.value]));
    trends[id] = { basis: 'month', points: months.map((month) => ({ month, value: values.get(month) ?? null })) };
  }
  for (const id of snapshots) trends[id] = { basis: 'month_end', points: ends.map((a, i) => ({ month: months[i], value: a.metrics[id]?.value ?? null })) };
  return trends;
}

export interface Comparison {
  period: Period;
  value: number | null;
}

/** A metric as shown: its id, its window's name, the as-of date, and the range asked (none: its own window). */
export interface Shown {
  id: string;
  window: string;
  asOf: string;
  range?: { from: string; to: string };
}

/**
 * Each metric's value for the period before the one shown (periods.ts, previousPeriod); metrics compared
 * over the same period share a request. No earlier data means no comparison (null), not a broken page.
 */
export async function fetchPrevious(shown: readonly Shown[], filters: Filters, signal?: AbortSignal): Promise<Record<string, Comparison>> {
  // metrics compared over the same dates share a request; each keeps its own wording of the comparison
  const groups = new Map<string, { period: Period; ids: string[] }>();
  const periods = new Map<string, Period>();
  for (const s of shown) {
    const period = previousPeriod(s.window, s.asOf, s.range);
    periods.set(s.id, period);
    const key = `${period.as_of}|${period.from ?? ''}|${period.to ?? ''}`;
    const group = groups.get(key) ?? { period, ids: [] };
    group.ids.push(s.id);
    groups.set(key, group);
  }
  const { from: _from, to: _to, ...rest } = filters;
  const out: Record<string, Comparison> = {};
  await Promise.all([...groups.values()].map(async ({ period, ids }) => {
    let answer: MetricsAnswer | undefined;
    try {
      answer = await fetchMetrics(ids, { ...rest, as_of: period.as_of, from: period.from, to: period.to }, {}, signal);
    } catch (e) {
      if (!(e instanceof ApiError) || e.status === 401) throw e;
    }
    for (const id of ids) out[id] = { period: periods.get(id)!, value: answer?.metrics[id]?.value ?? null };
  }));
  return out;
}
