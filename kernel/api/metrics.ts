// The metrics (GET /api/metrics, the same document as `rcm metrics --json`), a metric's definition and SQL
// (GET /api/metrics/{id}/explain) and the denial patterns (GET /api/denials/patterns).
import { z } from 'zod';
import { IsoDate } from './common.ts';

export const UNITS = ['dollars', 'ratio', 'days', 'count'] as const;
export const METRIC_FORMATS = ['pct1', 'usd', 'days', 'count'] as const;
export const WINDOWS = ['snapshot', 'month', 'quarter', 'ttm'] as const;
export const GRAINS = ['claim', 'line', 'money'] as const;
/** A pattern's dimensions: with_cpt is another procedure code billed on the same claim, carc a mixed combination's cause. */
export const PATTERN_DIMENSIONS = ['payer', 'cpt', 'modifier', 'diagnosis', 'provider', 'with_cpt', 'carc'] as const;

const Dollars = z.object({ value: z.number().nullable(), numerator: z.number(), denominator: z.number() }).describe('the same rate in dollars');

export const MetricDefinition = z.object({
  numerator: z.string(), denominator: z.string(), grain: z.string(), date_basis: z.string(), window: z.string(), exclusions: z.string(),
  breakdowns: z.array(z.string()).describe('the dimensions the metric can be broken down by (the API refuses any other)'),
  section: z.string().describe('the sections of metrics.md it implements'),
}).meta({ id: 'MetricDefinition' });
export type MetricDefinition = z.infer<typeof MetricDefinition>;

export const BreakdownRow = z.object({
  key: z.string().nullable().describe('the breakdown value ("a × b" for two dimensions)'),
  value: z.number().nullable(), numerator: z.number().nullable(), denominator: z.number().nullable(),
  unavailable_reason: z.string().optional(),
  p90: z.number().nullable().optional().describe('quantile metrics (lags): the 90th percentile; value is the median'),
  n: z.number().int().optional().describe('quantile metrics: the number of claims'),
  dollars: Dollars.optional(),
}).meta({ id: 'BreakdownRow' });
export type BreakdownRow = z.infer<typeof BreakdownRow>;

export const TrendPoint = z.object({
  month: z.string().describe('YYYY-MM: the month the point ends in'),
  as_of: IsoDate, from: IsoDate, to: IsoDate,
  value: z.number().nullable(), numerator: z.number().nullable(), denominator: z.number().nullable(),
  unavailable_reason: z.string().nullable(),
}).meta({ id: 'TrendPoint', description: 'the metric with the same window length, ending at a month end (the last point: the as-of date, so it equals the headline)' });
export type TrendPoint = z.infer<typeof TrendPoint>;

export const MetricResult = z.object({
  id: z.string(), label: z.string(), short_label: z.string().describe('the label where room is short'),
  format: z.enum(METRIC_FORMATS).describe('pct1: a percentage with one decimal; usd: dollars and cents; days: to two decimals; count: whole'),
  as_of: IsoDate, from: IsoDate, to: IsoDate, unit: z.enum(UNITS),
  value: z.number().nullable().describe('rates are fractions, money is dollars'), numerator: z.number().nullable(), denominator: z.number().nullable(),
  p90: z.number().nullable().optional(), n: z.number().int().optional(), dollars: Dollars.optional(),
  unavailable_reason: z.string().nullable().describe('why there is no value'),
  definition: MetricDefinition,
  breakdown: z.array(BreakdownRow).optional(),
  trend: z.array(TrendPoint).optional().describe('with trend=n: the metric at each of the n month ends to the as-of date, oldest first'),
}).meta({ id: 'MetricResult' });
export type MetricResult = z.infer<typeof MetricResult>;

export const MetricsAnswer = z.object({
  as_of: IsoDate, from: IsoDate.nullable(), to: IsoDate.nullable(),
  metrics: z.record(z.string(), MetricResult).describe('by metric id'),
}).meta({ id: 'Metrics' });
export type MetricsAnswer = z.infer<typeof MetricsAnswer>;

export const MetricExplanation = z.object({
  id: z.string(), label: z.string(), unit: z.enum(UNITS), numerator: z.string(), denominator: z.string(), grain: z.enum(GRAINS),
  date_basis: z.string(), window: z.enum(WINDOWS), exclusions: z.string(), breakdowns: z.array(z.string()),
  sql: z.string().describe('the SQL that computes it, for the as-of date'),
}).meta({ id: 'MetricExplanation' });
export type MetricExplanation = z.infer<typeof MetricExplanation>;

export const DenialPattern = z.object({
  rank: z.number().int(),
  label: z.string().describe("how the pattern reads, e.g. 'payer SUMMT × modifier 25 billed with 96372'"),
  dimensions: z.object(Object.fromEntries(PATTERN_DIMENSIONS.map((d) => [d, z.string().optional()])) as Record<(typeof PATTERN_DIMENSIONS)[number], z.ZodOptional<z.ZodString>>).strict(),
  lines: z.number().int(), claims: z.number().int(), denied_lines: z.number().int(),
  rate: z.number(), baseline_rate: z.number().describe('the payer’s own denial rate'), lift: z.number().nullable(),
  lower_bound: z.number().describe('95 % Wilson lower bound of the rate'), charges: z.number(), denied_dollars: z.number(), excess_denied_dollars: z.number(),
  top_carc: z.string().nullable(), top_carc_share: z.number().nullable(),
  mixed_causes: z.boolean().describe('the top CARC covers less than 60 % of the denied lines (the finder then also lists each CARC as its own pattern)'),
  carcs: z.array(z.object({ carc: z.string(), lines: z.number().int(), share: z.number().describe('of the denied lines') })).describe('the most frequent CARCs of the denied lines, at most three'),
  category: z.string().nullable().describe('the denial category of most of the denied lines'),
  owner: z.string().nullable().describe('the team that owns the category (the crosswalk’s owner_team)'),
  fix: z.string().nullable().describe('what to do about it, in one line (the crosswalk’s fix)'),
  example_claims: z.array(z.string()), also_explains: z.array(z.string()).describe('the labels of the patterns folded into this one'),
}).meta({ id: 'DenialPattern' });
export type DenialPattern = z.infer<typeof DenialPattern>;

export const DenialPatterns = z.object({
  as_of: IsoDate, from: IsoDate, to: IsoDate,
  baseline: z.record(z.string(), z.number()).describe('denial rate by payer'),
  patterns: z.array(DenialPattern),
}).meta({ id: 'DenialPatterns' });
export type DenialPatterns = z.infer<typeof DenialPatterns>;
