// The denial pattern finder: among the lines first adjudicated in a window, the combinations of payer ×
// procedure × modifier × diagnosis × rendering provider, and the code pairs billed on one claim, whose denial
// rate most exceeds the payer's own baseline (at least twice it), with enough volume to matter, ranked by the
// denied dollars in excess of that baseline. Each carries its volume, rate, lift, a 95 % Wilson lower bound on
// its rate (a pattern is reported only when that bound is above the baseline), its CARCs with their shares,
// its denial category with the team that owns it and the crosswalk's one-line fix, and example claims.
// Combinations that explain mostly the same denied lines as a higher-ranked one are folded into it.
//
// A line's CARC is the first of its denial CARCs, so a combination's CARCs split its denied lines.
// Code pairs: a line grouped with each other procedure code on its claim (`with_cpt`), among the claims of the
// window with two codes or more; grouped by payer × modifier × that code, the NCCI shape behind bundling denials
// (an E/M with modifier 25 billed with 96372) comes out as one pattern across the E/M codes.
// Mixed causes and CARC as a dimension: a combination whose top CARC covers less than 60 % of its denied lines
// is marked mixed, and only such a combination is split by CARC. Each split row is a combination × CARC whose
// rate is its lines denied with that CARC over all its lines, held to the same tests against the payer's
// baseline for that CARC; it stands as its own pattern, never folded into a mixed row nor a mixed row into it.
// A combination dominated by one CARC is not split: its row already names the cause, and against the smaller
// baseline of one CARC the same lines would show a larger excess, crowding out the patterns ranked by the whole
// denial rate (the planted ones stay on top this way).
import type { Warehouse } from '../database.ts';
import { type Window } from '../metrics/window.ts';
import { dateLiteral } from '../sql.ts';
import { scopeToPractices } from '../metrics/practice-scope.ts';
import type { DenialPattern, PATTERN_DIMENSIONS } from '../../kernel/api/metrics.ts';

export type { DenialPattern } from '../../kernel/api/metrics.ts';

/** How much more often than its payer's baseline a combination must be denied to be a pattern. */
export const MIN_LIFT = 2;
/** Below this share of its denied lines under its top CARC, a combination has mixed causes. */
export const MIXED_BELOW = 0.6;
/** The fewest lines denied with one CARC for a mixed combination's cause to stand as its own pattern. */
export const MIN_CAUSE_LINES = 3;

export type PatternDimension = (typeof PATTERN_DIMENSIONS)[number];
type GroupDimension = Exclude<PatternDimension, 'carc'>;

const COLUMN: Record<Exclude<GroupDimension, 'with_cpt'>, string> = {
  payer: 'payer_id', cpt: 'procedure_code', modifier: "coalesce(nullif(modifiers, ''), '(none)')", diagnosis: 'diagnosis_code', provider: 'rendering_npi',
};

/** The combinations looked at; the payer is always one of the dimensions (the baseline is the payer's). */
export const COMBINATIONS: GroupDimension[][] = [
  ['payer', 'cpt'], ['payer', 'modifier'], ['payer', 'diagnosis'], ['payer', 'provider'],
  ['payer', 'cpt', 'modifier'], ['payer', 'provider', 'modifier'], ['payer', 'provider', 'cpt'], ['payer', 'cpt', 'diagnosis'],
  ['payer', 'modifier', 'with_cpt'], ['payer', 'cpt', 'with_cpt'],
];

/** The order a pattern's dimensions are named in. */
const LABEL_ORDER: PatternDimension[] = ['payer', 'cpt', 'modifier', 'diagnosis', 'provider', 'carc'];

export interface PatternOptions {
  window: Window;
  minClaims: number;
  limit: number;
  /** The practices (billing NPIs) the reader may see; undefined: every practice. */
  practices?: readonly string[];
}

/** 95 % Wilson score lower bound of a proportion. */
export function wilsonLowerBound(successes: number, n: number, z = 1.96): number {
  if (n === 0) return 0;
  const p = successes / n;
  const z2 = z * z;
  return Math.max(0, (p + z2 / (2 * n) - z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n));
}

/** How a pattern reads: 'payer SUMMT × modifier 25 billed with 96372', 'payer HRHMO × diagnosis M5450 × CARC 252'. */
export function patternLabel(d: Partial<Record<PatternDimension, string>>): string {
  const named = LABEL_ORDER.filter((k) => d[k] !== undefined).map((k) => `${k === 'carc' ? 'CARC' : k} ${d[k]}`).join(' × ');
  return d.with_cpt === undefined ? named : `${named} billed with ${d.with_cpt}`;
}

/** The denied lines of a combination under one CARC (null: a record denied in full without a reason). */
interface Cause { carc: string | null; lines: number; cents: number; category: string | null; ids: number[]; claims: string[] }

type Candidate = DenialPattern & { deniedIds: Set<number> };

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

export async function findDenialPatterns(warehouse: Warehouse, options: PatternOptions): Promise<{ baseline: Record<string, number>; patterns: DenialPattern[] }> {
  const w = options.window;
  const minClaims = Math.max(1, Math.floor(options.minClaims));
  // a line id stable across the queries below: file and segment position of the line (or of its claim record)
  const lines = `SELECT ${Object.entries(COLUMN).map(([d, c]) => `${c} AS ${d}`).join(', ')}, claim_id,
      file_id * 100000000 + coalesce(line_position, claim_position) AS line_id, charge, is_denied,
      denial_carcs[1] AS carc, denial_categories[1] AS category
    FROM mart_first_adjudication_line
    WHERE adjudication_date BETWEEN ${dateLiteral(w.from)} AND ${dateLiteral(w.to)} AND NOT claim_denied_as_duplicate`;
  // each line beside every other procedure code of its claim (a claim with one code has no pair), with only the
  // columns the pairs are grouped and counted by
  const pairs = `WITH line AS (${lines}),
      code AS (SELECT DISTINCT claim_id, cpt AS with_cpt FROM line WHERE cpt IS NOT NULL)
    SELECT line.payer, line.cpt, line.modifier, code.with_cpt, line.claim_id, line_id, charge, is_denied, carc, category
    FROM line JOIN code ON code.claim_id = line.claim_id AND code.with_cpt IS DISTINCT FROM line.cpt`;
  const query = <T extends Record<string, unknown>>(sql: string) => warehouse.all<T>(scopeToPractices(sql, options.practices));

  const baselineRows = await query<{ payer: string; carc: string | null; lines: bigint; denied: bigint }>(
    `SELECT payer, carc, count(*) AS lines, count(*) FILTER (WHERE is_denied) AS denied FROM (${lines}) GROUP BY ALL`);
  const payerLines = new Map<string, number>();
  const payerDenied = new Map<string, number>();
  const carcDenied = new Map<string, number>();
  for (const r of baselineRows) {
    payerLines.set(r.payer, (payerLines.get(r.payer) ?? 0) + Number(r.lines));
    payerDenied.set(r.payer, (payerDenied.get(r.payer) ?? 0) + Number(r.denied));
    if (r.carc !== null) carcDenied.set(`${r.payer}|${r.carc}`, Number(r.denied));
  }
  const baseline = Object.fromEntries([...payerLines].map(([payer, n]) => [payer, (payerDenied.get(payer) ?? 0) / n]));
  const categories = new Map((await warehouse.all<{ category: string; owner_team: string | null; fix: string | null }>(
    'SELECT category, owner_team, fix FROM ref_denial_category')).map((r) => [r.category, r]));

  const candidates: Candidate[] = [];
  /** A combination (or one of its causes) as a candidate, when it passes the tests against `base`. */
  const consider = (dimensions: Partial<Record<PatternDimension, string>>, g: { lines: number; claims: number; charges: number }, causes: Cause[], base: number) => {
    const denied = causes.reduce((s, c) => s + c.lines, 0);
    const n = g.lines;
    const lower = wilsonLowerBound(denied, n);
    // a pattern: denied at least twice as often as the payer's lines overall, and surely more often than them
    if (denied === 0 || lower <= base || denied / n < MIN_LIFT * base) return;
    // whole cents, summed exactly
    const deniedDollars = causes.reduce((s, c) => s + c.cents, 0) / 100;
    const named = causes.filter((c) => c.carc !== null);
    const byCategory = new Map<string, number>();
    for (const c of causes) if (c.category !== null) byCategory.set(c.category, (byCategory.get(c.category) ?? 0) + c.lines);
    // ties go to the category of the larger cause (causes come largest first, and the sort is stable)
    const category = [...byCategory].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
    const topShare = named.length ? named[0].lines / denied : null;
    candidates.push({
      rank: 0, label: patternLabel(dimensions), dimensions,
      lines: n, claims: g.claims, denied_lines: denied,
      rate: round(denied / n, 6), baseline_rate: round(base, 6),
      lift: base > 0 ? round(denied / n / base, 2) : null,
      lower_bound: round(lower, 6),
      charges: round(g.charges, 2), denied_dollars: round(deniedDollars, 2),
      excess_denied_dollars: round(deniedDollars - base * g.charges, 2),
      top_carc: named[0]?.carc ?? null,
      top_carc_share: topShare === null ? null : round(topShare, 3),
      mixed_causes: topShare === null || topShare < MIXED_BELOW,
      carcs: named.slice(0, 3).map((c) => ({ carc: c.carc!, lines: c.lines, share: round(c.lines / denied, 3) })),
      category, owner: category ? (categories.get(category)?.owner_team ?? null) : null, fix: category ? (categories.get(category)?.fix ?? null) : null,
      example_claims: [...new Set(causes.flatMap((c) => c.claims))].sort().slice(0, 5),
      also_explains: [],
      deniedIds: new Set(causes.flatMap((c) => c.ids)),
    });
  };

  for (const combination of COMBINATIONS) {
    const keys = combination.join(', ');
    // the combination's groups with their volume (g), and their denied lines under each CARC (c): the CARCs largest
    // first and a missing CARC last, listing lines and claims only for the groups with the volume
    const rows = await query<{ lines: bigint; claims: bigint; charges: number; causes: Cause[] } & Record<GroupDimension, string>>(`
      WITH l AS (${combination.includes('with_cpt') ? pairs : lines}),
           g AS (
             SELECT ${keys}, count(*) AS lines, count(DISTINCT claim_id) AS claims, sum(charge)::DOUBLE AS charges
             FROM l WHERE ${combination.map((d) => `${d} IS NOT NULL`).join(' AND ')}
             GROUP BY ${keys}
             HAVING count(DISTINCT claim_id) >= ${minClaims} AND count(*) FILTER (WHERE is_denied) > 0),
           c AS (
             SELECT ${keys}, carc, count(*) AS lines, (sum(charge) * 100)::BIGINT AS cents, mode(category) AS category,
                    list(line_id) AS ids, list(DISTINCT claim_id ORDER BY claim_id) AS claims
             FROM l SEMI JOIN g USING (${keys}) WHERE is_denied
             GROUP BY ${keys}, carc)
      SELECT g.*, list({carc: c.carc, lines: c.lines, cents: c.cents, category: c.category, ids: c.ids, claims: c.claims}
                       ORDER BY c.carc IS NULL, c.lines DESC, c.carc) AS causes
      FROM g JOIN c USING (${keys})
      GROUP BY ALL`);
    for (const r of rows) {
      const dimensions = Object.fromEntries(combination.map((d) => [d, String(r[d])])) as Partial<Record<PatternDimension, string>>;
      const causes = r.causes.map((c) => ({ ...c, lines: Number(c.lines), cents: Number(c.cents), ids: c.ids.map(Number) }));
      const g = { lines: Number(r.lines), claims: Number(r.claims), charges: Number(r.charges) };
      const payer = dimensions.payer!;
      consider(dimensions, g, causes, baseline[payer]);
      // a mixed combination's causes, each against the payer's baseline for its CARC
      const denied = causes.reduce((s, c) => s + c.lines, 0);
      const top = causes[0];
      if (top.carc !== null && top.lines / denied >= MIXED_BELOW) continue;
      for (const cause of causes) {
        if (cause.carc === null || cause.lines < MIN_CAUSE_LINES) continue;
        consider({ ...dimensions, carc: cause.carc }, g, [cause], (carcDenied.get(`${payer}|${cause.carc}`) ?? 0) / payerLines.get(payer)!);
      }
    }
  }
  const order = (a: Candidate, b: Candidate) => b.excess_denied_dollars - a.excess_denied_dollars || b.lower_bound - a.lower_bound || a.label.localeCompare(b.label);
  candidates.sort(order);
  // Candidates that explain mostly the same denied lines form one finding; its description is the sharpest
  // of them (the highest lower bound) among those holding at least half of the finding's excess dollars.
  // A mixed row and a row of one CARC are never one finding: the CARC row is one of the mixed row's causes.
  const apart = (a: Candidate, b: Candidate) => (a.mixed_causes && b.dimensions.carc !== undefined) || (b.mixed_causes && a.dimensions.carc !== undefined);
  const chosen: Candidate[] = [];
  for (const c of candidates) {
    const at = chosen.findIndex((p) => !apart(p, c) && [...c.deniedIds].filter((id) => p.deniedIds.has(id)).length >= 0.5 * c.deniedIds.size);
    if (at < 0) {
      chosen.push(c);
      continue;
    }
    const parent = chosen[at];
    if (c.lower_bound > parent.lower_bound && c.excess_denied_dollars >= 0.5 * parent.excess_denied_dollars) {
      chosen[at] = { ...c, also_explains: [parent.label, ...parent.also_explains].slice(0, 5) };
    } else if (parent.also_explains.length < 5) parent.also_explains.push(c.label);
  }
  chosen.sort(order);
  chosen.splice(options.limit);
  return { baseline, patterns: chosen.map(({ deniedIds: _, ...p }, i) => ({ ...p, rank: i + 1 })) };
}
