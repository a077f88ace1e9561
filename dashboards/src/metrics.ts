// The metrics API as the pages use it: GET /api/metrics with the URL's filters, a metric's 12-month trend
// (the headline's window at each month end, computed by the server), and its value for the previous period. Every number comes from the registry through the API.
import { ApiError, getJson } from './api.ts';
import type { Filters } from './filters.ts';
import type { BreakdownRow, MetricDefinition, MetricResult, MetricsAnswer } from '../../kernel/api/metrics.ts';
import { previousPeriod, trendMonths, trendRange, type Period } from './periods.ts';

export type { BreakdownRow, MetricDefinition, MetricResult, MetricsAnswer };

export interface TrendPoint {
  /** YYYY-MM */
  month: string;
  value: number | null;
}

export interface Trend {
  /**
   * 'window': the headline's window ending at each month end, the last point the headline (metrics.md,
   * "Windows on a trend"); 'month': each calendar month alone, for a headline that is the month to date.
   */
  basis: 'window' | 'month';
  /** The registry's window name of the metric, or 'range' for an explicit from–to. */
  window: string;
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

const TREND_POINTS = 12;

/** A range from the first of a month to a day of the same month: its trend is that month and the eleven before it. */
const isMonthToDate = (range: Shown['range']) => !!range && range.from.endsWith('-01') && range.from.slice(0, 7) === range.to.slice(0, 7);

/**
 * The 12-month trend of each metric as shown: the server computes it at each month end in the headline's
 * window (trend=12: a trailing twelve months stays twelve months, a quarter a quarter), so the last point is
 * the headline; metrics shown over the same dates share a request. A month-to-date headline is drawn with
 * the calendar months before it (by=month), whose last is the month to date.
 */
export async function fetchTrends(shown: readonly (Shown & { definition: MetricDefinition })[], filters: Filters, signal?: AbortSignal): Promise<Record<string, Trend>> {
  const { from: _from, to: _to, ...rest } = filters;
  const groups = new Map<string, { s: Shown; byMonth: boolean; ids: string[] }>();
  for (const s of shown) {
    const byMonth = isMonthToDate(s.range) && s.definition.breakdowns.includes('month');
    const key = `${byMonth}|${s.asOf}|${s.range?.from ?? ''}|${s.range?.to ?? ''}`;
    const group = groups.get(key) ?? { s, byMonth, ids: [] };
    group.ids.push(s.id);
    groups.set(key, group);
  }
  const trends: Record<string, Trend> = {};
  await Promise.all([...groups.values()].map(async ({ s, byMonth, ids }) => {
    if (byMonth) {
      const months = trendMonths(s.asOf, TREND_POINTS);
      const answer = await fetchMetrics(ids, { ...rest, as_of: s.asOf, ...trendRange(s.range!.to, TREND_POINTS) }, { by: 'month' }, signal);
      for (const id of ids) {
        const values = new Map((answer.metrics[id]?.breakdown ?? []).map((r) => [r.key, r.value]));
        trends[id] = { basis: 'month', window: 'month', points: months.map((month) => ({ month, value: values.get(month) ?? null })) };
      }
      return;
    }
    const answer = await fetchMetrics(ids, { ...rest, as_of: s.asOf, from: s.range?.from, to: s.range?.to }, { trend: String(TREND_POINTS) }, signal);
    for (const id of ids) {
      const m = answer.metrics[id];
      trends[id] = { basis: 'window', window: s.range ? 'range' : m?.definition.window ?? s.window, points: (m?.trend ?? []).map((p) => ({ month: p.month, value: p.value })) };
    }
  }));
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
