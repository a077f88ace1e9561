// The life of one claim, from the visit to the last posting: copay at the front desk, the 837 and its
// acknowledgments, the first adjudication, then whatever follows a denial (corrected claim, appeal and its
// entry in the appeal log, write-off), the crossover to a secondary payer, payer reprocessing (reversal and correction, in the
// same or a later 835), and the patient's statements, payments, refunds and write-offs. Every event is
// dated; those after the end of the data set are dropped, as if the files were pulled on that day.
import type { Adjudication, Appeal, Claim, ClaimHistory, Cents, IsoDate, Posting, ProviderAdjustment } from '../model.ts';
import { FEES } from '../practice/codes.ts';
import { payerProfile, SELF_PAY, SELF_PAY_DISCOUNT_PERCENT, type PayerProfile } from '../practice/payers.ts';
import { adjudicate, crossover, priceLines, PRICING_CARCS, reverse, type Deductible } from './adjudication.ts';
import { addDays, daysBetween, onOrAfter } from './calendar.ts';
import { decideDenial, type DenialDecision } from './denials.ts';
import { nextBusinessDay, send } from './front-end.ts';
import type { Encounter } from './encounters.ts';
import type { Random } from './random.ts';

export interface ClaimContext {
  seed: number;
  endDate: IsoDate;
  /** The claim's number in the data set (used in payer claim numbers). */
  number: number;
  deductible: Deductible;
  /** A second charge entry of a visit already billed: the payer denies it as a duplicate. */
  duplicate: boolean;
}

export interface SimulatedClaim {
  history: ClaimHistory;
  providerAdjustments: ProviderAdjustment[];
}

const sum = (values: Cents[]) => values.reduce((s, v) => s + v, 0);

/** What the payer's denial leaves open on the insurance side: the denied dollars outside PR. */
function deniedDollars(a: Adjudication): Cents {
  return sum(a.lines.filter((l) => l.paid === 0).flatMap((l) => l.adjustments.filter((x) => x.group !== 'PR' && !PRICING_CARCS.has(x.carc)).map((x) => x.amount)));
}

function posting(claimId: string, date: IsoDate, type: Posting['type'], amount: Cents, portion: Posting['portion'], reasonCode: string, reference: string): Posting {
  return { claimId, date, type, amount, portion, reasonCode, reference };
}

/** The claim as a coder fixes it after a coding denial: GP on every therapy line. */
function corrected(claim: Claim): Claim {
  return {
    ...claim,
    lines: claim.lines.map((l) => (FEES.get(l.procedureCode)?.kind === 'therapy' && !l.modifiers.includes('GP') ? { ...l, modifiers: [...l.modifiers, 'GP'] } : l)),
  };
}

export function simulateClaim(random: Random, encounter: Encounter, ctx: ClaimContext): SimulatedClaim {
  const { claim, patterns } = encounter;
  const appeals: Appeal[] = [];
  const history: ClaimHistory = { claim, submissions: [], acknowledgments999: [], statuses277: [], adjudications: [], postings: [], appeals, patterns };
  const providerAdjustments: ProviderAdjustment[] = [];
  const ref = (kind: string) => `${kind}${claim.id.slice(-8)}${history.postings.length + 1}`;

  if (claim.payerId === SELF_PAY) {
    selfPay(random, history, ref);
    return finish(history, providerAdjustments, ctx.endDate);
  }

  const payer = payerProfile(claim.payerId);
  let patientPaid = 0;
  if (payer.costShare.visitCopay > 0 && claim.lines.some((l) => FEES.get(l.procedureCode)?.kind === 'visit') && random.chance(0.9)) {
    history.postings.push(posting(claim.id, claim.serviceDate, 'patient_payment', payer.costShare.visitCopay, 'patient', 'COPAY', ref('CP')));
    patientPaid += payer.costShare.visitCopay;
  }

  // Charge lag: most claims go out within days; some wait weeks; a few are found months later.
  const lagRoll = random.next();
  const chargeLag = lagRoll < 0.0025 ? payer.timelyFilingDays + random.int(5, 40) : lagRoll < 0.03 ? random.int(20, 60) : random.lag(1, 2);
  const accepted = send(random, ctx.seed, history, payer, ctx.number, {
    version: claim, date: addDays(claim.serviceDate, chargeLag), frequency: '1', rejectionRate: payer.rejectionRate, suffix: '',
  });
  if (!accepted) return finish(history, providerAdjustments, ctx.endDate);

  const firstSubmission = history.submissions[0].date;
  const payDay = (after: IsoDate, p: PayerProfile = payer) => onOrAfter(after, p.paymentDays);
  const date1 = payDay(addDays(accepted.date, random.lag(payer.lag.min, payer.lag.spread)));
  const denial = decideDenial(random, claim, payer, daysBetween(claim.serviceDate, accepted.date), ctx.duplicate, patterns);
  const deductibleBefore = ctx.deductible.left;
  let current = adjudicate(claim, payer.id, date1, accepted.payerClaimNumber,
    priceLines(claim, payer, ctx.deductible, denial?.lines ?? new Map()), denial ? undefined : claim.patient.secondaryPayerId);
  history.adjudications.push(current);
  if (payer.kind === 'commercial' && current.paid > 0 && daysBetween(firstSubmission, date1) > 45) {
    const days = daysBetween(firstSubmission, date1);
    providerAdjustments.push({ payerId: payer.id, date: date1, reason: 'L6', reference: current.payerClaimNumber, amount: -Math.max(1, Math.round((current.paid * days) / 5000)) });
  }
  let insuranceDone = date1;

  // Re-adjudication: the original reversed, then the claim priced again (no denial unless `again`).
  const readjudicate = (date: IsoDate, icn: string, version: Claim, again: DenialDecision | undefined, raise = 0, correctionDate = date) => {
    history.adjudications.push(reverse(current, date));
    current = adjudicate(version, payer.id, correctionDate, icn, priceLines(version, payer, { left: deductibleBefore }, again?.lines ?? new Map(), raise));
    history.adjudications.push(current);
    insuranceDone = correctionDate;
  };
  const writeOff = (date: IsoDate, reason: string) => {
    const amount = deniedDollars(current);
    if (amount > 0) history.postings.push(posting(claim.id, date, 'write_off', amount, 'insurance', reason, ref('WO')));
  };

  if (denial) {
    const fix = followUp(denial.reason, payer);
    if (fix.kind === 'corrected-claim' && random.chance(fix.share)) {
      const version = corrected(claim);
      const again = random.chance(0.05) ? denial : undefined;
      const resent = send(random, ctx.seed, history, payer, ctx.number, {
        version, date: addDays(date1, random.int(7, 30)), frequency: '7', originalPayerClaimNumber: current.payerClaimNumber, rejectionRate: payer.rejectionRate / 3, suffix: 'C',
      });
      if (resent) {
        readjudicate(payDay(addDays(resent.date, random.lag(payer.lag.min, payer.lag.spread))), resent.payerClaimNumber, version, again);
        if (again) writeOff(addDays(insuranceDone, random.int(20, 45)), 'DENIAL');
      }
    } else if (fix.kind === 'appeal' && random.chance(0.97)) {
      const appealed = addDays(date1, random.int(20, 45));
      if (random.chance(fix.share)) {
        readjudicate(payDay(addDays(appealed, random.int(25, 60))), `${current.payerClaimNumber}A`, claim, undefined);
        appeals.push({ claimId: claim.id, date: appealed, level: 1, outcome: 'overturned', outcomeDate: insuranceDone });
      } else {
        const upheld = addDays(appealed, random.int(40, 75));
        writeOff(upheld, 'DENIAL');
        appeals.push({ claimId: claim.id, date: appealed, level: 1, outcome: 'upheld', outcomeDate: upheld });
      }
    } else if (fix.kind !== 'patient') {
      writeOff(addDays(date1, random.int(10, 40)), fix.kind === 'write-off' ? fix.reason : 'DENIAL');
    }
  } else if (current.status === '19') {
    const secondary = payerProfile(current.forwardedTo!);
    const date2 = payDay(addDays(date1, random.int(10, 25)), secondary);
    history.adjudications.push(crossover(current, secondary.id, date2, `${secondary.claimNumberPrefix}X${String(ctx.number).padStart(9, '0')}`));
    insuranceDone = date2;
  } else if (random.chance(0.015)) {
    // The payer reprocesses a paid claim after a fee schedule update: in the same 835, or reversed now and corrected later.
    const date = payDay(addDays(date1, random.int(40, 120)));
    readjudicate(date, `${current.payerClaimNumber}R`, claim, undefined, 3, random.chance(0.6) ? date : payDay(addDays(date, random.int(7, 21))));
  }

  const secondaryPaid = sum(history.adjudications.filter((a) => a.status === '2').map((a) => a.paid));
  const primaryShare = sum(history.adjudications.filter((a) => a.status !== '2').map((a) => a.patientResponsibility));
  patientFlow(random, history, primaryShare - secondaryPaid - patientPaid, insuranceDone, ref, INSURED);
  return finish(history, providerAdjustments, ctx.endDate);
}

type FollowUp =
  | { kind: 'corrected-claim'; share: number }
  | { kind: 'appeal'; share: number }
  | { kind: 'write-off'; reason: string }
  | { kind: 'patient' };

/**
 * What the billing team does about each kind of denial (share: how often it works out or is tried). Most
 * denials are recovered, as in a practice that works its denials: about a quarter of the denied dollars end
 * up written off, more at a payer that upholds its authorization denials.
 */
function followUp(reason: DenialDecision['reason'], payer: PayerProfile): FollowUp {
  switch (reason) {
    case 'eligibility': return { kind: 'corrected-claim', share: 0.93 };
    case 'coding': return { kind: 'corrected-claim', share: 0.95 };
    case 'cob_other_payer': return { kind: 'corrected-claim', share: 0.9 };
    case 'provider_enrollment': return { kind: 'corrected-claim', share: 0.95 };
    case 'authorization': return { kind: 'appeal', share: payer.authorizationAppealsWon ?? 0.9 };
    case 'medical_necessity': return { kind: 'appeal', share: 0.75 };
    case 'documentation': return { kind: 'appeal', share: 0.9 };
    case 'bundling': return { kind: 'appeal', share: 0.8 };
    case 'timely_filing': return { kind: 'write-off', reason: 'TIMELY_FILING' };
    case 'duplicate': return { kind: 'write-off', reason: 'DUPLICATE' };
    case 'non_covered': return { kind: 'patient' };
  }
}

/** How patients answer their statements (shares of the statements, in order); the rest never pay. */
interface PaymentHabits {
  full: number;
  twoParts: number;
  /** Pays the first half, then stops: the rest goes to collections. */
  firstHalfOnly: number;
}

/** Insured patients pay most of what their statements bill, not all of it (docs/demo.md: about 70 % of the dollars). */
const INSURED: PaymentHabits = { full: 0.56, twoParts: 0.1, firstHalfOnly: 0.06 };
/** Self-pay patients agreed to a price at the visit and mostly pay it. */
const SELF_PAY_HABITS: PaymentHabits = { full: 0.8, twoParts: 0.12, firstHalfOnly: 0 };

/** Statements after insurance is done: most patients pay, some in two parts, the rest are written off. */
function patientFlow(random: Random, history: ClaimHistory, owed: Cents, from: IsoDate, ref: (kind: string) => string, habits: PaymentHabits): void {
  const id = history.claim.id;
  if (owed < 0) {
    history.postings.push(posting(id, addDays(from, random.int(14, 40)), 'refund', -owed, 'patient', 'OVERPAYMENT', ref('RF')));
    return;
  }
  if (owed === 0) return;
  const statement = addDays(from, random.int(5, 10));
  if (owed < 500 && random.chance(0.5)) {
    history.postings.push(posting(id, statement, 'write_off', owed, 'patient', 'SMALL_BALANCE', ref('WO')));
    return;
  }
  history.postings.push(posting(id, statement, 'statement', owed, 'patient', 'STATEMENT', ref('ST')));
  const roll = random.next();
  const half = Math.round(owed / 2);
  const first = addDays(statement, random.int(10, 30));
  if (roll < habits.full) {
    history.postings.push(posting(id, addDays(statement, random.int(10, 45)), 'patient_payment', owed, 'patient', 'STATEMENT', ref('PP')));
  } else if (roll < habits.full + habits.twoParts) {
    history.postings.push(posting(id, first, 'patient_payment', half, 'patient', 'STATEMENT', ref('PP')));
    history.postings.push(posting(id, addDays(first, random.int(25, 40)), 'patient_payment', owed - half, 'patient', 'STATEMENT', ref('PP')));
  } else if (roll < habits.full + habits.twoParts + habits.firstHalfOnly) {
    history.postings.push(posting(id, first, 'patient_payment', half, 'patient', 'STATEMENT', ref('PP')));
    history.postings.push(posting(id, addDays(first, random.int(120, 150)), 'write_off', owed - half, 'patient', 'BAD_DEBT', ref('WO')));
  } else if (owed < 2500) {
    history.postings.push(posting(id, addDays(statement, random.int(60, 90)), 'write_off', owed, 'patient', 'SMALL_BALANCE', ref('WO')));
  } else if (random.chance(0.02)) {
    // a clerk's write-off under a reason no table knows: the warehouse counts it as unclassified, never guesses
    history.postings.push(posting(id, addDays(statement, random.int(60, 90)), 'write_off', owed, 'patient', 'MISC', ref('WO')));
  } else {
    history.postings.push(posting(id, addDays(statement, random.int(120, 150)), 'write_off', owed, 'patient', 'BAD_DEBT', ref('WO')));
  }
}

/** A visit without insurance: a deposit at the desk, the self-pay discount, then statements. */
function selfPay(random: Random, history: ClaimHistory, ref: (kind: string) => string): void {
  const { id, charge, serviceDate } = history.claim;
  const discount = Math.round((charge * SELF_PAY_DISCOUNT_PERCENT) / 100);
  history.postings.push(posting(id, serviceDate, 'write_off', discount, 'patient', 'SELF_PAY_DISCOUNT', ref('WO')));
  let owed = charge - discount;
  if (random.chance(0.5)) {
    const deposit = Math.min(owed, Math.round(charge * 0.3));
    history.postings.push(posting(id, serviceDate, 'patient_payment', deposit, 'patient', 'DEPOSIT', ref('PP')));
    owed -= deposit;
  }
  patientFlow(random, history, owed, serviceDate, ref, SELF_PAY_HABITS);
}

function byDate<T extends { date: IsoDate }>(events: T[], end: IsoDate): T[] {
  return events.filter((e) => e.date <= end).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function finish(history: ClaimHistory, providerAdjustments: ProviderAdjustment[], end: IsoDate): SimulatedClaim {
  history.submissions = byDate(history.submissions, end);
  history.acknowledgments999 = byDate(history.acknowledgments999, end);
  history.statuses277 = byDate(history.statuses277, end);
  history.adjudications = byDate(history.adjudications, end);
  history.postings = byDate(history.postings, end);
  // an answer after the end of the data set is not known yet: the log says pending
  history.appeals = byDate(history.appeals ?? [], end).map((a) => (a.outcomeDate !== null && a.outcomeDate > end ? { ...a, outcome: 'pending', outcomeDate: null } : a));
  return { history, providerAdjustments: byDate(providerAdjustments, end) };
}

export { nextBusinessDay };
