// A metric declared over measures: its formula (and the dollar pair of a count rate) compiled into the
// registry's MetricDefinition, its breakdowns those its measures' models carry.
import type { MetricDefinition } from './metric.ts';
import { compileQuery, dimensionsOf, measuresOf, refusal, splitFormula } from './compile.ts';
import { measure } from './measures.ts';

export interface MetricDeclaration extends Omit<MetricDefinition, 'sql' | 'breakdowns' | 'valueKind' | 'refuse' | 'formula'> {
  /** `{measure} / {measure}` for a rate, `{measure}` for an amount; measures combine with + − ( ). */
  formula: string;
  /** The same rate in dollars, for a count rate (its charges). */
  dollars?: string;
}

export function declareMetric(d: MetricDeclaration): MetricDefinition {
  const { formula, dollars, ...rest } = d;
  const measures = [...new Set(measuresOf(`${formula} ${dollars ?? ''}`))].map(measure);
  const value = splitFormula(formula);
  const columns: Record<string, string> = { numerator: value.numerator, denominator: value.denominator ?? 'NULL' };
  if (dollars) {
    const pair = splitFormula(dollars);
    if (!pair.denominator) throw new Error(`${d.id}: the dollar pair is a rate`);
    Object.assign(columns, { numerator_amount: pair.numerator, denominator_amount: pair.denominator });
  }
  return {
    ...rest,
    formula,
    valueKind: value.denominator ? 'ratio' : 'sum',
    breakdowns: dimensionsOf(measures),
    refuse: (by) => refusal(measures, by),
    sql: (w, by, filters) => compileQuery(measures, columns, w, by, filters),
  };
}
