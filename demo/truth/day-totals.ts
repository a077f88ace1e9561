// Dated sums keyed by name (e.g. 'insurancePaid', 'contractual|MCRB1'): every window, month and as-of total
// is a range sum over days, so a million claims reduce to a few thousand days per key.
import type { IsoDate } from '../model.ts';

interface Sealed {
  dates: IsoDate[];
  /** prefix[i] = Σ of the first i dates. */
  prefix: number[];
}

export class DayTotals {
  private readonly open = new Map<string, Map<IsoDate, number>>();
  private sealed: Map<string, Sealed> | null = null;

  add(key: string, date: IsoDate, amount: number): void {
    if (this.sealed) throw new Error('DayTotals: add after reading');
    if (amount === 0) return;
    let days = this.open.get(key);
    if (!days) this.open.set(key, (days = new Map()));
    days.set(date, (days.get(date) ?? 0) + amount);
  }

  private seal(): Map<string, Sealed> {
    if (this.sealed) return this.sealed;
    this.sealed = new Map();
    for (const [key, days] of this.open) {
      const dates = [...days.keys()].sort();
      const prefix = [0];
      for (const d of dates) prefix.push(prefix[prefix.length - 1] + (days.get(d) ?? 0));
      this.sealed.set(key, { dates, prefix });
    }
    return this.sealed;
  }

  /** Σ over dates < date (or ≤ date when inclusive). */
  private upTo(key: string, date: IsoDate, inclusive: boolean): number {
    const s = this.seal().get(key);
    if (!s) return 0;
    let lo = 0;
    let hi = s.dates.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (s.dates[mid] < date || (inclusive && s.dates[mid] === date)) lo = mid + 1;
      else hi = mid;
    }
    return s.prefix[lo];
  }

  /** Σ over dates ≤ date. */
  through(key: string, date: IsoDate): number {
    return this.upTo(key, date, true);
  }

  /** Σ over from ≤ date ≤ to. */
  between(key: string, from: IsoDate, to: IsoDate): number {
    return this.upTo(key, to, true) - this.upTo(key, from, false);
  }

  /** The earliest date of any key, or null when empty. */
  firstDate(): IsoDate | null {
    let first: IsoDate | null = null;
    for (const s of this.seal().values()) if (s.dates.length > 0 && (first === null || s.dates[0] < first)) first = s.dates[0];
    return first;
  }
}
