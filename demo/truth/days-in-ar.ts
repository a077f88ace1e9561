// Days in A/R: of billed A/R (MGMA: A/R begins at billing), of total A/R (unbilled included), by payer, and
// net of expected contractuals. By payer, a payer's billed insurance portions are divided by the charges of
// its own claims; the patients' billed portions come out of every visit, so they are divided by all charges.
// The net figure needs each payer's observed contractual ratio r_p = contractual CAS ÷ charges of its claims
// first adjudicated, both as of D; the expected contractual of a claim is charge × r_p rounded to the cent per
// claim, half away from zero.
import type { Cents, IsoDate } from '../model.ts';
import { PATIENT, type ArSnapshot, type ChargeCounts } from './ar.ts';
import type { DayTotals } from './day-totals.ts';
import { ratio, roundedQuotient, roundHalfAwayDiv, type Ratio } from './ratio.ts';

const DAYS = 90;

export interface DaysInAr {
  /** A/R (net: less the expected contractuals of A/R claims not yet adjudicated). */
  numerator: Cents;
  /** Σ charges (net: charge × (1 − r_p) per claim) with DOS in the 90 days ending D; average daily = ÷ 90. */
  denominator: Cents;
  days: number;
  value: number | null;
  unavailable?: string;
}

function days(numerator: Cents, denominator: Cents): DaysInAr {
  if (denominator <= 0) return { numerator, denominator, days: DAYS, value: null, unavailable: denominator === 0 ? 'no charges in the 90 days ending D' : 'denominator is negative' };
  return { numerator, denominator, days: DAYS, value: roundedQuotient(numerator * DAYS, denominator, 2) };
}

/** Days in A/R: billed A/R at D ÷ average daily gross charges of the 90 days ending D. */
export const daysInAr = (s: ArSnapshot): DaysInAr => days(s.billed.amount, s.recentCharges);

/** Days in total A/R: A/R at D, unbilled included, over the same denominator. */
export const daysInTotalAr = (s: ArSnapshot): DaysInAr => days(s.ar.amount, s.recentCharges);

/** Days in A/R by payer and for the patients (PATIENT): a payer's billed A/R over its own claims' charges, the patients' over all charges. */
export function daysInArByPayer(s: ArSnapshot, payers: string[], selfPayers: Set<string>): Record<string, DaysInAr> {
  const out: Record<string, DaysInAr> = {};
  for (const payerId of payers) {
    if (selfPayers.has(payerId)) continue;
    out[payerId] = days(s.byOwner.get(payerId)?.billed ?? 0, sumCharges(s.recentByPayer.get(payerId)));
  }
  out[PATIENT] = days(s.byOwner.get(PATIENT)?.billed ?? 0, s.recentCharges);
  return out;
}

export const contractualKey = (payerId: string) => `contractual|${payerId}`;
export const firstAdjudicatedChargesKey = (payerId: string) => `firstAdjudicatedCharges|${payerId}`;

export function contractualRatio(totals: DayTotals, payerId: string, date: IsoDate): Ratio {
  return ratio(totals.through(contractualKey(payerId), date), totals.through(firstAdjudicatedChargesKey(payerId), date), 'no claims of the payer adjudicated by D (r = 0 used)');
}

/** Σ over claims of round(charge × num / den), from charge → claims counts. */
function sumRounded(counts: Map<Cents, number> | undefined, num: number, den: number): Cents {
  let sum = 0;
  for (const [charge, claims] of counts ?? []) sum += Number(roundHalfAwayDiv(BigInt(charge) * BigInt(num), BigInt(den))) * claims;
  return sum;
}

const sumCharges = (counts: Map<Cents, number> | undefined): Cents => [...(counts ?? [])].reduce((s, [charge, n]) => s + charge * n, 0);

export interface DaysInArNet extends DaysInAr {
  expectedContractuals: Cents;
  /** r_p per payer (self-pay: none, r = 0). */
  contractualRatios: Record<string, Ratio>;
}

export function daysInArNet(s: ArSnapshot, totals: DayTotals, payers: string[], selfPayers: Set<string>): DaysInArNet {
  let expected = 0;
  let netCharges = 0;
  const ratios: Record<string, Ratio> = {};
  const payerIds = new Set([...payers, ...s.recentByPayer.keys(), ...s.unadjudicatedByPayer.keys()]);
  for (const payerId of payerIds) {
    const r = selfPayers.has(payerId) ? null : contractualRatio(totals, payerId, s.date);
    if (r && payers.includes(payerId)) ratios[payerId] = r;
    if (r === null || r.value === null) {
      netCharges += sumCharges(s.recentByPayer.get(payerId));
      continue;
    }
    expected += sumRounded(s.unadjudicatedByPayer.get(payerId), r.numerator, r.denominator);
    netCharges += sumRounded(s.recentByPayer.get(payerId), r.denominator - r.numerator, r.denominator);
  }
  return { ...days(s.ar.amount - expected, netCharges), expectedContractuals: expected, contractualRatios: ratios };
}
