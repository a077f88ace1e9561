// The CARC crosswalk (warehouse/reference/carc_category.csv) read for the ground truth, and the
// classification of every CAS amount of an 835 claim record by it, effective on the adjudication date.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { Adjudication, Adjustment, IsoDate } from '../model.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const COLUMNS = ['carc', 'category', 'is_denial', 'hard_soft', 'owner_team', 'effective_from', 'effective_to'];

export interface CrosswalkRow {
  carc: string;
  category: string;
  isDenial: boolean;
  hardSoft: string | null;
  ownerTeam: string | null;
  effectiveFrom: IsoDate | null;
  effectiveTo: IsoDate | null;
}

export interface Crosswalk {
  sha256: string;
  rows: CrosswalkRow[];
  byCarc: Map<string, CrosswalkRow[]>;
}

/** A CARC the crosswalk does not know (or not on that date): like the warehouse ledger, not a denial. */
export const UNMAPPED = 'unmapped';

export function parseCrosswalk(text: string): Crosswalk {
  const records = parse(text, { columns: true, bom: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  const missing = COLUMNS.filter((c) => records.length > 0 && !(c in records[0]));
  if (missing.length > 0) throw new Error(`crosswalk: missing columns ${missing.join(', ')}`);
  const rows = records.map((r) => ({
    carc: r.carc,
    category: r.category,
    isDenial: r.is_denial.toLowerCase() === 'true',
    hardSoft: r.hard_soft || null,
    ownerTeam: r.owner_team || null,
    effectiveFrom: r.effective_from || null,
    effectiveTo: r.effective_to || null,
  }));
  const byCarc = new Map<string, CrosswalkRow[]>();
  for (const row of rows) byCarc.set(row.carc, [...(byCarc.get(row.carc) ?? []), row]);
  return { sha256: createHash('sha256').update(text).digest('hex'), rows, byCarc };
}

/** Reads the crosswalk; a relative path is resolved from the repository root. */
export function loadCrosswalk(path = 'warehouse/reference/carc_category.csv'): Crosswalk {
  return parseCrosswalk(readFileSync(isAbsolute(path) ? path : resolve(REPO_ROOT, path), 'utf8'));
}

export interface CarcClass {
  category: string;
  isDenial: boolean;
}

const UNMAPPED_CLASS: CarcClass = { category: UNMAPPED, isDenial: false };

/** The row effective on the date (effective_to inclusive, as in the warehouse's ref_carc_category join). */
export function classify(crosswalk: Crosswalk, carc: string, date: IsoDate): CarcClass {
  const rows = crosswalk.byCarc.get(carc);
  if (rows) {
    for (const r of rows) {
      if ((r.effectiveFrom === null || r.effectiveFrom <= date) && (r.effectiveTo === null || date <= r.effectiveTo)) return r;
    }
  }
  return UNMAPPED_CLASS;
}

/** The denial categories in the order they first appear in the file (a stable order for the report). */
export function denialCategories(crosswalk: Crosswalk): string[] {
  return [...new Set(crosswalk.rows.filter((r) => r.isDenial).map((r) => r.category))];
}

export interface ClassifiedAdjustment extends Adjustment, CarcClass {
  /** The service line it sits on, or null for a claim-level CAS. */
  line: number | null;
}

/** Every CAS of the record (claim level and line level), classified on the adjudication date. */
export function classifyAdjustments(adjudication: Adjudication, crosswalk: Crosswalk): ClassifiedAdjustment[] {
  const out: ClassifiedAdjustment[] = [];
  const push = (a: Adjustment, line: number | null) => {
    const { category, isDenial } = classify(crosswalk, a.carc, adjudication.date);
    out.push({ group: a.group, carc: a.carc, amount: a.amount, category, isDenial, line });
  };
  for (const a of adjudication.claimAdjustments) push(a, null);
  for (const l of adjudication.lines) for (const a of l.adjustments) push(a, l.line);
  return out;
}
