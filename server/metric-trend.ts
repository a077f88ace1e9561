// A metric's trend: the same metric with the same window length at each month end up to the as-of date
// (metrics.md, "Windows on a trend"), so that the last point is the headline beside it. A trailing-12-month
// rate stays trailing 12 months at every point; an explicit range moves back by whole months.
import { computeMetric, type MetricRequest } from '../warehouse/metrics/compute.ts';
import type { MetricDefinition } from '../warehouse/metrics/metric.ts';
import type { TrendPoint } from '../kernel/api/metrics.ts';
import { shiftMonths, trendAsOfs, trendMonths } from '../kernel/months.ts';
import type { Read } from './reading.ts';

export async function metricTrend(read: Read, m: MetricDefinition, request: Omit<MetricRequest, 'by'>, count: number): Promise<TrendPoint[]> {
  const months = trendMonths(request.asOf, count);
  const asOfs = trendAsOfs(request.asOf, count);
  return Promise.all(asOfs.map(async (asOf, i) => {
    const back = i - (count - 1);
    const range = request.from && request.to ? { from: shiftMonths(request.from, back), to: shiftMonths(request.to, back) } : {};
    const r = await read((w) => computeMetric(w, m, { ...request, asOf, ...range }));
    return { month: months[i], as_of: r.as_of, from: r.from, to: r.to, value: r.value, numerator: r.numerator, denominator: r.denominator, unavailable_reason: r.unavailable_reason };
  }));
}
