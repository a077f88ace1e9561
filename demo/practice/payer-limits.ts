// The demo practice's own limits for its payers, as its payer-profile file states them (demo/files/
// write-csv.ts writes it; the warehouse's mart_payer reads it back): timely filing is the payer's own
// (payers.ts, which the simulation denies late claims by); appeal and follow-up days are the practice's
// contract terms and habits. Some differ from the class defaults of warehouse/reference/payer_limits.csv
// (Northwind's 120 filing and 90 appeal days, Harbor's 60-day follow-up), so the profile visibly wins.
import { PAYERS, type PayerProfile } from './payers.ts';

export interface PayerLimits {
  /** Days from the date of service to file a claim. */
  timelyFilingDays: number;
  /** Days from the denial's 835 date to appeal it. */
  appealDays: number;
  /** Days after a submission without an answer before the claim needs a call: past the payer's usual lag. */
  followUpDays: number;
}

const TERMS: Record<string, Omit<PayerLimits, 'timelyFilingDays'>> = {
  MCRB1: { appealDays: 120, followUpDays: 30 },
  MCDST: { appealDays: 90, followUpDays: 45 },
  SUMMT: { appealDays: 180, followUpDays: 30 },
  NWPPO: { appealDays: 90, followUpDays: 45 },
  HRHMO: { appealDays: 60, followUpDays: 60 },
  EVGMA: { appealDays: 60, followUpDays: 45 },
};

export function payerLimits(payer: PayerProfile): PayerLimits {
  const terms = TERMS[payer.id];
  if (!terms) throw new Error(`payer ${payer.id} has no appeal and follow-up terms in demo/practice/payer-limits.ts`);
  return { timelyFilingDays: payer.timelyFilingDays, ...terms };
}

/** Every payer of the demo with its limits, in the order of PAYERS. */
export const PAYER_LIMITS: ReadonlyMap<string, PayerLimits> = new Map(PAYERS.map((p) => [p.id, payerLimits(p)]));
