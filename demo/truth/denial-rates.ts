// Denial rates over a window: initial (claims and lines denied on their claim's first adjudication dated in
// the window; CARC 18 duplicates set aside), final (denial write-offs net of recoveries ÷ net revenue) and the
// overturn rate (denied claims resolved in the window whose denied lines were later paid, first denials as a
// duplicate set aside); the write-offs and the overturn rate by the denial categories of the claim's first
// denial (the first adjudication that denied a line).
import type { Cents } from '../model.ts';
import type { ClaimFacts } from './claim-facts.ts';
import { inWindow, type DateWindow } from './dates.ts';
import type { DayTotals } from './day-totals.ts';
import { ratio, type Ratio } from './ratio.ts';
import { netRevenue } from './collections.ts';
import { countedDenial } from './denial-outcomes.ts';

/** The category of a denial write-off on a claim never denied (mart_adjustment's word for it). */
const UNKNOWN_CATEGORY = '(unknown)';

export interface CountAndAmount {
  count: number;
  amount: Cents;
}

export interface CountAndAmountRate {
  count: Ratio;
  amount: Ratio;
}

/** Numerator and denominator, each as count and dollars (metrics.md: pairs, never one alone). */
class Rate {
  readonly num: CountAndAmount = { count: 0, amount: 0 };
  readonly den: CountAndAmount = { count: 0, amount: 0 };
  toJson(why: string): CountAndAmountRate {
    return { count: ratio(this.num.count, this.den.count, why), amount: ratio(this.num.amount, this.den.amount, why) };
  }
}

const add = (t: CountAndAmount, count: number, amount: Cents) => {
  t.count += count;
  t.amount += amount;
};

function rateOf(map: Map<string, Rate>, key: string): Rate {
  let r = map.get(key);
  if (!r) map.set(key, (r = new Rate()));
  return r;
}

/** The initial denial rate at one grain (claim or line): overall, per category, per payer. */
class InitialDenials {
  readonly all = new Rate();
  readonly duplicates: CountAndAmount = { count: 0, amount: 0 };
  readonly byCategory = new Map<string, Rate>();
  readonly byPayer = new Map<string, Rate>();

  /** One unit (a claim or a line) first adjudicated; `categories` empty when it was not denied. */
  add(payerId: string, amount: Cents, categories: string[]): void {
    const payer = rateOf(this.byPayer, payerId);
    add(this.all.den, 1, amount);
    add(payer.den, 1, amount);
    if (categories.length === 0) return;
    add(this.all.num, 1, amount);
    add(payer.num, 1, amount);
    // a unit denied for several reasons counts once in each of its categories
    for (const c of categories) add(rateOf(this.byCategory, c).num, 1, amount);
  }

  toJson(payers: string[], categories: string[]) {
    const why = 'no claims first adjudicated in the window';
    const byCategory: Record<string, CountAndAmountRate> = {};
    for (const c of categories) {
      const num = this.byCategory.get(c)?.num ?? { count: 0, amount: 0 };
      byCategory[c] = { count: ratio(num.count, this.all.den.count, why), amount: ratio(num.amount, this.all.den.amount, why) };
    }
    const byPayer: Record<string, CountAndAmountRate> = {};
    for (const p of payers) byPayer[p] = (this.byPayer.get(p) ?? new Rate()).toJson(why);
    return { ...this.all.toJson(why), duplicatesExcluded: { ...this.duplicates }, byCategory, byPayer };
  }
}

export type InitialDenialJson = ReturnType<InitialDenials['toJson']>;

export class DenialRates {
  private readonly claims = new InitialDenials();
  private readonly lines = new InitialDenials();
  private finalWriteOffs = 0;
  private finalClaims = 0;
  private overturned = 0;
  private resolvedDenied = 0;
  /** By the denial categories of the claim's first denial: write-offs, and denied claims resolved and overturned. */
  private readonly writeOffsByCategory = new Map<string, Cents>();
  private readonly overturnByCategory = new Map<string, { overturned: number; resolved: number }>();

  constructor(private readonly window: DateWindow) {}

  add(facts: ClaimFacts): void {
    const { claim } = facts.history;
    const first = facts.firstAdjudication;
    if (first && inWindow(first.date, this.window)) {
      const lineCharges = claim.lines.reduce((s, l) => s + l.charge, 0);
      if (first.denial.duplicate) {
        // a duplicate-claim denial says nothing about the claim: out of numerator and denominator
        add(this.claims.duplicates, 1, claim.charge);
        add(this.lines.duplicates, claim.lines.length, lineCharges);
      } else {
        this.claims.add(claim.payerId, claim.charge, first.denial.denied ? first.denial.categories : []);
        for (const l of claim.lines) this.lines.add(claim.payerId, l.charge, first.denial.deniedLines.get(l.number) ?? []);
      }
    }
    // denial write-offs (by their reason's class) dated in the window, net of recoveries dated in it; by the
    // first denial's categories, '(unknown)' when the claim was never denied; a claim counts once in each
    const writtenOff = facts.writeOffs.filter((w) => w.adjustmentClass === 'denial' && inWindow(w.date, this.window));
    const recovered = facts.recoveries.filter((r) => inWindow(r.date, this.window));
    const net = writtenOff.reduce((s, w) => s + w.amount, 0) - recovered.reduce((s, r) => s + r.amount, 0);
    this.finalWriteOffs += net;
    if (writtenOff.length > 0) this.finalClaims++;
    if (writtenOff.length > 0 || recovered.length > 0) {
      for (const c of facts.firstDenialCauses?.categories ?? [UNKNOWN_CATEGORY]) this.writeOffsByCategory.set(c, (this.writeOffsByCategory.get(c) ?? 0) + net);
    }
    // a claim whose first denial was a duplicate is left out; a denied claim resolves on or after its first denial
    const denial = countedDenial(facts);
    if (denial !== null && inWindow(denial.resolved, this.window)) {
      const overturned = facts.overturnedOn !== null && facts.overturnedOn <= this.window.to;
      this.resolvedDenied++;
      if (overturned) this.overturned++;
      for (const c of denial.categories) {
        const r = this.overturnByCategory.get(c) ?? { overturned: 0, resolved: 0 };
        this.overturnByCategory.set(c, { overturned: r.overturned + (overturned ? 1 : 0), resolved: r.resolved + 1 });
      }
    }
  }

  toJson(totals: DayTotals, payers: string[], categories: string[]) {
    return {
      initialDenialRate: this.claims.toJson(payers, categories),
      initialDenialRateLine: this.lines.toJson(payers, categories),
      finalDenialRate: {
        amount: ratio(this.finalWriteOffs, netRevenue(totals, this.window), 'no charges with DOS in the window'),
        claims: this.finalClaims,
      },
      denialOverturnRate: ratio(this.overturned, this.resolvedDenied, 'no denied claims resolved in the window'),
      denialWriteOffsByCategory: Object.fromEntries([...this.writeOffsByCategory].sort(([a], [b]) => a.localeCompare(b))),
      denialOverturnRateByCategory: Object.fromEntries([...this.overturnByCategory].sort(([a], [b]) => a.localeCompare(b))
        .map(([c, r]) => [c, ratio(r.overturned, r.resolved, 'no denied claims resolved in the window')])),
    };
  }
}
