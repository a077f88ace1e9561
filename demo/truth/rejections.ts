// Front-end rejections analysed like denials, from the simulation's own sends and acknowledgments: per window,
// the submissions (first and later) acknowledged and rejected, by reason code and by payer, and the days from a
// rejection to the claim's next submission sent on or after it; per as-of date, the claims still rejected (the
// latest acknowledgment of the latest submission a rejection, a balance owed), which the work queues' rejected
// queue reads too. A void (frequency 8) bills nothing and is no submission. Reason codes are written as the
// warehouse lists them (mart_rejection), each counted from the date an acknowledgment gave it: a 999 R set
// carries write999's one error, a 277CA its STC01.
import { REJECTED_SET } from '../files/write-999.ts';
import type { Cents, IsoDate, Submission } from '../model.ts';
import { balanceAt } from './balance.ts';
import type { ClaimFacts } from './claim-facts.ts';
import { daysBetween, inWindow, type DateWindow } from './dates.ts';
import { Histogram, type Quantiles } from './quantile.ts';
import { ratio, type Ratio } from './ratio.ts';

const REJECTING_277 = new Set(['A3', 'A4', 'A6', 'A7', 'A8']);

const REJECTED_999_CODES = [
  `999 IK3 ${REJECTED_SET.segment}:${REJECTED_SET.segmentError}`,
  `999 IK4 ${REJECTED_SET.elementReference}:${REJECTED_SET.elementError}`,
  `999 IK5 R:${REJECTED_SET.setError}`,
];

/** One submission with what the front end said of it, dated. */
interface Send {
  submission: Submission;
  /** Every acknowledgment, in the order the front end spoke: by date, a 277CA after a 999 the same day. */
  acknowledgments: { date: IsoDate; rejected: boolean }[];
  /** Each rejecting acknowledgment's date and reason codes. */
  rejections: { date: IsoDate; codes: string[] }[];
}

/** The claim's submissions by the horizon in date order (voids apart), with their acknowledgments by then (an acknowledgment names its submission by date). */
export function sendsOf(facts: ClaimFacts, horizon: IsoDate): Send[] {
  const { history } = facts;
  const known = <T extends { date: IsoDate }>(events: T[]) => events.filter((e) => e.date <= horizon);
  return known(history.submissions).filter((s) => s.frequency !== '8').sort((a, b) => a.date.localeCompare(b.date)).map((submission) => {
    const acks999 = known(history.acknowledgments999).filter((a) => a.submissionDate === submission.date);
    const acks277 = known(history.statuses277).filter((s) => s.submissionDate === submission.date);
    return {
      submission,
      acknowledgments: [
        ...acks999.map((a) => ({ date: a.date, order: 0, rejected: a.status === 'R' })),
        ...acks277.map((s) => ({ date: s.date, order: 1, rejected: REJECTING_277.has(s.category) })),
      ].sort((a, b) => a.date.localeCompare(b.date) || a.order - b.order).map(({ date, rejected }) => ({ date, rejected })),
      rejections: [
        ...acks999.filter((a) => a.status === 'R').map((a) => ({ date: a.date, codes: REJECTED_999_CODES })),
        ...acks277.filter((s) => REJECTING_277.has(s.category)).map((s) => ({ date: s.date, codes: [`277CA ${[s.category, s.statusCode, s.entity].filter(Boolean).join(':')}`] })),
      ],
    };
  });
}

const rejectedBy = (send: Send, d: IsoDate) => send.rejections.filter((r) => r.date <= d);
const codesOf = (rejections: Send['rejections']) => [...new Set(rejections.flatMap((r) => r.codes))].sort();

/**
 * The claim as the front end leaves it at D when that is rejected: its latest submission by D whose latest
 * acknowledgment by D is a rejection, with that rejection's date and the reason codes given by D; else null.
 */
export function rejectedAt(facts: ClaimFacts, D: IsoDate): { date: IsoDate; codes: string[] } | null {
  const latest = sendsOf(facts, D).at(-1);
  const word = latest?.acknowledgments.at(-1);
  return latest && word?.rejected ? { date: word.date, codes: codesOf(rejectedBy(latest, D)) } : null;
}

interface Counted { count: number; amount: Cents }
const add = (map: Map<string, Counted>, key: string, amount: Cents) => {
  const c = map.get(key) ?? { count: 0, amount: 0 };
  map.set(key, { count: c.count + 1, amount: c.amount + amount });
};
const sorted = (map: Map<string, Counted>) => Object.fromEntries([...map].sort(([a], [b]) => a.localeCompare(b)));

export interface RejectionRate {
  count: Ratio;
  amount: Ratio;
  /** Rejected submissions under each reason code (a submission once under each of its codes). */
  byReason: Record<string, Counted>;
  /** The claims behind each reason's rejected submissions (a claim rejected twice for it counts once: the claim list's drill). */
  claimsByReason: Record<string, number>;
  /** Per payer the submission was sent to: rejected over acknowledged. */
  byPayer: Record<string, Ratio>;
}

export class Rejections {
  private acknowledged: Counted = { count: 0, amount: 0 };
  private rejected: Counted = { count: 0, amount: 0 };
  private readonly byReason = new Map<string, Counted>();
  private readonly claimsByReason = new Map<string, Set<string>>();
  private readonly acknowledgedByPayer = new Map<string, Counted>();
  private readonly rejectedByPayer = new Map<string, Counted>();
  private readonly lag = new Histogram();

  constructor(private readonly window: DateWindow) {}

  add(facts: ClaimFacts): void {
    const D = this.window.to;
    const sends = sendsOf(facts, D);
    sends.forEach((send, i) => {
      const { submission } = send;
      const charge = submission.claim.charge;
      const rejections = rejectedBy(send, D);
      if (inWindow(submission.date, this.window) && send.acknowledgments.length > 0) {
        this.acknowledged = { count: this.acknowledged.count + 1, amount: this.acknowledged.amount + charge };
        add(this.acknowledgedByPayer, submission.payerId, charge);
        if (rejections.length > 0) {
          this.rejected = { count: this.rejected.count + 1, amount: this.rejected.amount + charge };
          add(this.rejectedByPayer, submission.payerId, charge);
          for (const code of codesOf(rejections)) {
            add(this.byReason, code, charge);
            this.claimsByReason.set(code, (this.claimsByReason.get(code) ?? new Set()).add(facts.history.claim.id));
          }
        }
      }
      // a send made before the rejection arrived does not answer it
      const next = sends[i + 1];
      const rejected = rejections.map((r) => r.date).sort()[0];
      if (rejected && next && inWindow(next.submission.date, this.window) && next.submission.date >= rejected) {
        this.lag.add(daysBetween(rejected, next.submission.date));
      }
    });
  }

  toJson(anyAcknowledgments: boolean): { rejectionRate: RejectionRate; resubmissionLagDays: Quantiles } {
    const why = anyAcknowledgments ? 'no acknowledged submissions in the window' : 'no acknowledgments ingested';
    const byPayer = Object.fromEntries([...this.acknowledgedByPayer.keys()].sort().map((p) => [p, ratio(this.rejectedByPayer.get(p)?.count ?? 0, this.acknowledgedByPayer.get(p)!.count, why)]));
    return {
      rejectionRate: {
        count: ratio(this.rejected.count, this.acknowledged.count, why),
        amount: ratio(this.rejected.amount, this.acknowledged.amount, why),
        byReason: sorted(this.byReason),
        claimsByReason: Object.fromEntries([...this.claimsByReason].sort(([a], [b]) => a.localeCompare(b)).map(([code, claims]) => [code, claims.size])),
        byPayer,
      },
      resubmissionLagDays: this.lag.summary('no resubmissions after a rejection in the window'),
    };
  }
}

export interface StillRejectedReport extends Counted {
  byReason: Record<string, Counted>;
  claims: string[];
}

/** The claims still rejected at D (rejectedAt), a balance owed at D. */
export class StillRejected {
  private readonly claims: { id: string; balance: Cents; codes: string[] }[] = [];

  constructor(readonly date: IsoDate) {}

  add(facts: ClaimFacts): void {
    const D = this.date;
    const { claim } = facts.history;
    const state = balanceAt(facts.timeline, D);
    if (!state || claim.serviceDate > D || state.total <= 0) return;
    const rejected = rejectedAt(facts, D);
    if (rejected) this.claims.push({ id: claim.id, balance: state.total, codes: rejected.codes });
  }

  toJson(): StillRejectedReport {
    const byReason = new Map<string, Counted>();
    for (const c of this.claims) for (const code of c.codes) add(byReason, code, c.balance);
    return {
      count: this.claims.length,
      amount: this.claims.reduce((s, c) => s + c.balance, 0),
      byReason: sorted(byReason),
      claims: this.claims.map((c) => c.id).sort(),
    };
  }
}
