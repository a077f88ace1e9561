// Runs a metric of the registry for an as-of date and window, optionally broken down, and shapes the
// answer: value, numerator, denominator, unit, the definition, why it is unavailable, and the breakdown.
// Money leaves DuckDB as exact decimal text and is shown in dollars with two decimals; rates are fractions.
import type { Warehouse } from '../database.ts';
import { SINGLE_ONLY, type Breakdown, type Filters, type MetricDefinition } from './metric.ts';
import { windowFor, type Window } from './window.ts';
import { scopeToPractices } from './practice-scope.ts';

export interface BreakdownRow {
  key: string | null;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  unavailable_reason?: string;
  p90?: number | null;
  n?: number;
  dollars?: { value: number | null; numerator: number; denominator: number };
}

export interface MetricResult {
  id: string;
  label: string;
  /** The registry's short label and format: a page shows these, never a label of its own. */
  short_label: string;
  format: string;
  as_of: string;
  from: string;
  to: string;
  unit: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  p90?: number | null;
  n?: number;
  dollars?: BreakdownRow['dollars'];
  unavailable_reason: string | null;
  /** The registry's definition, with the breakdowns the metric allows (a page asks only for those). */
  definition: { numerator: string; denominator: string; grain: string; date_basis: string; window: string; exclusions: string; breakdowns: string[]; section: string };
  breakdown?: BreakdownRow[];
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function ratio(numerator: number | null, denominator: number | null, valueKind: MetricDefinition['valueKind']): { value: number | null; reason?: string } {
  if (valueKind === 'sum') return { value: numerator ?? 0 };
  if (numerator === null || denominator === null) return { value: null, reason: 'no data in the window' };
  if (denominator <= 0) return { value: null, reason: denominator === 0 ? 'the denominator is zero (nothing to divide by in the window)' : 'the denominator is negative' };
  const v = numerator / denominator;
  return { value: valueKind === 'days' ? Math.round(v * 100) / 100 : Math.round(v * 1e6) / 1e6 };
}

function shape(row: Record<string, unknown>, m: MetricDefinition): BreakdownRow {
  if (m.valueKind === 'quantile') {
    const n = Number(row.n ?? 0);
    return { key: (row.key as string | null) ?? null, value: n > 0 ? num(row.median) : null, numerator: null, denominator: null, p90: n > 0 ? num(row.p90) : null, n,
      ...(n === 0 ? { unavailable_reason: 'no claims in the window' } : {}) };
  }
  const numerator = num(row.numerator);
  const denominator = num(row.denominator);
  const { value, reason } = ratio(numerator, denominator, m.valueKind);
  const out: BreakdownRow = { key: (row.key as string | null) ?? null, value, numerator, denominator: m.valueKind === 'sum' ? null : denominator, ...(reason ? { unavailable_reason: reason } : {}) };
  if (row.numerator_amount !== undefined) {
    const n = num(row.numerator_amount) ?? 0;
    const d = num(row.denominator_amount) ?? 0;
    out.dollars = { value: d > 0 ? Math.round((n / d) * 1e6) / 1e6 : null, numerator: n, denominator: d };
  }
  return out;
}

export interface MetricRequest {
  asOf: string;
  from?: string;
  to?: string;
  /** One dimension or two crossed; none for the headline only. */
  by?: Breakdown;
  filters?: Filters;
}

export function resolveWindow(m: MetricDefinition, request: MetricRequest): Window {
  const w = windowFor(m.window, request.asOf);
  return { asOf: request.asOf, from: request.from ?? w.from, to: request.to ?? w.to };
}

export class BreakdownError extends Error {}

export function checkBreakdown(m: MetricDefinition, by: Breakdown): void {
  if (m.refuse) {
    const reason = m.refuse(by);
    if (reason) throw new BreakdownError(`${m.id} ${reason}`);
    return;
  }
  const missing = by.filter((d) => !m.breakdowns.includes(d));
  if (missing.length) throw new BreakdownError(`${m.id} cannot be broken down by ${missing.join(', ')}; ${m.breakdowns.length ? `it can by ${m.breakdowns.join(', ')}` : 'it has no breakdown'}`);
  if (by.length > 2) throw new BreakdownError('a breakdown crosses at most two dimensions');
  if (by.length > 1 && by.some((d) => SINGLE_ONLY.includes(d))) throw new BreakdownError(`${by.filter((d) => SINGLE_ONLY.includes(d)).join(', ')} cannot be crossed with another dimension`);
}

export async function computeMetric(warehouse: Warehouse, m: MetricDefinition, request: MetricRequest): Promise<MetricResult> {
  const window = resolveWindow(m, request);
  const filters = request.filters ?? {};
  const definition = { numerator: m.numerator, denominator: m.denominator, grain: m.grain, date_basis: m.dateBasis, window: m.window, exclusions: m.exclusions, breakdowns: [...m.breakdowns], section: m.section };
  const base = { id: m.id, label: m.label, short_label: m.shortLabel, format: m.format, as_of: window.asOf, from: window.from, to: window.to, unit: m.unit, definition };
  const scoped = (sql: string) => scopeToPractices(sql, { practices: filters.practices, provider: filters.provider, location: filters.location });
  const missing = m.unavailableSql ? (await warehouse.one<{ reason: string | null }>(scoped(m.unavailableSql(window))))?.reason ?? null : null;
  if (missing) return { ...base, value: null, numerator: null, denominator: null, unavailable_reason: missing };
  // Without a breakdown a grouped query over an empty population returns no row: that is zero over zero.
  const [total = shape(m.valueKind === 'quantile' ? { key: null, n: 0 } : { key: null, numerator: 0, denominator: 0 }, m)] =
    (await warehouse.all(scoped(m.sql(window, undefined, filters)))).map((r) => shape(r, m));
  const result: MetricResult = {
    ...base,
    value: total.value,
    numerator: total.numerator,
    denominator: total.denominator,
    ...(total.p90 !== undefined ? { p90: total.p90, n: total.n } : {}),
    ...(total.dollars ? { dollars: total.dollars } : {}),
    unavailable_reason: total.unavailable_reason ?? null,
  };
  const by = request.by?.length ? request.by : m.defaultBreakdown ? [m.defaultBreakdown] : undefined;
  if (by) {
    checkBreakdown(m, by);
    result.breakdown = (await warehouse.all(scoped(m.sql(window, by, filters)))).map((r) => shape(r, m)).sort((a, b) => String(a.key).localeCompare(String(b.key), 'en', { numeric: true }));
  }
  return result;
}
