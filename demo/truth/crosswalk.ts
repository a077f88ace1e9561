// The CARC crosswalk (warehouse/reference/carc_crosswalk.csv with the categories of denial_category.csv) read
// for the ground truth, and the classification of every CAS amount of an 835 claim record by it.
//
// Which row a CAS (group, CARC, the RARCs at its level, payer, adjudication date) takes: of the rows effective
// on the date whose carc is the CARC, whose group_code is the group or '*', whose rarc is empty or one of the
// RARCs, and whose payer_id is empty or the payer, the first by
//   1. payer-specific before general, 2. exact group before '*', 3. exact RARC before empty,
//   4. the latest effective_from, 5. the smaller RARC code (only two RARC rows of one line can still tie).
// No row: 'unmapped', not a denial. Migration 008 has the same rule as SQL; the two are kept in step by hand.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { Adjudication, Adjustment, IsoDate } from '../model.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CROSSWALK_COLUMNS = ['group_code', 'carc', 'rarc', 'payer_id', 'category', 'effective_from', 'effective_to'];
const CATEGORY_COLUMNS = ['category', 'label', 'is_denial', 'avoidable', 'hard_soft', 'owner_team', 'sort_order'];
/** The one-table format of carc_category.csv, with each row's category attributes inline. */
const LEGACY_COLUMNS = ['carc', 'category', 'is_denial', 'hard_soft', 'owner_team', 'effective_from', 'effective_to'];
const ANY_GROUP = '*';
const GROUPS = new Set(['CO', 'PR', 'OA', 'PI', 'CR', ANY_GROUP]);

export interface DenialCategory {
  category: string;
  label: string;
  isDenial: boolean;
  /** null in the legacy format, which does not say. */
  avoidable: boolean | null;
  hardSoft: string | null;
  ownerTeam: string | null;
  sortOrder: number;
}

export interface CrosswalkRow {
  /** CO, PR, OA, PI, CR, or '*' for any group. */
  group: string;
  carc: string;
  /** null: whatever the remarks. */
  rarc: string | null;
  /** null: every payer. */
  payerId: string | null;
  category: string;
  isDenial: boolean;
  effectiveFrom: IsoDate | null;
  /** Inclusive, as in the warehouse's joins; null: open. */
  effectiveTo: IsoDate | null;
}

export interface Crosswalk {
  /** Of the file(s) read: the crosswalk's text, then the categories' text. */
  sha256: string;
  rows: CrosswalkRow[];
  byCarc: Map<string, CrosswalkRow[]>;
  /** In report order (sort_order). */
  categories: DenialCategory[];
}

/** A crosswalk row as the file has it, before its category is looked up. */
type Rule = Omit<CrosswalkRow, 'isDenial'>;

/** A CARC the crosswalk does not know (or not on that date): like the warehouse ledger, not a denial. */
export const UNMAPPED = 'unmapped';

type Csv = Record<string, string>[];

function readCsv(text: string): Csv {
  return parse(text, { columns: true, bom: true, skip_empty_lines: true, trim: true }) as Csv;
}

function requireColumns(records: Csv, columns: string[], what: string): Csv {
  const missing = columns.filter((c) => records.length > 0 && !(c in records[0]));
  if (missing.length > 0) throw new Error(`${what}: missing columns ${missing.join(', ')}`);
  return records;
}

function bool(value: string, what: string): boolean {
  if (value === 'true' || value === 'false') return value === 'true';
  throw new Error(`${what}: "${value}" is not true or false`);
}

function sortOrder(r: Record<string, string>): number {
  const n = Number(r.sort_order);
  if (r.sort_order === '' || !Number.isInteger(n)) throw new Error(`category ${r.category}: sort_order "${r.sort_order}" is not a whole number`);
  return n;
}

function parseCategories(text: string): DenialCategory[] {
  return requireColumns(readCsv(text), CATEGORY_COLUMNS, 'denial categories')
    .map((r) => ({
      category: r.category, label: r.label,
      isDenial: bool(r.is_denial, `category ${r.category}`), avoidable: bool(r.avoidable, `category ${r.category}`),
      hardSoft: r.hard_soft || null, ownerTeam: r.owner_team || null, sortOrder: sortOrder(r),
    }))
    .sort((a, b) => a.sortOrder - b.sortOrder);
}

/** carc_category.csv: a '*' row per CARC; its categories in the order they first appear. */
function parseLegacy(records: Csv): { rows: Rule[]; categories: DenialCategory[] } {
  const categories = new Map<string, DenialCategory>();
  for (const r of records) {
    if (categories.has(r.category)) continue;
    categories.set(r.category, {
      category: r.category, label: r.category, isDenial: bool(r.is_denial, `carc ${r.carc}`), avoidable: null,
      hardSoft: r.hard_soft || null, ownerTeam: r.owner_team || null, sortOrder: categories.size,
    });
  }
  const rows = records.map((r) => ({ group: ANY_GROUP, carc: r.carc, rarc: null, payerId: null, category: r.category, effectiveFrom: r.effective_from || null, effectiveTo: r.effective_to || null }));
  return { rows, categories: [...categories.values()] };
}

const keyOf = (r: Rule) => [r.group, r.carc, r.rarc ?? '', r.payerId ?? '', r.effectiveFrom ?? ''].join('|');

/**
 * Parses the crosswalk and its categories. The one-table format of carc_category.csv (categories inline)
 * still parses on its own, as '*' rows without RARC or payer.
 */
export function parseCrosswalk(crosswalkText: string, categoriesText?: string): Crosswalk {
  const records = readCsv(crosswalkText);
  const legacy = records.length > 0 && !('group_code' in records[0]);
  let parsed: { rows: Rule[]; categories: DenialCategory[] };
  if (legacy) {
    if (categoriesText !== undefined) throw new Error('crosswalk: the one-table format carries its own categories');
    parsed = parseLegacy(requireColumns(records, LEGACY_COLUMNS, 'crosswalk'));
  } else {
    if (categoriesText === undefined) throw new Error('crosswalk: the denial categories are needed');
    const rows = requireColumns(records, CROSSWALK_COLUMNS, 'crosswalk').map((r) => ({
      group: r.group_code, carc: r.carc, rarc: r.rarc || null, payerId: r.payer_id || null, category: r.category,
      effectiveFrom: r.effective_from || null, effectiveTo: r.effective_to || null,
    }));
    parsed = { rows, categories: parseCategories(categoriesText) };
  }

  const byCategory = new Map(parsed.categories.map((c) => [c.category, c]));
  const seen = new Set<string>();
  const rows = parsed.rows.map((r): CrosswalkRow => {
    const category = byCategory.get(r.category);
    if (!category) throw new Error(`crosswalk: CARC ${r.carc} has category "${r.category}", which is not a denial category`);
    if (!GROUPS.has(r.group)) throw new Error(`crosswalk: CARC ${r.carc} has group "${r.group}"`);
    // a repeated key would make the resolution depend on the file's order
    const key = keyOf(r);
    if (seen.has(key)) throw new Error(`crosswalk: the row ${key} is there twice`);
    seen.add(key);
    return { ...r, isDenial: category.isDenial };
  });
  const byCarc = new Map<string, CrosswalkRow[]>();
  for (const row of rows) byCarc.set(row.carc, [...(byCarc.get(row.carc) ?? []), row]);
  const sha256 = createHash('sha256').update(crosswalkText).update(categoriesText ?? '').digest('hex');
  return { sha256, rows, byCarc, categories: parsed.categories };
}

const fromRoot = (path: string) => readFileSync(isAbsolute(path) ? path : resolvePath(REPO_ROOT, path), 'utf8');

/** Reads the crosswalk and its categories; a relative path is resolved from the repository root. */
export function loadCrosswalk(
  crosswalkPath = 'warehouse/reference/carc_crosswalk.csv',
  categoriesPath = 'warehouse/reference/denial_category.csv',
): Crosswalk {
  return parseCrosswalk(fromRoot(crosswalkPath), fromRoot(categoriesPath));
}

/** One CAS adjustment as the crosswalk sees it. A bare CARC (old callers) matches only the general rows. */
export interface CasKey {
  carc: string;
  group?: string;
  /** The RARCs at the CAS's level: its line's remarks, or the claim's for a claim-level CAS. */
  remarks?: readonly string[];
  payerId?: string;
}

export interface CarcClass {
  category: string;
  isDenial: boolean;
}

const UNMAPPED_CLASS: CarcClass = { category: UNMAPPED, isDenial: false };

const effectiveOn = (r: CrosswalkRow, date: IsoDate) =>
  (r.effectiveFrom === null || r.effectiveFrom <= date) && (r.effectiveTo === null || date <= r.effectiveTo);

/** Negative when `a` goes before `b` in the precedence at the top of this file. */
function precedence(a: CrosswalkRow, b: CrosswalkRow): number {
  const specific = (r: CrosswalkRow) => [r.payerId !== null, r.group !== ANY_GROUP, r.rarc !== null];
  const [sa, sb] = [specific(a), specific(b)];
  for (let i = 0; i < sa.length; i++) if (sa[i] !== sb[i]) return sa[i] ? -1 : 1;
  const [fa, fb] = [a.effectiveFrom ?? '', b.effectiveFrom ?? ''];
  if (fa !== fb) return fa > fb ? -1 : 1;
  const [ra, rb] = [a.rarc ?? '', b.rarc ?? ''];
  return ra < rb ? -1 : ra > rb ? 1 : 0;
}

/** The crosswalk row a CAS takes on the date, or undefined (unmapped). */
export function resolveCarc(crosswalk: Crosswalk, cas: CasKey, date: IsoDate): CrosswalkRow | undefined {
  let best: CrosswalkRow | undefined;
  for (const r of crosswalk.byCarc.get(cas.carc) ?? []) {
    if (!effectiveOn(r, date)) continue;
    if (r.group !== ANY_GROUP && r.group !== cas.group) continue;
    if (r.rarc !== null && !(cas.remarks ?? []).includes(r.rarc)) continue;
    if (r.payerId !== null && r.payerId !== cas.payerId) continue;
    if (best === undefined || precedence(r, best) < 0) best = r;
  }
  return best;
}

/** The category of a CAS (or of a bare CARC) on the date. */
export function classify(crosswalk: Crosswalk, cas: string | CasKey, date: IsoDate): CarcClass {
  const row = resolveCarc(crosswalk, typeof cas === 'string' ? { carc: cas } : cas, date);
  return row ? { category: row.category, isDenial: row.isDenial } : UNMAPPED_CLASS;
}

/** The denial categories in report order. */
export function denialCategories(crosswalk: Crosswalk): string[] {
  return crosswalk.categories.filter((c) => c.isDenial).map((c) => c.category);
}

export interface ClassifiedAdjustment extends Adjustment, CarcClass {
  /** The service line it sits on, or null for a claim-level CAS. */
  line: number | null;
}

/**
 * Every CAS of the record (claim level and line level), classified for its payer on the adjudication date.
 * A line CAS sees its line's remarks (LQ); a claim CAS would see the claim's (MOA), which the model has none of.
 */
export function classifyAdjustments(adjudication: Adjudication, crosswalk: Crosswalk): ClassifiedAdjustment[] {
  const out: ClassifiedAdjustment[] = [];
  const push = (a: Adjustment, line: number | null, remarks: readonly string[]) => {
    const { category, isDenial } = classify(crosswalk, { group: a.group, carc: a.carc, remarks, payerId: adjudication.payerId }, adjudication.date);
    out.push({ group: a.group, carc: a.carc, amount: a.amount, category, isDenial, line });
  };
  for (const a of adjudication.claimAdjustments) push(a, null, []);
  for (const l of adjudication.lines) for (const a of l.adjustments) push(a, l.line, l.remarks);
  return out;
}
