// One claim's history reduced to the facts every metric needs: its balance movements and timeline, its first
// submission and what acknowledged it, its first adjudication and denials, when it was first appealed,
// resolved, overturned, written off. Events dated after the last as-of date do not exist yet and are dropped here.
import type { Cents, ClaimHistory, IsoDate, Submission } from '../model.ts';
import { adjudicationMovements, balanceTimeline, chargeMovement, denialResolutionDate, isSecondary, postingMovement, resolutionDate, type BalancePoint, type Movement } from './balance.ts';
import { classifyAdjustments, UNMAPPED, type Crosswalk } from './crosswalk.ts';
import { denialOn, overturnDate, type AdjudicationDenial, type JudgedAdjudication } from './denials.ts';
import { writeOffClass, type AdjustmentClass } from './adjustment-classes.ts';

/** 277CA claim status categories that reject the claim (rejections are not denials). */
const REJECTING_277_CATEGORIES = new Set(['A3', 'A4', 'A6', 'A7', 'A8']);

export interface Dated {
  date: IsoDate;
  amount: Cents;
}

export interface FirstAdjudication {
  date: IsoDate;
  denial: AdjudicationDenial;
  /** First-pass yield: no denied line, and paid > 0 or moved to the patient (CLP05 > 0). */
  yields: boolean;
}

export interface ClaimFacts {
  history: ClaimHistory;
  selfPay: boolean;
  movements: Movement[];
  /** Non-PR contractual-category CAS of every record (reversals netted, secondary included), by remit date. */
  contractual: Dated[];
  timeline: BalancePoint[];
  firstSubmission: IsoDate | null;
  /** Acknowledgments (999 and 277CA) of the first submission. */
  firstSubmissionAcks: { date: IsoDate; rejected: boolean }[];
  firstAdjudication: FirstAdjudication | null;
  /** The earliest primary record (not a reversal) with a denied line. */
  firstDenial: IsoDate | null;
  /** What that record denied: the causes the outcome metrics break down by, and whether a duplicate denial. */
  firstDenialCauses: AdjudicationDenial | null;
  /** Every primary record that is not a reversal, in date order: whether it denied a line, and for what. */
  primaries: { date: IsoDate; denied: boolean; categories: string[] }[];
  /** The dates of every 835 record of the claim (reversals and a secondary's included). */
  remittedDates: IsoDate[];
  overturnedOn: IsoDate | null;
  /** The earliest appeal of the appeal log on or after the first denial (metrics.md: days_to_appeal). */
  firstAppeal: IsoDate | null;
  resolvedOn: IsoDate | null;
  /** The first date on or after the first denial that the balance is ≤ 0 (the outcome metrics' resolution). */
  denialResolvedOn: IsoDate | null;
  /** Write-offs with their adjustment class (adjustment-classes.ts). */
  writeOffs: (Dated & { adjustmentClass: AdjustmentClass })[];
  /** Each day's change of the credit the claim holds after its first denial write-off, up to its denial write-offs (recoveriesOf). */
  recoveries: Dated[];
  unmappedCarcs: string[];
  deniedLinesNotOnClaim: number;
  droppedEvents: number;
}

const byDate = <T extends { date: IsoDate }>(a: T, b: T) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

function firstSubmissionOf(submissions: Submission[]): Submission | null {
  const flagged = submissions.filter((s) => s.isFirst);
  return [...(flagged.length > 0 ? flagged : submissions)].sort(byDate)[0] ?? null;
}

export function analyzeClaim(history: ClaimHistory, crosswalk: Crosswalk, lastDate: IsoDate, selfPay: boolean): ClaimFacts {
  const { claim } = history;
  let droppedEvents = 0;
  const known = <T extends { date: IsoDate }>(events: T[]): T[] => {
    const kept = events.filter((e) => e.date <= lastDate);
    droppedEvents += events.length - kept.length;
    return kept;
  };

  const movements: Movement[] = claim.serviceDate <= lastDate ? [chargeMovement(claim, selfPay)] : [];
  const contractual: Dated[] = [];
  const unmapped = new Set<string>();
  const primaries: JudgedAdjudication[] = [];
  // stable sort: same-day records keep their list order (the first adjudication on a tie is the first listed)
  const adjudications = known(history.adjudications).sort(byDate);
  for (const adjudication of adjudications) {
    const cas = classifyAdjustments(adjudication, crosswalk);
    const secondary = isSecondary(adjudication, claim);
    movements.push(...adjudicationMovements(adjudication, cas, secondary));
    const contract = cas.filter((a) => a.group !== 'PR' && a.category === 'contractual').reduce((s, a) => s + a.amount, 0);
    if (contract !== 0) contractual.push({ date: adjudication.date, amount: contract });
    for (const a of cas) if (a.category === UNMAPPED) unmapped.add(a.carc);
    if (!secondary && !adjudication.isReversal) primaries.push({ adjudication, denial: denialOn(adjudication, cas, claim) });
  }
  const postings = known(history.postings);
  for (const p of postings) movements.push(postingMovement(p, selfPay));
  const timeline = balanceTimeline(movements);
  const writeOffs = postings.filter((p) => p.type === 'write_off').map((p) => ({ date: p.date, amount: p.amount, adjustmentClass: writeOffClass(p.reasonCode) }));

  const submission = firstSubmissionOf(known(history.submissions));
  const acks = submission === null ? [] : [
    ...known(history.acknowledgments999).filter((a) => a.submissionDate === submission.date).map((a) => ({ date: a.date, rejected: a.status === 'R' })),
    ...known(history.statuses277).filter((s) => s.submissionDate === submission.date).map((s) => ({ date: s.date, rejected: REJECTING_277_CATEGORIES.has(s.category) })),
  ];

  const first = primaries[0];
  const denying = primaries.find((p) => p.denial.denied);
  const firstDenial = denying?.adjudication.date ?? null;
  const appealed = (history.appeals ?? []).map((a) => a.date).filter((d) => d <= lastDate && firstDenial !== null && d >= firstDenial).sort();
  const lineNumbers = new Set(claim.lines.map((l) => l.number));
  return {
    history, selfPay, movements, contractual, timeline,
    firstSubmission: submission?.date ?? null,
    firstSubmissionAcks: acks,
    firstAdjudication: first ? {
      date: first.adjudication.date,
      denial: first.denial,
      yields: !first.denial.denied && (first.adjudication.paid > 0 || first.adjudication.patientResponsibility > 0),
    } : null,
    firstDenial,
    firstDenialCauses: denying?.denial ?? null,
    primaries: primaries.map((p) => ({ date: p.adjudication.date, denied: p.denial.denied, categories: p.denial.categories })),
    remittedDates: adjudications.map((a) => a.date),
    overturnedOn: overturnDate(primaries, claim),
    firstAppeal: appealed[0] ?? null,
    resolvedOn: claim.serviceDate <= lastDate ? resolutionDate(timeline, claim.serviceDate) : null,
    denialResolvedOn: firstDenial !== null ? denialResolutionDate(timeline, claim.serviceDate, firstDenial) : null,
    writeOffs,
    recoveries: recoveriesOf(timeline, writeOffs),
    unmappedCarcs: [...unmapped],
    deniedLinesNotOnClaim: primaries.reduce((n, p) => n + [...p.denial.deniedLines.keys()].filter((l) => !lineNumbers.has(l)).length, 0),
    droppedEvents,
  };
}

/**
 * A denial write-off later paid after all is not a loss (metrics.md, final denial rate: "net of later
 * recoveries"): after the first denial write-off's day, each day's change of the credit the claim holds (its
 * balance below zero, up to the claim's denial write-offs in all) beyond the credit that day ended with is a
 * recovery. A patient paying
 * what was still theirs makes no credit, so it recovers nothing.
 */
function recoveriesOf(timeline: BalancePoint[], writeOffs: { date: IsoDate; amount: Cents; adjustmentClass: AdjustmentClass }[]): Dated[] {
  const denials = writeOffs.filter((w) => w.adjustmentClass === 'denial');
  if (denials.length === 0) return [];
  const firstWrittenOff = denials.map((w) => w.date).sort()[0];
  const written = denials.reduce((s, w) => s + w.amount, 0);
  const held = (p: BalancePoint) => Math.max(0, Math.min(-p.total, written));
  const out: Dated[] = [];
  let baseline: number | null = null;
  let before = 0;
  for (const p of timeline) {
    if (p.date < firstWrittenOff) continue;
    // a credit the write-off's day ended with came from money before the write-off: not a recovery
    if (baseline === null) {
      baseline = held(p);
      continue;
    }
    const now = Math.max(0, held(p) - baseline);
    if (now !== before) out.push({ date: p.date, amount: now - before });
    before = now;
  }
  return out;
}
