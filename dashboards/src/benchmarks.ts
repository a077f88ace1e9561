// The published reference ranges of benchmarks.json, typed: the band a KPI is drawn against and which
// way is better. A metric without a range still says which way is better (for the change's wording).
import data from './benchmarks.json';

export interface Benchmark {
  /** In the metric's unit (rates as fractions); null when no range is published. */
  low: number | null;
  high: number | null;
  better: 'lower' | 'higher';
  label: string;
  source: string;
}

const BENCHMARKS = data.metrics as Record<string, Benchmark>;

export function benchmarkFor(metricId: string): Benchmark | undefined {
  return BENCHMARKS[metricId];
}
