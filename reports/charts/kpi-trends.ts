// The headline KPIs month by month for the twelve months ending at the package's month: the PDF's trend
// charts. Each point is the summary's own KPI (summary.ts: the same registry metric, window and pick) for
// that month, over the same warehouse, so the last point equals the summary's month and the XLSX's cell.
import { centsOf, type Cell } from '../table.ts';
import type { PackageContext } from '../monthly/context.ts';
import { monthPeriod, shiftMonth } from '../monthly/period.ts';
import { KPIS, type Kpi } from '../monthly/summary.ts';
import { labelOf } from '../../warehouse/metrics/registry.ts';

/** The KPIs the PDF draws as trends, in drawing order. */
export const TREND_KPIS = ['days_in_ar', 'net_collection_rate', 'initial_denial_rate', 'collections'] as const;

export const TREND_MONTHS = 12;

export interface TrendPoint {
  /** YYYY-MM */
  month: string;
  /** The KPI's cell: money in cents, rates as fractions, days; null: no number (no data yet, or nothing to divide). */
  value: Cell;
}

export interface KpiTrend {
  key: string;
  label: string;
  unit: Kpi['unit'];
  metric: string;
  points: TrendPoint[];
}


export async function kpiTrends(ctx: PackageContext, month: string, months = TREND_MONTHS): Promise<KpiTrend[]> {
  const first = await ctx.firstEventDate();
  const periods = Array.from({ length: months }, (_, i) => monthPeriod(shiftMonth(month, i - months + 1)));
  const trends: KpiTrend[] = [];
  for (const key of TREND_KPIS) {
    const kpi = KPIS.find((k) => k.key === key);
    if (!kpi) throw new Error(`the summary has no KPI ${key}`);
    const points: TrendPoint[] = [];
    for (const p of periods) {
      // "no data, no number", as the summary says it: a month that ends before the first event has no point
      if (first === null || p.to < first) {
        points.push({ month: p.month, value: null });
        continue;
      }
      const result = await ctx.metric(kpi.metric, kpi.snapshot ? { asOf: p.to, by: kpi.by } : { asOf: p.to, from: p.from, to: p.to, by: kpi.by });
      const v = kpi.pick(result);
      points.push({ month: p.month, value: v === null ? null : kpi.unit === 'money' ? centsOf(v) : v });
    }
    // the charts' titles are the registry's short labels (the summary's explain more than a title can hold)
    trends.push({ key, label: labelOf(kpi.metric, true), unit: kpi.unit, metric: kpi.metric, points });
  }
  return trends;
}
