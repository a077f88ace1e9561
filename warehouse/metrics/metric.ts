// What a metric is (metrics.md, "Every metric declares"): id, label, numerator, denominator, unit, grain,
// date basis, default window, exclusions, the breakdowns it allows, and the SQL that computes it over the
// marts. The SQL returns one row per breakdown key (key NULL without one) with numerator and denominator,
// or, for medians, the quantiles.
import type { Window, WindowName } from './window.ts';
import { sqlString } from '../sql.ts';

export type Unit = 'dollars' | 'ratio' | 'days' | 'count';
/** How a value is shown: a ratio as a percentage with one decimal, dollars with cents, days to two decimals, a count whole. */
export type MetricFormat = 'pct1' | 'usd' | 'days' | 'count';
export type Dimension = 'payer' | 'payer_name' | 'provider' | 'provider_name' | 'location' | 'practice' | 'cpt' | 'modifier' | 'diagnosis' | 'denial_category' | 'carc' | 'month' | 'bucket' | 'kind' | 'adjustment_class' | 'rejection_reason' | 'rejection_reason_name' | 'appealed';
export const DIMENSIONS: readonly Dimension[] = ['payer', 'payer_name', 'provider', 'provider_name', 'location', 'practice', 'cpt', 'modifier', 'diagnosis', 'denial_category', 'carc', 'month', 'bucket', 'kind', 'adjustment_class', 'rejection_reason', 'rejection_reason_name', 'appealed'];

/** How the value follows from the row: a ratio, a sum (numerator alone), days (numerator ÷ daily denominator), or quantiles computed in SQL. */
export type ValueKind = 'ratio' | 'sum' | 'days' | 'quantile';

/** One dimension, or two crossed (payer × month); the special ones (bucket, kind, denial category, CARC) stand alone. */
export type Breakdown = readonly Dimension[];
export const SINGLE_ONLY: readonly Dimension[] = ['bucket', 'kind', 'denial_category', 'carc', 'rejection_reason'];

/** The SQL key of a breakdown: NULL for none, the column for one dimension, "a × b" for two. */
export function keyOf(by: Breakdown | undefined, columns: Partial<Record<Dimension, string>>): string {
  if (!by || by.length === 0) return 'NULL';
  const parts = by.map((d) => {
    const column = columns[d];
    if (!column) throw new Error(`no breakdown by ${d} here`);
    return `CAST(${column} AS VARCHAR)`;
  });
  return parts.length === 1 ? parts[0] : `concat_ws(' × ', ${parts.join(', ')})`;
}

/**
 * The name mart_payer shows for the payer id in `column`: a lookup written into a query only when the
 * payer name is asked for, so the other queries never pay for it. mart_payer's id is renamed inside so that
 * `column` always names the row's own payer, never mart_payer's.
 */
export function payerNameOf(column: string): string {
  return `(SELECT p.payer_name FROM (SELECT payer_id AS named_payer_id, payer_name FROM mart_payer) p WHERE p.named_payer_id = ${column})`;
}

/** The name mart_provider gives the rendering provider (NPI) in `column`, looked up only where a breakdown asks for it. */
export function providerNameOf(column: string): string {
  return `(SELECT p.provider_name FROM (SELECT npi AS named_npi, provider_name FROM mart_provider) p WHERE p.named_npi = ${column})`;
}

/** The payer name of patient money (the payer breakdown's 'patient'). */
export const PATIENT_PAYER_NAME = 'Patient';

/** The claim dimensions of mart_claim, with the month taken from the metric's own date basis. */
export function claimDimensions(monthOf: string): Partial<Record<Dimension, string>> {
  return { payer: 'payer_id', payer_name: payerNameOf('payer_id'), provider: 'rendering_npi', provider_name: providerNameOf('rendering_npi'), location: 'location', month: `strftime(${monthOf}, '%Y-%m')` };
}

/** The --payer filter as a SQL condition on the given column ('' without one). */
export function payerFilter(filters: Filters, column = 'payer_id'): string {
  return filters.payer ? ` AND ${column} = ${sqlString(filters.payer)}` : '';
}

export interface Filters {
  payer?: string;
  /** The practices (billing NPIs) the reader may see; undefined: every practice. */
  practices?: readonly string[];
  /** The claim's rendering provider (NPI) and location; applied by the scope (practice-scope.ts), not by each metric. */
  provider?: string;
  location?: string;
  /** Denial metrics only (MetricDefinition.denialFilters): the numerator counts only denials of this category or CARC. */
  denialCategory?: string;
  carc?: string;
}

export interface MetricDefinition {
  id: string;
  label: string;
  /** The label where room is short (a tile, a column head). */
  shortLabel: string;
  unit: Unit;
  format: MetricFormat;
  /** The sections of metrics.md the metric implements. */
  section: string;
  valueKind: ValueKind;
  grain: 'claim' | 'line' | 'money';
  dateBasis: string;
  window: WindowName;
  numerator: string;
  denominator: string;
  exclusions: string;
  breakdowns: readonly Dimension[];
  /** Whether the denial category and CARC filters apply (the numerator narrowed to those denials); other metrics refuse them. */
  denialFilters?: boolean;
  /** A breakdown shown even when none is asked for (the buckets of an aging, the kinds of collections). */
  defaultBreakdown?: Dimension;
  /** The SQL for a window, an optional breakdown and filters: columns key, numerator, denominator (ratio, sum, days) or key, median, p90, n (quantile); optional numerator_amount, denominator_amount for the dollar pair of a count rate. */
  sql(window: Window, by: Breakdown | undefined, filters: Filters): string;
  /** Why a breakdown cannot be given (undefined: it can); without it, the breakdowns list and the dimensions that stand alone decide. */
  refuse?(by: Breakdown): string | undefined;
  /** The formula over measures of a compiled metric (declare.ts), e.g. `{denied_claims} / {adjudicated_claims}`. */
  formula?: string;
  /** SQL returning one row with `reason`: why the metric cannot be computed for this window (its inputs are missing), or NULL. */
  unavailableSql?(window: Window): string;
}

/** Every label a metric is shown with comes from here: the full one, or the short one. */
export function metricLabel(m: Pick<MetricDefinition, 'label' | 'shortLabel'>, short = false): string {
  return short ? m.shortLabel : m.label;
}
