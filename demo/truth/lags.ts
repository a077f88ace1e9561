// Lags in days: payer lag (first submission → first adjudication, claims first adjudicated in the window,
// any outcome, by payer) and charge lag (DOS → first submission, claims first submitted in the window).
import type { ClaimFacts } from './claim-facts.ts';
import { daysBetween, inWindow, type DateWindow } from './dates.ts';
import { Histogram, type Quantiles } from './quantile.ts';

export class Lags {
  private readonly payerLag = new Histogram();
  private readonly payerLagByPayer = new Map<string, Histogram>();
  private readonly chargeLag = new Histogram();

  constructor(private readonly window: DateWindow) {}

  add(facts: ClaimFacts): void {
    const { claim } = facts.history;
    const submitted = facts.firstSubmission;
    const first = facts.firstAdjudication;
    if (submitted !== null && first && inWindow(first.date, this.window)) {
      const lag = daysBetween(submitted, first.date);
      this.payerLag.add(lag);
      let h = this.payerLagByPayer.get(claim.payerId);
      if (!h) this.payerLagByPayer.set(claim.payerId, (h = new Histogram()));
      h.add(lag);
    }
    if (inWindow(submitted, this.window)) this.chargeLag.add(daysBetween(claim.serviceDate, submitted!));
  }

  toJson(payers: string[]): { payerLagDays: { overall: Quantiles; byPayer: Record<string, Quantiles> }; chargeLagDays: Quantiles } {
    const why = 'no claims first adjudicated in the window';
    const byPayer: Record<string, Quantiles> = {};
    for (const p of payers) byPayer[p] = (this.payerLagByPayer.get(p) ?? new Histogram()).summary(why);
    return {
      payerLagDays: { overall: this.payerLag.summary(why), byPayer },
      chargeLagDays: this.chargeLag.summary('no claims first submitted in the window'),
    };
  }
}
