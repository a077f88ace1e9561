// What each event does to a claim's balance (metrics.md, "Claim state at an as-of date D"), as movements:
// a flow of the A/R roll-forward (charges, insurance paid, payer adjustments, patient payments, write-offs,
// refunds) and its effect on the patient portion. The total balance is Σ sign(flow) × amount.
import type { Adjudication, Cents, Claim, IsoDate, Posting } from '../model.ts';
import type { ClassifiedAdjustment } from './crosswalk.ts';

export type Flow = 'charges' | 'insurancePaid' | 'payerAdjustments' | 'patientPayments' | 'writeOffs' | 'refunds';
export const FLOWS: readonly Flow[] = ['charges', 'insurancePaid', 'payerAdjustments', 'patientPayments', 'writeOffs', 'refunds'];
export const FLOW_SIGN: Record<Flow, 1 | -1> = { charges: 1, insurancePaid: -1, payerAdjustments: -1, patientPayments: -1, writeOffs: -1, refunds: 1 };

export interface Movement {
  date: IsoDate;
  /** null: moves dollars between the portions without changing the total (PR). */
  flow: Flow | null;
  amount: Cents;
  /** Change of the patient portion. */
  patient: Cents;
  /** The payer whose remittance carried it (insurance payments, for collections by payer). */
  payerId?: string;
}

export interface BalancePoint {
  date: IsoDate;
  total: Cents;
  patient: Cents;
}

/** A crossover's record (CLP02 2/3), or the reversal of one (a reversal keeps the secondary payer's id). */
export function isSecondary(adjudication: Adjudication, claim: Claim): boolean {
  return adjudication.status === '2' || adjudication.status === '3' || (adjudication.isReversal && adjudication.payerId !== claim.payerId);
}

/** The charge enters on the DOS. A self-pay claim has no payer: all of it is the patient's from the start. */
export function chargeMovement(claim: Claim, selfPay: boolean): Movement {
  return { date: claim.serviceDate, flow: 'charges', amount: claim.charge, patient: selfPay ? claim.charge : 0 };
}

export function adjudicationMovements(adjudication: Adjudication, cas: ClassifiedAdjustment[], secondary: boolean): Movement[] {
  const { date, payerId } = adjudication;
  let patientShare = 0;
  let payerAdjustments = 0;
  for (const a of cas) {
    if (a.group === 'PR') {
      // PR moves dollars to the patient; a secondary's PR only restates what is left, so it moves nothing
      if (!secondary) patientShare += a.amount;
    } else if (a.isDenial) {
      // denied dollars stay in A/R (insurance portion) until paid, adjusted or written off
    } else if (secondary && a.category === 'prior_payer') {
      // OA 23 on a crossover restates the primary's payment and contractual, already counted
    } else {
      payerAdjustments += a.amount;
    }
  }
  // a secondary settles the patient's cost share: what it pays or adjusts off comes out of the patient portion
  const fromPatient = secondary ? -1 : 0;
  return [
    { date, flow: 'insurancePaid', amount: adjudication.paid, patient: fromPatient * adjudication.paid, payerId },
    { date, flow: 'payerAdjustments', amount: payerAdjustments, patient: fromPatient * payerAdjustments },
    { date, flow: null, amount: 0, patient: patientShare },
  ];
}

/** Postings name whose dollars they touch; on a self-pay claim every dollar is the patient's. */
export function postingMovement(posting: Posting, selfPay: boolean): Movement {
  const patientDollars = selfPay || posting.portion === 'patient';
  const { date, amount } = posting;
  switch (posting.type) {
    case 'patient_payment':
      return { date, flow: 'patientPayments', amount, patient: -amount };
    case 'refund':
      return { date, flow: 'refunds', amount, patient: patientDollars ? amount : 0 };
    case 'write_off':
      return { date, flow: 'writeOffs', amount, patient: patientDollars ? -amount : 0 };
    case 'statement':
      return { date, flow: null, amount: 0, patient: 0 };
  }
}

/** The balance after all events of each date (same-day events are applied together), in date order. */
export function balanceTimeline(movements: Movement[]): BalancePoint[] {
  const byDate = new Map<IsoDate, BalancePoint>();
  for (const m of movements) {
    const point = byDate.get(m.date) ?? { date: m.date, total: 0, patient: 0 };
    if (m.flow) point.total += FLOW_SIGN[m.flow] * m.amount;
    point.patient += m.patient;
    byDate.set(m.date, point);
  }
  const points = [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  let total = 0;
  let patient = 0;
  for (const p of points) {
    total = p.total += total;
    patient = p.patient += patient;
  }
  return points;
}

/** The last point dated ≤ date, or null before the first event. */
export function balanceAt(timeline: BalancePoint[], date: IsoDate): BalancePoint | null {
  let lo = 0;
  let hi = timeline.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (timeline[mid].date <= date) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? null : timeline[lo - 1];
}

/** Resolved = the first date (from the DOS on) the total balance is ≤ 0. */
export function resolutionDate(timeline: BalancePoint[], serviceDate: IsoDate): IsoDate | null {
  return timeline.find((p) => p.date >= serviceDate && p.total <= 0)?.date ?? null;
}

/**
 * A denial's resolution = the first date on or after the first denial (and the DOS) that the total balance is
 * ≤ 0: the denial's own date when the balance that day already is, since a denial need not move the balance.
 */
export function denialResolutionDate(timeline: BalancePoint[], serviceDate: IsoDate, firstDenial: IsoDate): IsoDate | null {
  const from = firstDenial > serviceDate ? firstDenial : serviceDate;
  const then = balanceAt(timeline, from);
  if (then !== null && then.total <= 0) return from;
  return timeline.find((p) => p.date > from && p.total <= 0)?.date ?? null;
}
