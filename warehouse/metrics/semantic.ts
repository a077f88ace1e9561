// The semantic layer's vocabulary: per mart, a model with its dimensions (column expressions); measures
// (named aggregates over a model, with a filter and their own date basis); and metrics as formulas over
// measures. compile.ts turns them into one query; a metric that needs more keeps hand-written SQL.
import type { Window } from './window.ts';
import type { Dimension } from './metric.ts';

/** SQL text, or SQL that depends on the window (an as-of date inside a filter). */
export type Sql = string | ((w: Window) => string);

export interface DimensionSql {
  /** A column expression; one that depends on the window when what a row carries is known by a date (a rejection's reasons given by the as-of date). */
  sql: Sql;
  /**
   * A list column: broken down by it, a row counts once per element. 'every': every measure of the model
   * is split (a line's modifiers); 'denied': only the measures of denied rows are (a claim's denial
   * categories), the others stay whole for the other dimensions (the share of all claims denied so).
   */
  list?: 'every' | 'denied';
}

/** A mart (or a join of marts) as the metrics see it: its rows, its dimensions, the column the payer filter narrows. */
export interface SemanticModel {
  id: string;
  /** A table name, or a parenthesised query over the marts. */
  from: string;
  dimensions: Partial<Record<Exclude<Dimension, 'month'>, DimensionSql>>;
  payer: string;
}

export interface Measure {
  id: string;
  model: SemanticModel;
  aggregate: 'count' | 'sum';
  /** The summed expression (sum only). */
  expr?: string;
  /** Which rows of the population it counts. */
  filter?: Sql;
  /** The date column the window applies to; the month dimension is its month. */
  date: string;
  /** A column holding the month of `date` already (faster than strftime). */
  month?: string;
  /** The population the measure is taken over, beside the window (measures sharing it share one scan). */
  where?: Sql;
  /** Every row it counts is a denied one: split by the denial lists, narrowed by the denial filters. */
  denied?: boolean;
}

export function sqlOf(s: Sql | undefined, w: Window): string | undefined {
  return typeof s === 'function' ? s(w) : s;
}
