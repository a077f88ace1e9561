// The A/R roll-forward for a window (start, end]: (A/R − credits)(end) against (A/R − credits)(start) plus
// the window's flows. A/R and credits at any date come from day-by-day changes of each claim's place in them.
import type { Cents, IsoDate } from '../model.ts';
import { FLOW_SIGN, FLOWS, type BalancePoint, type Flow } from './balance.ts';
import { addDays, type DateWindow } from './dates.ts';
import { ADJUSTMENT_CLASSES, type AdjustmentClass } from './adjustment-classes.ts';
import { adjustmentKey } from './collections.ts';
import type { DayTotals } from './day-totals.ts';

const AR = 'arChange';
const AR_CLAIMS = 'arClaimsChange';
const CREDIT = 'creditChange';
const CREDIT_CLAIMS = 'creditClaimsChange';

/** Records when a claim enters, moves within or leaves A/R and the credit balances. Returns whether it ever had
 *  a positive balance before its DOS (impossible unless a refund precedes the service: the roll-forward breaks). */
export function addArChanges(totals: DayTotals, timeline: BalancePoint[], serviceDate: IsoDate): boolean {
  let ar = 0;
  let credit = 0;
  let anomaly = false;
  for (const p of timeline) {
    const nextAr = p.total > 0 && p.date >= serviceDate ? p.total : 0;
    const nextCredit = p.total < 0 ? -p.total : 0;
    if (p.total > 0 && p.date < serviceDate) anomaly = true;
    totals.add(AR, p.date, nextAr - ar);
    totals.add(AR_CLAIMS, p.date, Number(nextAr > 0) - Number(ar > 0));
    totals.add(CREDIT, p.date, nextCredit - credit);
    totals.add(CREDIT_CLAIMS, p.date, Number(nextCredit > 0) - Number(credit > 0));
    ar = nextAr;
    credit = nextCredit;
  }
  return anomaly;
}

export const arThrough = (totals: DayTotals, date: IsoDate) => ({ ar: totals.through(AR, date), credits: totals.through(CREDIT, date) });

export interface RollForward extends Record<Flow, Cents> {
  /** The window is (start, end]. */
  start: IsoDate;
  end: IsoDate;
  arStart: Cents;
  creditBalancesStart: Cents;
  arEnd: Cents;
  creditBalancesEnd: Cents;
  /** (A/R − credits)(start) + charges − insurance paid − payer adjustments − patient payments − write-offs + refunds. */
  expectedEnd: Cents;
  /** (A/R − credits)(end). */
  actualEnd: Cents;
  holds: boolean;
  /** Payer adjustments and write-offs of the window by adjustment class, as they were posted (recoveries are payments). */
  adjustmentsByClass: Record<AdjustmentClass, Cents>;
}

export function rollForward(totals: DayTotals, w: DateWindow): RollForward {
  const start = addDays(w.from, -1);
  const before = arThrough(totals, start);
  const after = arThrough(totals, w.to);
  const flows = {} as Record<Flow, Cents>;
  let expectedEnd = before.ar - before.credits;
  for (const f of FLOWS) {
    flows[f] = totals.between(f, w.from, w.to);
    expectedEnd += FLOW_SIGN[f] * flows[f];
  }
  const actualEnd = after.ar - after.credits;
  return {
    start, end: w.to, arStart: before.ar, creditBalancesStart: before.credits, arEnd: after.ar, creditBalancesEnd: after.credits,
    ...flows, expectedEnd, actualEnd, holds: expectedEnd === actualEnd,
    adjustmentsByClass: Object.fromEntries(ADJUSTMENT_CLASSES.map((c) => [c, totals.between(adjustmentKey(c), w.from, w.to)])) as Record<AdjustmentClass, Cents>,
  };
}
