// The work queues at an as-of date D (metrics.md, "Work queues"), from the simulation's own events: which claims
// are in unbilled, rejected, no_response, open_denial, underpaid and credit_balance, with their balance, the days left to
// the payer's limit and the days since what put them there. The payer's limits are the practice's own
// (demo/practice/payer-limits.ts, the profile the demo writes).
import type { Cents, IsoDate } from '../model.ts';
import type { PayerLimits } from '../practice/payer-limits.ts';
import { balanceAt } from './balance.ts';
import type { ClaimFacts } from './claim-facts.ts';
import { rejectedAt } from './rejections.ts';
import { underpaidAt, type ContractPrice } from './underpayments.ts';

export const QUEUES = ['unbilled', 'rejected', 'no_response', 'open_denial', 'underpaid', 'credit_balance'] as const;
export type Queue = (typeof QUEUES)[number];

export interface QueueClaim {
  balance: Cents;
  daysLeft: number | null;
  daysSince: number | null;
}

export interface QueueReport {
  count: number;
  amount: Cents;
  claims: Record<string, QueueClaim>;
}

const FOLLOW_UP_DAYS = 45;

const days = (from: IsoDate, to: IsoDate) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

export class WorkQueues {
  private readonly queues = new Map<Queue, Map<string, QueueClaim>>(QUEUES.map((q) => [q, new Map()]));

  constructor(readonly date: IsoDate, private readonly limits: ReadonlyMap<string, PayerLimits>, private readonly price: ContractPrice) {}

  add(facts: ClaimFacts): void {
    const D = this.date;
    const { claim } = facts.history;
    const state = balanceAt(facts.timeline, D);
    if (!state || claim.serviceDate > D) return;
    const put = (q: Queue, daysLeft: number | null, daysSince: number | null) => this.queues.get(q)!.set(claim.id, { balance: state.total, daysLeft, daysSince });
    const limits = facts.selfPay ? undefined : this.limits.get(claim.payerId);
    const filingLeft = limits ? limits.timelyFilingDays - days(claim.serviceDate, D) : null;

    const submissions = facts.history.submissions.filter((s) => s.date <= D).map((s) => s.date).sort();
    const lastSubmission = submissions.at(-1) ?? null;
    const remitted = facts.remittedDates.some((d) => d <= D);
    const firstAdjudicated = facts.firstAdjudication !== null && facts.firstAdjudication.date <= D;
    const billed = facts.selfPay || submissions.length > 0 || firstAdjudicated;

    // the front end's word by D: rejected when the latest submission's latest acknowledgment is a rejection (the still_rejected metric's claims)
    const rejected = rejectedAt(facts, D);

    if (!facts.selfPay && !billed && state.total > 0) put('unbilled', filingLeft, null);
    if (rejected && state.total > 0) put('rejected', filingLeft, days(rejected.date, D));
    if (lastSubmission !== null && !remitted && !rejected && state.total > 0
      && days(lastSubmission, D) > (limits?.followUpDays ?? FOLLOW_UP_DAYS)) put('no_response', filingLeft, days(lastSubmission, D));
    const latest = facts.primaries.filter((p) => p.date <= D).at(-1);
    if (latest?.denied && state.total - state.patient > 0) put('open_denial', limits ? limits.appealDays - days(latest.date, D) : null, days(latest.date, D));
    const underpaid = facts.selfPay ? null : underpaidAt(facts.history, D, this.price);
    if (underpaid) put('underpaid', limits ? limits.appealDays - days(underpaid.date, D) : null, days(underpaid.date, D));
    if (state.total < 0) {
      // the start of the run of negative balances the claim is in at D
      const points = facts.timeline.filter((p) => p.date <= D);
      let since = points.at(-1)!.date;
      for (let i = points.length - 1; i >= 0 && points[i].total < 0; i--) since = points[i].date;
      put('credit_balance', null, days(since, D));
    }
  }

  toJson(): Record<Queue, QueueReport> {
    return Object.fromEntries(QUEUES.map((q) => {
      const claims = [...this.queues.get(q)!].sort(([a], [b]) => a.localeCompare(b));
      return [q, { count: claims.length, amount: claims.reduce((s, [, c]) => s + c.balance, 0), claims: Object.fromEntries(claims) }];
    })) as Record<Queue, QueueReport>;
  }
}
