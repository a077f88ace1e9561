// Which lines an adjudication denies (metrics.md, "What counts as a denial") and whether a denied line was
// later paid (an overturn). Only the primary payer's records that are not reversals are judged: reversals
// never count as an extra denial, and a secondary's record never counts in the denial metrics.
import type { Adjudication, Claim, IsoDate } from '../model.ts';
import type { ClassifiedAdjustment } from './crosswalk.ts';

/** A status-4 claim with no denial CAS at all still is denied; its lines get this category. */
export const UNCLASSIFIED = 'unclassified';
export const DUPLICATE_CARC = '18';

export interface AdjudicationDenial {
  /** Denied line number → its denial categories (each counts once per category). */
  deniedLines: Map<number, string[]>;
  denied: boolean;
  /** Union of the denied lines' categories. */
  categories: string[];
  /** Its denials include CARC 18 (duplicate claim): excluded from the initial denial rates. */
  duplicate: boolean;
}

function addAmount(sums: Map<string, number>, key: string, amount: number): void {
  sums.set(key, (sums.get(key) ?? 0) + amount);
}

const positive = (sums: Map<string, number> | undefined): string[] => [...(sums ?? [])].filter(([, v]) => v > 0).map(([k]) => k);
const total = (sums: Map<string, number> | undefined): number => [...(sums?.values() ?? [])].reduce((s, v) => s + v, 0);

export function denialOn(adjudication: Adjudication, cas: ClassifiedAdjustment[], claim: Claim): AdjudicationDenial {
  // denial-category amounts summed per category, so that a CAS netted to zero denies nothing
  const claimLevel = new Map<string, number>();
  const lineLevel = new Map<number, Map<string, number>>();
  let duplicateAmount = 0;
  for (const a of cas) {
    if (!a.isDenial) continue;
    if (a.carc === DUPLICATE_CARC) duplicateAmount += a.amount;
    if (a.line === null) addAmount(claimLevel, a.category, a.amount);
    else {
      const sums = lineLevel.get(a.line) ?? new Map<string, number>();
      addAmount(sums, a.category, a.amount);
      lineLevel.set(a.line, sums);
    }
  }
  // a claim-level denial has no line attribution, so it denies every line; CLP02 4 denies the claim in full
  const claimWide = total(claimLevel) > 0 || adjudication.status === '4';
  const claimCategories = total(claimLevel) > 0 ? positive(claimLevel) : [];
  const deniedLines = new Map<number, string[]>();
  const lineNumbers = new Set([...claim.lines.map((l) => l.number), ...lineLevel.keys()]);
  for (const number of [...lineNumbers].sort((a, b) => a - b)) {
    const sums = lineLevel.get(number);
    const ownDenied = total(sums) > 0;
    const onClaim = claim.lines.some((l) => l.number === number);
    if (!ownDenied && !(claimWide && onClaim)) continue;
    const categories = [...new Set([...(ownDenied ? positive(sums) : []), ...(claimWide ? claimCategories : [])])];
    deniedLines.set(number, categories.length > 0 ? categories : [UNCLASSIFIED]);
  }
  const denied = deniedLines.size > 0 || (claim.lines.length === 0 && claimWide);
  const categories = [...new Set([...deniedLines.values()].flat())];
  if (denied && categories.length === 0) categories.push(...(claimCategories.length > 0 ? claimCategories : [UNCLASSIFIED]));
  return { deniedLines, denied, categories, duplicate: duplicateAmount > 0 };
}

/** The lines an adjudication paid: its lines with paid > 0, or every line when it has no line detail. */
function paidLines(adjudication: Adjudication, claim: Claim): number[] {
  if (adjudication.lines.length > 0) return adjudication.lines.filter((l) => l.paid > 0).map((l) => l.line);
  return adjudication.paid > 0 ? claim.lines.map((l) => l.number) : [];
}

export interface JudgedAdjudication {
  adjudication: Adjudication;
  denial: AdjudicationDenial;
}

/** The date a line denied on an earlier primary record was paid > 0 on a later one (list order), or null. */
export function overturnDate(primaries: JudgedAdjudication[], claim: Claim): IsoDate | null {
  const denied = new Set<number>();
  for (const { adjudication, denial } of primaries) {
    if (denied.size > 0 && paidLines(adjudication, claim).some((line) => denied.has(line))) return adjudication.date;
    for (const line of denial.deniedLines.keys()) denied.add(line);
  }
  return null;
}
