// Sending a claim: the 837, the clearinghouse's 999 for the transaction set that carried it (one per payer
// per day, so every claim of that set shares its fate) and the payer's 277CA. A rejected claim is sent
// again a few business days later; after three rejections the biller gives up until the data set ends.
import type { Claim, ClaimHistory, IsoDate } from '../model.ts';
import type { PayerProfile } from '../practice/payers.ts';
import { addDays, BUSINESS_DAYS, onOrAfter } from './calendar.ts';
import { drawOf, type Random } from './random.ts';

export const REJECTIONS_277: readonly (readonly [[string, string, string], number])[] = [
  [['A7', '562', '85'], 2], // billing provider NPI
  [['A7', '33', 'IL'], 3], // subscriber
  [['A6', '35', 'QC'], 1], // patient
  [['A3', '21', '40'], 2], // missing or invalid information
];

export function nextBusinessDay(date: IsoDate): IsoDate {
  return onOrAfter(date, BUSINESS_DAYS);
}

/** The 999 disposition of the transaction set for this payer on this day: A, E or R. */
export function setStatus(seed: number, date: IsoDate, payerId: string): 'A' | 'E' | 'R' {
  const draw = drawOf(seed, '999', date, payerId);
  return draw < 0.012 ? 'R' : draw < 0.03 ? 'E' : 'A';
}

export interface Acceptance {
  date: IsoDate;
  payerClaimNumber: string;
}

export function payerClaimNumber(payer: PayerProfile, accepted: IsoDate, claimNumber: number, suffix = ''): string {
  return `${payer.claimNumberPrefix}${accepted.slice(2, 4)}${accepted.slice(5, 7)}${accepted.slice(8, 10)}${String(claimNumber).padStart(8, '0')}${suffix}`;
}

export interface Send {
  version: Claim;
  date: IsoDate;
  frequency: '1' | '7';
  originalPayerClaimNumber?: string;
  rejectionRate: number;
  suffix: string;
}

/** Sends until accepted (at most three times); the acceptance, or undefined when every try was rejected. */
export function send(random: Random, seed: number, history: ClaimHistory, payer: PayerProfile, claimNumber: number, s: Send): Acceptance | undefined {
  let date = nextBusinessDay(s.date);
  for (let attempt = 0; attempt < 3; attempt++) {
    history.submissions.push({
      claimId: s.version.id, date, payerId: payer.id, frequency: s.frequency, originalPayerClaimNumber: s.originalPayerClaimNumber,
      claim: s.version, isFirst: history.submissions.length === 0,
    });
    const status = setStatus(seed, date, payer.id);
    history.acknowledgments999.push({ claimId: s.version.id, date, submissionDate: date, payerId: payer.id, status });
    if (status === 'R') {
      date = nextBusinessDay(addDays(date, random.int(1, 3)));
      continue;
    }
    const ackDate = addDays(date, 1);
    if (random.chance(s.rejectionRate)) {
      const [category, statusCode, entity] = random.weighted(REJECTIONS_277);
      history.statuses277.push({ claimId: s.version.id, date: ackDate, submissionDate: date, payerId: payer.id, category, statusCode, entity, charge: s.version.charge });
      date = nextBusinessDay(addDays(ackDate, random.int(2, 6)));
      continue;
    }
    const icn = payerClaimNumber(payer, ackDate, claimNumber, s.suffix);
    history.statuses277.push({ claimId: s.version.id, date: ackDate, submissionDate: date, payerId: payer.id, category: 'A2', statusCode: '20', payerClaimNumber: icn, charge: s.version.charge });
    return { date: ackDate, payerClaimNumber: icn };
  }
  return undefined;
}
