// The package's first page: headline KPIs for the month beside the month before and the same month a year
// earlier, each from its metric in the registry (window metrics over the calendar month, snapshot metrics
// at its last day), with the change in each comparison and why a number is missing when it is.
import type { MetricResult } from '../../warehouse/metrics/compute.ts';
import type { Dimension } from '../../warehouse/metrics/metric.ts';
import { labelOf, metric } from '../../warehouse/metrics/registry.ts';
import { centsOf, type Cell, type Format, type ReportTable, type Row } from '../table.ts';
import { PackageContext } from './context.ts';
import { monthPeriod, shiftMonth } from './period.ts';

export interface Kpi {
  key: string;
  label: string;
  unit: Exclude<Format, 'text'>;
  /** The registry's metric id. */
  metric: string;
  snapshot?: boolean;
  by?: Dimension;
  pick(result: MetricResult): number | null;
}

const value = (r: MetricResult) => r.value;
const numerator = (r: MetricResult) => r.numerator;

/** A KPI that is a metric's own value: its label and unit are the registry's. */
function registryKpi(id: string, options: { snapshot?: boolean } = {}): Kpi {
  const m = metric(id);
  if (!m) throw new Error(`no metric ${id} in the registry`);
  return { key: id, label: labelOf(id), unit: m.unit === 'dollars' ? 'money' : m.unit, metric: id, ...options, pick: value };
}

export const KPIS: readonly Kpi[] = [
  { ...registryKpi('charges'), pick: numerator },
  { ...registryKpi('net_revenue'), pick: numerator },
  { key: 'collections', label: 'Collections (insurance, PLB, patients, less refunds)', unit: 'money', metric: 'collections', pick: numerator },
  registryKpi('net_collection_rate'),
  registryKpi('gross_collection_rate'),
  { key: 'ar_total', label: 'A/R at month end', unit: 'money', metric: 'ar_total', snapshot: true, pick: numerator },
  { key: 'credit_balances', label: 'Credit balances at month end (beside A/R)', unit: 'money', metric: 'ar_total', snapshot: true, by: 'kind',
    pick: (r) => r.breakdown?.find((b) => b.key === 'credit balances')?.numerator ?? 0 },
  registryKpi('ar_over_90_pct', { snapshot: true }),
  registryKpi('ar_over_120_pct', { snapshot: true }),
  registryKpi('days_in_ar', { snapshot: true }),
  registryKpi('days_in_total_ar', { snapshot: true }),
  { ...registryKpi('unbilled_ar', { snapshot: true }), pick: numerator },
  registryKpi('days_in_ar_net', { snapshot: true }),
  registryKpi('initial_denial_rate'),
  { key: 'initial_denial_rate_dollars', label: 'Initial denial rate (claims, dollars)', unit: 'ratio', metric: 'initial_denial_rate', pick: (r) => r.dollars?.value ?? null },
  registryKpi('initial_denial_rate_line'),
  { key: 'duplicate_denials', label: 'Duplicate denials (CARC 18, claims; apart from the rates)', unit: 'count', metric: 'duplicate_denials', pick: numerator },
  registryKpi('final_denial_rate'),
  registryKpi('denial_overturn_rate'),
  registryKpi('first_pass_yield'),
  registryKpi('first_pass_acceptance'),
  { key: 'payer_lag_days', label: 'Payer lag, median (days from first submission to first adjudication)', unit: 'days', metric: 'payer_lag_days', pick: value },
  { key: 'charge_lag_days', label: 'Charge lag, median (days from service to first submission)', unit: 'days', metric: 'charge_lag_days', pick: value },
];

/** A KPI's value as a cell: money in cents, the rest as the registry gives it. */
function cellOf(kpi: Kpi, result: MetricResult): Cell {
  const v = kpi.pick(result);
  if (v === null) return null;
  return kpi.unit === 'money' ? centsOf(v) : v;
}

/** The difference of two cells of a unit: exact for money and counts; rates and days rounded as the registry rounds them. */
export function change(unit: Kpi['unit'], a: Cell, b: Cell): Cell {
  if (typeof a !== 'number' || typeof b !== 'number') return null;
  if (unit === 'money' || unit === 'count') return a - b;
  const digits = unit === 'ratio' ? 1e6 : 100;
  return Math.round((a - b) * digits) / digits;
}

function why(result: MetricResult): string | null {
  return result.unavailable_reason;
}

/** Each KPI for a month of the context's warehouse: the value, or null with the reason. */
export async function kpiValues(ctx: PackageContext, month: string): Promise<Map<string, { cell: Cell; reason: string | null }>> {
  const period = monthPeriod(month);
  const out = new Map<string, { cell: Cell; reason: string | null }>();
  const first = await ctx.firstEventDate();
  if (first === null || period.to < first) {
    // "no data, no number": a month before the data shows no number rather than zeros
    for (const kpi of KPIS) out.set(kpi.key, { cell: null, reason: first === null ? 'no data' : `no data yet: the first event is dated ${first}` });
    return out;
  }
  for (const kpi of KPIS) {
    const result = await ctx.metric(kpi.metric, kpi.snapshot ? { asOf: period.to, by: kpi.by } : { asOf: period.to, from: period.from, to: period.to, by: kpi.by });
    const cell = cellOf(kpi, result);
    out.set(kpi.key, { cell, reason: cell === null ? why(result) ?? 'no value' : null });
  }
  return out;
}

export async function summaryTable(ctx: PackageContext): Promise<ReportTable> {
  const month = ctx.period.month;
  const prior = shiftMonth(month, -1);
  const lastYear = shiftMonth(month, -12);
  const [now, before, yearAgo] = [await kpiValues(ctx, month), await kpiValues(ctx, prior), await kpiValues(ctx, lastYear)];
  const rows: Row[] = KPIS.map((kpi) => {
    const [a, b, c] = [now.get(kpi.key)!, before.get(kpi.key)!, yearAgo.get(kpi.key)!];
    const notes = ([[month, a], [prior, b], [lastYear, c]] as const).filter(([, v]) => v.reason).map(([m, v]) => `${m}: ${v.reason}`);
    return {
      unit: kpi.unit,
      cells: {
        kpi: kpi.key, label: kpi.label, metric: kpi.metric,
        month: a.cell, prior_month: b.cell, change_vs_prior_month: change(kpi.unit, a.cell, b.cell),
        same_month_last_year: c.cell, change_vs_last_year: change(kpi.unit, a.cell, c.cell),
        note: notes.join('; ') || null,
      },
    };
  });
  return {
    name: 'summary', title: 'Summary', section: 'closed',
    description: `Headline KPIs for ${month}, against ${prior} and ${lastYear}: window metrics over each calendar month, snapshot metrics at its last day; changes in the KPI's unit (rates in percentage points).`,
    keyColumns: ['kpi'],
    columns: [
      { key: 'kpi', label: 'KPI', format: 'text' },
      { key: 'label', label: 'What it is', format: 'text' },
      { key: 'month', label: month, format: 'by_row' },
      { key: 'prior_month', label: prior, format: 'by_row' },
      { key: 'change_vs_prior_month', label: `Change vs ${prior}`, format: 'by_row', change: true },
      { key: 'same_month_last_year', label: lastYear, format: 'by_row' },
      { key: 'change_vs_last_year', label: `Change vs ${lastYear}`, format: 'by_row', change: true },
      { key: 'metric', label: 'Registry metric', format: 'text' },
      { key: 'note', label: 'Note', format: 'text' },
    ],
    rows,
  };
}
