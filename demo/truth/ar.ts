// A/R at an as-of date D, claim by claim: A/R = Σ positive total balances of claims with DOS ≤ D, credit
// balances beside it (never netted), the insurance / patient split by payer, the two agings, billed and
// unbilled A/R. By payer has one meaning: a claim's insurance portion is its payer's, its patient portion
// the patient's (PATIENT), in totals, agings, shares over 90 / 120 days and days in A/R alike.
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
/** The owner of every claim's patient portion in A/R by payer. */
export const PATIENT = 'patient';
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

/** One owner's (a payer's, or the patients') share of A/R at D: total, billed, and aged by DOS and by first submission. */
class OwnerAr {
  total = 0;
  billed = 0;
  readonly byServiceAge = new Map<string, Cents>();
  readonly bySubmissionAge = new Map<string, Cents>();
  add(amount: Cents, billed: boolean, serviceBucket: string, submissionBucket: string): void {
    this.total += amount;
    if (billed) this.billed += amount;
    this.byServiceAge.set(serviceBucket, (this.byServiceAge.get(serviceBucket) ?? 0) + amount);
    this.bySubmissionAge.set(submissionBucket, (this.bySubmissionAge.get(submissionBucket) ?? 0) + amount);
  }
}

export class ArSnapshot {
  readonly ar = tally();
  insurance = 0;
  patient = 0;
  readonly credits = tally();
  readonly byServiceAge = new Map<string, Tally>();
  readonly bySubmissionAge = new Map<string, Tally>();
  /** A/R of claims billed by D: first submitted or first adjudicated by D, or self-pay (billed at the visit). */
  readonly billed = tally();
  /** A/R of insured visits with neither a submission nor an adjudication by D, aged by DOS. */
  readonly unbilled = tally();
  readonly unbilledByServiceAge = new Map<string, Tally>();
  /** Each owner's A/R: a payer's insurance portions, PATIENT's patient portions. */
  readonly byOwner = new Map<string, OwnerAr>();
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
    const serviceBucket = ageBucket(daysBetween(claim.serviceDate, D));
    addTo(this.byServiceAge, serviceBucket, state.total);
    const submitted = facts.firstSubmission !== null && facts.firstSubmission <= D;
    const submissionBucket = submitted ? ageBucket(daysBetween(facts.firstSubmission!, D)) : UNSUBMITTED;
    addTo(this.bySubmissionAge, submissionBucket, state.total);
    // an 835 answering the claim proves it was sent, even when its 837 is not at hand
    const billed = facts.selfPay || submitted || (facts.firstAdjudication !== null && facts.firstAdjudication.date <= D);
    if (billed) {
      this.billed.amount += state.total;
      this.billed.claims++;
    } else {
      this.unbilled.amount += state.total;
      this.unbilled.claims++;
      addTo(this.unbilledByServiceAge, serviceBucket, state.total);
    }
    if (!facts.selfPay) this.owner(claim.payerId).add(state.total - state.patient, billed, serviceBucket, submissionBucket);
    this.owner(PATIENT).add(state.patient, billed, serviceBucket, submissionBucket);
    if (facts.firstAdjudication === null || facts.firstAdjudication.date > D) countCharge(this.unadjudicatedByPayer, claim.payerId, claim.charge);
  }

  private owner(id: string): OwnerAr {
    let o = this.byOwner.get(id);
    if (!o) this.byOwner.set(id, (o = new OwnerAr()));
    return o;
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

/** One owner's A/R (a payer's insurance portions, or the patients' portions), by the same rule as byPayer. */
export interface OwnerArJson {
  total: Cents;
  billed: Cents;
  agingByServiceDate: Record<string, Cents>;
  agingBySubmissionDate: Record<string, Cents>;
  over90: Ratio;
  over120: Ratio;
}

export interface UnbilledAr extends Tally {
  /** Aged by date of service, in the buckets of the aging. */
  buckets: Record<string, Tally>;
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
  billed: Tally;
  unbilled: UnbilledAr;
  /** Each payer of `payers` and "patient": its share of A/R, aged; sums to the totals above. */
  byOwner: Record<string, OwnerArJson>;
}

function ownerJson(o: OwnerAr | undefined): OwnerArJson {
  const byService = (labels: readonly string[], map: Map<string, Cents> | undefined) => Object.fromEntries(labels.map((l) => [l, map?.get(l) ?? 0]));
  const total = o?.total ?? 0;
  const over = (from: number) => AGE_BUCKETS.slice(from).reduce((s, label) => s + (o?.byServiceAge.get(label) ?? 0), 0);
  return {
    total, billed: o?.billed ?? 0,
    agingByServiceDate: byService(AGE_BUCKETS, o?.byServiceAge),
    agingBySubmissionDate: byService([...AGE_BUCKETS, UNSUBMITTED], o?.bySubmissionAge),
    over90: ratio(over(3), total, 'no A/R'), over120: ratio(over(4), total, 'no A/R'),
  };
}

export function arJson(s: ArSnapshot, payers: string[]): ArJson {
  const byPayer: Record<string, Cents> = {};
  for (const p of payers) byPayer[p] = s.byOwner.get(p)?.total ?? 0;
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
    billed: { ...s.billed },
    unbilled: { ...s.unbilled, buckets: Object.fromEntries(AGE_BUCKETS.map((label) => [label, { ...(s.unbilledByServiceAge.get(label) ?? tally()) }])) },
    byOwner: Object.fromEntries([...payers, PATIENT].map((p) => [p, ownerJson(s.byOwner.get(p))])),
  };
}
