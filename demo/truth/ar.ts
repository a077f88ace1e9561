// A/R at an as-of date D, claim by claim: A/R = Σ positive total balances of claims with DOS ≤ D, credit
// balances beside it (never netted), the insurance / patient split by payer, and the two agings.
import type { Cents, IsoDate } from '../model.ts';
import { balanceAt } from './balance.ts';
import type { ClaimFacts } from './claim-facts.ts';
import { addDays, daysBetween } from './dates.ts';
import { ratio, type Ratio } from './ratio.ts';

export interface Tally {
  amount: Cents;
  claims: number;
}

export const AGE_BUCKETS = ['0-30', '31-60', '61-90', '91-120', '121-180', '181+'] as const;
export const UNSUBMITTED = 'unsubmitted';
const BUCKET_MAX = [30, 60, 90, 120, 180, Infinity];

export function ageBucket(days: number): string {
  return AGE_BUCKETS[BUCKET_MAX.findIndex((max) => days <= max)];
}

/** Claim charges counted by value (charge → claims), per payer: per-claim rounding of charge × r needs only that. */
export type ChargeCounts = Map<string, Map<Cents, number>>;

function countCharge(counts: ChargeCounts, payerId: string, charge: Cents): void {
  let byCharge = counts.get(payerId);
  if (!byCharge) counts.set(payerId, (byCharge = new Map()));
  byCharge.set(charge, (byCharge.get(charge) ?? 0) + 1);
}

const tally = (): Tally => ({ amount: 0, claims: 0 });
function addTo(map: Map<string, Tally>, key: string, amount: Cents): void {
  const t = map.get(key) ?? tally();
  t.amount += amount;
  t.claims++;
  map.set(key, t);
}

export class ArSnapshot {
  readonly ar = tally();
  insurance = 0;
  patient = 0;
  readonly insuranceByPayer = new Map<string, Cents>();
  readonly credits = tally();
  readonly byServiceAge = new Map<string, Tally>();
  readonly bySubmissionAge = new Map<string, Tally>();
  /** Gross charges with D − 90 < DOS ≤ D. */
  recentCharges = 0;
  readonly recentByPayer: ChargeCounts = new Map();
  /** A/R claims with no first adjudication by D: their expected contractual is still in the balance. */
  readonly unadjudicatedByPayer: ChargeCounts = new Map();
  private readonly recentFrom: IsoDate;

  constructor(readonly date: IsoDate) {
    this.recentFrom = addDays(date, -89);
  }

  add(facts: ClaimFacts): void {
    const { claim } = facts.history;
    const D = this.date;
    if (this.recentFrom <= claim.serviceDate && claim.serviceDate <= D) {
      this.recentCharges += claim.charge;
      countCharge(this.recentByPayer, claim.payerId, claim.charge);
    }
    const state = balanceAt(facts.timeline, D);
    if (state === null) return;
    // a credit balance counts whatever the DOS (a prepayment), so that the roll-forward ties to the cent
    if (state.total < 0) {
      this.credits.amount -= state.total;
      this.credits.claims++;
    }
    if (state.total <= 0 || claim.serviceDate > D) return;
    this.ar.amount += state.total;
    this.ar.claims++;
    this.patient += state.patient;
    this.insurance += state.total - state.patient;
    this.insuranceByPayer.set(claim.payerId, (this.insuranceByPayer.get(claim.payerId) ?? 0) + state.total - state.patient);
    addTo(this.byServiceAge, ageBucket(daysBetween(claim.serviceDate, D)), state.total);
    const submitted = facts.firstSubmission !== null && facts.firstSubmission <= D;
    addTo(this.bySubmissionAge, submitted ? ageBucket(daysBetween(facts.firstSubmission!, D)) : UNSUBMITTED, state.total);
    if (facts.firstAdjudication === null || facts.firstAdjudication.date > D) countCharge(this.unadjudicatedByPayer, claim.payerId, claim.charge);
  }
}

export interface Aging {
  buckets: Record<string, Tally>;
  over90: Ratio;
  over120: Ratio;
}

function aging(byAge: Map<string, Tally>, labels: readonly string[], ar: Cents): Aging {
  const buckets: Record<string, Tally> = {};
  for (const label of labels) buckets[label] = byAge.get(label) ?? tally();
  const over = (from: number) => AGE_BUCKETS.slice(from).reduce((s, label) => s + (byAge.get(label)?.amount ?? 0), 0);
  return { buckets, over90: ratio(over(3), ar, 'no A/R'), over120: ratio(over(4), ar, 'no A/R') };
}

export interface ArJson {
  total: Cents;
  claims: number;
  insurance: Cents;
  patient: Cents;
  /** Each payer's insurance portion, then "patient": sums to total. */
  byPayer: Record<string, Cents>;
  creditBalances: Tally;
  agingByServiceDate: Aging;
  agingBySubmissionDate: Aging;
}

export function arJson(s: ArSnapshot, payers: string[]): ArJson {
  const byPayer: Record<string, Cents> = {};
  for (const p of payers) byPayer[p] = s.insuranceByPayer.get(p) ?? 0;
  byPayer.patient = s.patient;
  return {
    total: s.ar.amount,
    claims: s.ar.claims,
    insurance: s.insurance,
    patient: s.patient,
    byPayer,
    creditBalances: { ...s.credits },
    agingByServiceDate: aging(s.byServiceAge, AGE_BUCKETS, s.ar.amount),
    agingBySubmissionDate: aging(s.bySubmissionAge, [...AGE_BUCKETS, UNSUBMITTED], s.ar.amount),
  };
}
