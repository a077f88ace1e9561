// Median and p90 of whole-day lags, with DuckDB's quantile_cont semantics: linear interpolation at
// position (n − 1)·q over the sorted values. Lags are small integers, so a histogram (value → count) keeps
// a million claims in a few hundred entries and gives the same answer as sorting them.
import { round2 } from './ratio.ts';

export interface Quantiles {
  n: number;
  median: number | null;
  p90: number | null;
  unavailable?: string;
}

export class Histogram {
  private readonly counts = new Map<number, number>();
  n = 0;

  add(value: number): void {
    this.counts.set(value, (this.counts.get(value) ?? 0) + 1);
    this.n++;
  }

  /** The k-th smallest value (0-based). */
  private nth(sorted: [number, number][], k: number): number {
    let seen = 0;
    for (const [value, count] of sorted) {
      seen += count;
      if (k < seen) return value;
    }
    throw new Error(`quantile position ${k} beyond ${this.n} values`);
  }

  quantile(q: number): number | null {
    if (this.n === 0) return null;
    const sorted = [...this.counts].sort((a, b) => a[0] - b[0]);
    const position = (this.n - 1) * q;
    const lo = Math.floor(position);
    const low = this.nth(sorted, lo);
    const high = this.nth(sorted, Math.ceil(position));
    return round2(low + (position - lo) * (high - low));
  }

  summary(whenEmpty = 'no claims in the window'): Quantiles {
    if (this.n === 0) return { n: 0, median: null, p90: null, unavailable: whenEmpty };
    return { n: this.n, median: this.quantile(0.5), p90: this.quantile(0.9) };
  }
}
