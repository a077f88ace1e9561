// The payers of the demo practice and how each one behaves: its share of visits, what it allows against
// the practice's charges (its contract: demo/practice/contracts.ts), how the patient shares the cost, how
// fast it pays and how often it denies.
import type { Cents, Payer } from '../model.ts';

export interface CostShare {
  /** Annual deductible, met by the first visits of each year. */
  deductible: Cents;
  /** Coinsurance on the allowed amount after the deductible, in percent. */
  coinsurancePercent: number;
  /** Copay on office visits (taken at the front desk, instead of deductible and coinsurance on the visit line). */
  visitCopay: Cents;
}

export interface PayerProfile extends Payer {
  /** Share of the practice's insured visits. */
  share: number;
  /** The payer's own fee schedule: allowed per unit = the practice's charge per unit × feeRatio, to the cent. */
  feeRatio?: number;
  /** Instead of a schedule of its own: percent % of another payer's schedule (demo/practice/contracts.ts). */
  percentOf?: { payerId: string; percent: number };
  costShare: CostShare;
  /** Days from acceptance to the payment date: minimum, typical spread. */
  lag: { min: number; spread: number };
  /** Weekdays (0 Sunday … 6 Saturday) on which this payer issues payments. */
  paymentDays: number[];
  method: 'ACH' | 'CHK';
  /** Probability that a first adjudication denies a claim for reasons beyond the planted patterns. */
  denialRate: number;
  /** Probability that the 277CA rejects a claim. */
  rejectionRate: number;
  /** Days after the date of service past which the payer denies for timely filing. */
  timelyFilingDays: number;
  /** Prefix of the payer's claim numbers (ICN). */
  claimNumberPrefix: string;
  /** Prior authorization needed for MRI. */
  authorizesImaging: boolean;
  /** Share of appealed authorization denials the payer overturns, when it differs from the practice's usual. */
  authorizationAppealsWon?: number;
  /** Sends the allowed amount (AMT*B6) on every service line: Medicare does, most commercial plans do. */
  sendsAllowed: boolean;
  /** A secondary payer that receives crossovers from this one for some of its members. */
  crossoverTo?: string;
  crossoverShare?: number;
}

export { SELF_PAY } from '../model.ts';

export const PAYERS: readonly PayerProfile[] = [
  {
    id: 'MCRB1', name: 'MEDICARE PART B DEMO', kind: 'medicare', filingIndicator: 'MB', share: 0.3, feeRatio: 0.42,
    costShare: { deductible: 25700, coinsurancePercent: 20, visitCopay: 0 }, lag: { min: 14, spread: 6 }, paymentDays: [1, 2, 3, 4, 5],
    method: 'ACH', denialRate: 0.03, rejectionRate: 0.025, timelyFilingDays: 365, claimNumberPrefix: '2251', authorizesImaging: false, sendsAllowed: true,
    crossoverTo: 'MCDST', crossoverShare: 0.3,
  },
  {
    id: 'MCDST', name: 'STATE MEDICAID DEMO', kind: 'medicaid', filingIndicator: 'MC', share: 0.12, feeRatio: 0.33,
    costShare: { deductible: 0, coinsurancePercent: 0, visitCopay: 0 }, lag: { min: 21, spread: 20 }, paymentDays: [3],
    method: 'ACH', denialRate: 0.05, rejectionRate: 0.05, timelyFilingDays: 180, claimNumberPrefix: '77', authorizesImaging: true, sendsAllowed: false,
  },
  {
    id: 'SUMMT', name: 'SUMMIT HEALTH PLAN', kind: 'commercial', filingIndicator: 'CI', share: 0.2, feeRatio: 0.58,
    costShare: { deductible: 100000, coinsurancePercent: 15, visitCopay: 3000 }, lag: { min: 12, spread: 18 }, paymentDays: [2, 4],
    method: 'ACH', denialRate: 0.045, rejectionRate: 0.03, timelyFilingDays: 90, claimNumberPrefix: 'SH', authorizesImaging: true, sendsAllowed: true,
  },
  {
    id: 'NWPPO', name: 'NORTHWIND PPO', kind: 'commercial', filingIndicator: 'CI', share: 0.15, feeRatio: 0.63,
    costShare: { deductible: 150000, coinsurancePercent: 10, visitCopay: 4000 }, lag: { min: 15, spread: 25 }, paymentDays: [5],
    method: 'CHK', denialRate: 0.05, rejectionRate: 0.035, timelyFilingDays: 120, claimNumberPrefix: 'NW', authorizesImaging: true, sendsAllowed: true, authorizationAppealsWon: 0.6,
  },
  {
    id: 'HRHMO', name: 'HARBOR HMO', kind: 'commercial', filingIndicator: 'HM', share: 0.09, feeRatio: 0.5,
    costShare: { deductible: 0, coinsurancePercent: 0, visitCopay: 2500 }, lag: { min: 20, spread: 30 }, paymentDays: [1],
    method: 'ACH', denialRate: 0.07, rejectionRate: 0.04, timelyFilingDays: 90, claimNumberPrefix: 'HH', authorizesImaging: true, sendsAllowed: false,
  },
  {
    id: 'EVGMA', name: 'EVERGREEN MEDICARE ADVANTAGE', kind: 'medicare_advantage', filingIndicator: '16', share: 0.09, percentOf: { payerId: 'MCRB1', percent: 105 },
    costShare: { deductible: 0, coinsurancePercent: 0, visitCopay: 2000 }, lag: { min: 18, spread: 22 }, paymentDays: [2, 5],
    method: 'ACH', denialRate: 0.045, rejectionRate: 0.03, timelyFilingDays: 365, claimNumberPrefix: 'EV', authorizesImaging: true, sendsAllowed: true,
  },
];

/** Share of visits by patients without insurance (charges export and patient payments only). */
export const SELF_PAY_SHARE = 0.05;
/** Self-pay discount off the charges, in percent. */
export const SELF_PAY_DISCOUNT_PERCENT = 40;

export const PAYER_BY_ID = new Map(PAYERS.map((p) => [p.id, p]));

export function payerProfile(id: string): PayerProfile {
  const payer = PAYER_BY_ID.get(id);
  if (!payer) throw new Error(`unknown payer ${id}`);
  return payer;
}
