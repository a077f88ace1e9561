// The published reference ranges of benchmarks.json, typed: the band a KPI is drawn against, which way is
// better, and why the source's definition is ours. A metric without a range (none published for its
// definition) still says which way is better (for the change's wording).
import data from './benchmarks.json';

export interface Benchmark {
  /** In the metric's unit (rates as fractions); null when no range is published. */
  low: number | null;
  high: number | null;
  better: 'lower' | 'higher';
  label: string;
  source: string;
  /** Why the source's definition is the metric's (or, with no range, why there is none). */
  matches: string;
}

const BENCHMARKS = data.metrics as Record<string, Benchmark>;

export function benchmarkFor(metricId: string): Benchmark | undefined {
  return BENCHMARKS[metricId];
}
