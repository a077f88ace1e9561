// What became of denials, from the simulation's own events: days from a claim's first denial (the first
// adjudication that denied a line) to its first appeal (the appeal log's earliest appeal on or after it) and to
// its resolution (the first day on or after it that the balance is ≤ 0), over a window (median and p90, overall
// and by the first denial's categories); and the denials still open at an as-of date D (first denied on or
// before D, not resolved by D), counted with their balance at D, by category and by age since the first
// denial. A claim whose first denial was a duplicate denial (CARC 18) is left out.
import type { Cents, IsoDate } from '../model.ts';
import { ageBucket } from './ar.ts';
import { balanceAt } from './balance.ts';
import type { ClaimFacts } from './claim-facts.ts';
import { daysBetween, inWindow, type DateWindow } from './dates.ts';
import { Histogram, type Quantiles } from './quantile.ts';

/** A denied claim the outcome metrics count: its first denial, that denial's categories and resolution, or null (not denied, or a duplicate). */
export function countedDenial(facts: ClaimFacts): { denied: IsoDate; categories: string[]; resolved: IsoDate | null } | null {
  const causes = facts.firstDenialCauses;
  if (facts.firstDenial === null || causes === null || causes.duplicate) return null;
  return { denied: facts.firstDenial, categories: causes.categories, resolved: facts.denialResolvedOn };
}

class ByCategory {
  readonly all = new Histogram();
  readonly byCategory = new Map<string, Histogram>();

  add(days: number, categories: string[]): void {
    this.all.add(days);
    for (const c of categories) {
      let h = this.byCategory.get(c);
      if (!h) this.byCategory.set(c, (h = new Histogram()));
      h.add(days);
    }
  }

  toJson(why: string): { overall: Quantiles; byCategory: Record<string, Quantiles> } {
    return { overall: this.all.summary(why), byCategory: Object.fromEntries([...this.byCategory].sort(([a], [b]) => a.localeCompare(b)).map(([c, h]) => [c, h.summary(why)])) };
  }
}

export class DenialOutcomes {
  private readonly toAppeal = new ByCategory();
  private readonly toResolution = new ByCategory();

  constructor(private readonly window: DateWindow) {}

  add(facts: ClaimFacts): void {
    const denial = countedDenial(facts);
    if (!denial) return;
    if (facts.firstAppeal !== null && inWindow(facts.firstAppeal, this.window)) this.toAppeal.add(daysBetween(denial.denied, facts.firstAppeal), denial.categories);
    if (denial.resolved !== null && inWindow(denial.resolved, this.window)) this.toResolution.add(daysBetween(denial.denied, denial.resolved), denial.categories);
  }

  toJson() {
    return {
      daysToAppeal: this.toAppeal.toJson('no denied claims first appealed in the window'),
      daysToResolution: this.toResolution.toJson('no denied claims resolved in the window'),
    };
  }
}

export interface CountAndAmount {
  count: number;
  amount: Cents;
}

export interface OpenDenialsReport extends CountAndAmount {
  byCategory: Record<string, CountAndAmount>;
  /** Age since the first denial: 0-30 … 181+. */
  byAge: Record<string, CountAndAmount>;
}

/** The denials open at D, with their total balance at D. */
export class OpenDenials {
  private readonly total: CountAndAmount = { count: 0, amount: 0 };
  private readonly byCategory = new Map<string, CountAndAmount>();
  private readonly byAge = new Map<string, CountAndAmount>();

  constructor(readonly date: IsoDate) {}

  add(facts: ClaimFacts): void {
    const denial = countedDenial(facts);
    const D = this.date;
    if (!denial || denial.denied > D || (denial.resolved !== null && denial.resolved <= D)) return;
    const balance = balanceAt(facts.timeline, D)?.total ?? 0;
    const put = (map: Map<string, CountAndAmount>, key: string) => {
      const t = map.get(key) ?? { count: 0, amount: 0 };
      map.set(key, { count: t.count + 1, amount: t.amount + balance });
    };
    this.total.count++;
    this.total.amount += balance;
    for (const c of denial.categories) put(this.byCategory, c);
    put(this.byAge, ageBucket(daysBetween(denial.denied, D)));
  }

  toJson(): OpenDenialsReport {
    const sorted = (m: Map<string, CountAndAmount>) => Object.fromEntries([...m].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })));
    return { ...this.total, byCategory: sorted(this.byCategory), byAge: sorted(this.byAge) };
  }
}
