// The denial pattern finder: among the lines first adjudicated in a window, the combinations of payer ×
// procedure × modifier × diagnosis × rendering provider whose denial rate most exceeds the payer's own
// baseline (at least twice it), with enough volume to matter, ranked by the denied dollars in excess of that baseline. Each
// carries its volume, rate, lift, a 95 % Wilson lower bound on its rate (a pattern is reported only when
// that bound is above the baseline), its most frequent CARC and example claims. Combinations that explain
// mostly the same denied lines as a higher-ranked one are folded into it.
import type { Warehouse } from '../database.ts';
import { type Window } from '../metrics/window.ts';
import { dateLiteral } from '../sql.ts';
import { scopeToPractices } from '../metrics/practice-scope.ts';

/** How much more often than its payer's baseline a combination must be denied to be a pattern. */
export const MIN_LIFT = 2;

export type PatternDimension = 'payer' | 'cpt' | 'modifier' | 'diagnosis' | 'provider';

const COLUMN: Record<PatternDimension, string> = {
  payer: 'payer_id', cpt: 'procedure_code', modifier: "coalesce(nullif(modifiers, ''), '(none)')", diagnosis: 'diagnosis_code', provider: 'rendering_npi',
};

/** The combinations looked at; the payer is always one of the dimensions (the baseline is the payer's). */
export const COMBINATIONS: PatternDimension[][] = [
  ['payer', 'cpt'], ['payer', 'modifier'], ['payer', 'diagnosis'], ['payer', 'provider'],
  ['payer', 'cpt', 'modifier'], ['payer', 'provider', 'modifier'], ['payer', 'provider', 'cpt'], ['payer', 'cpt', 'diagnosis'],
];

export interface DenialPattern {
  rank: number;
  dimensions: Partial<Record<PatternDimension, string>>;
  lines: number;
  claims: number;
  denied_lines: number;
  rate: number;
  baseline_rate: number;
  lift: number | null;
  lower_bound: number;
  charges: number;
  denied_dollars: number;
  excess_denied_dollars: number;
  top_carc: string | null;
  top_carc_share: number | null;
  example_claims: string[];
  also_explains: string[];
}

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

function label(d: Partial<Record<PatternDimension, string>>): string {
  return (Object.keys(COLUMN) as PatternDimension[]).filter((k) => d[k] !== undefined).map((k) => `${k} ${d[k]}`).join(' × ');
}

export async function findDenialPatterns(warehouse: Warehouse, options: PatternOptions): Promise<{ baseline: Record<string, number>; patterns: DenialPattern[] }> {
  const w = options.window;
  // a line id stable across the queries below: file and segment position of the line (or of its claim record)
  const lines = `SELECT *, file_id * 100000000 + coalesce(line_position, claim_position) AS line_id FROM mart_first_adjudication_line
    WHERE adjudication_date BETWEEN ${dateLiteral(w.from)} AND ${dateLiteral(w.to)} AND NOT claim_denied_as_duplicate`;
  const query = <T extends Record<string, unknown>>(sql: string) => warehouse.all<T>(scopeToPractices(sql, options.practices));
  const baselineRows = await query<{ payer_id: string; rate: number }>(
    `SELECT payer_id, (count(*) FILTER (WHERE is_denied))::DOUBLE / count(*) AS rate FROM (${lines}) GROUP BY 1`);
  const baseline = Object.fromEntries(baselineRows.map((r) => [r.payer_id, Number(r.rate)]));

  const candidates: (DenialPattern & { deniedIds: Set<number> })[] = [];
  for (const combination of COMBINATIONS) {
    const keys = combination.map((d) => `${COLUMN[d]} AS ${d}`).join(', ');
    // the most frequent CARC of the group's denied lines, and how many of them carry it
    const rows = await query<Record<string, unknown>>(`
      WITH l AS (SELECT ${keys}, claim_id, line_id, charge, is_denied, denial_carcs FROM (${lines})),
           b AS (SELECT payer_id, (count(*) FILTER (WHERE is_denied))::DOUBLE / count(*) AS baseline FROM (${lines}) GROUP BY 1),
           g AS (
             SELECT ${combination.join(', ')}, count(*) AS lines, count(DISTINCT claim_id) AS claims, count(*) FILTER (WHERE is_denied) AS denied_lines,
                    sum(charge)::DOUBLE AS charges, coalesce(sum(charge) FILTER (WHERE is_denied), 0)::DOUBLE AS denied_dollars,
                    any_value(b.baseline) AS baseline,
                    mode(denial_carcs[1]) FILTER (WHERE is_denied) AS top_carc,
                    list(denial_carcs[1]) FILTER (WHERE is_denied) AS denied_carcs,
                    list(line_id) FILTER (WHERE is_denied) AS denied_ids,
                    list(DISTINCT claim_id ORDER BY claim_id) FILTER (WHERE is_denied) AS denied_claims
             FROM l JOIN b ON b.payer_id = l.payer
             WHERE ${combination.map((d) => `${d} IS NOT NULL`).join(' AND ')}
             GROUP BY ${combination.join(', ')}
             HAVING count(DISTINCT claim_id) >= ${Math.max(1, Math.floor(options.minClaims))})
      SELECT * EXCLUDE (denied_carcs), len(list_filter(denied_carcs, x -> x = top_carc)) AS top_carc_lines FROM g`);
    for (const r of rows) {
      const n = Number(r.lines);
      const denied = Number(r.denied_lines);
      const base = Number(r.baseline);
      const lower = wilsonLowerBound(denied, n);
      // a pattern: denied at least twice as often as the payer's lines overall, and surely more often than them
      if (denied === 0 || lower <= base || denied / n < MIN_LIFT * base) continue;
      const charges = Number(r.charges);
      const deniedDollars = Number(r.denied_dollars);
      candidates.push({
        rank: 0,
        dimensions: Object.fromEntries(combination.map((d) => [d, String(r[d])])),
        lines: n, claims: Number(r.claims), denied_lines: denied,
        rate: Math.round((denied / n) * 1e6) / 1e6, baseline_rate: Math.round(base * 1e6) / 1e6,
        lift: base > 0 ? Math.round((denied / n / base) * 100) / 100 : null,
        lower_bound: Math.round(lower * 1e6) / 1e6,
        charges: Math.round(charges * 100) / 100, denied_dollars: Math.round(deniedDollars * 100) / 100,
        excess_denied_dollars: Math.round((deniedDollars - base * charges) * 100) / 100,
        top_carc: (r.top_carc as string | null) ?? null,
        top_carc_share: denied > 0 ? Math.round((Number(r.top_carc_lines) / denied) * 1000) / 1000 : null,
        example_claims: (r.denied_claims as string[]).slice(0, 5),
        also_explains: [],
        deniedIds: new Set((r.denied_ids as (number | bigint)[]).map(Number)),
      });
    }
  }
  candidates.sort((a, b) => b.excess_denied_dollars - a.excess_denied_dollars || b.lower_bound - a.lower_bound);
  // Candidates that explain mostly the same denied lines form one finding; its description is the sharpest
  // of them (the highest lower bound) among those holding at least half of the finding's excess dollars.
  const chosen: typeof candidates = [];
  for (const c of candidates) {
    const at = chosen.findIndex((p) => [...c.deniedIds].filter((id) => p.deniedIds.has(id)).length >= 0.5 * c.deniedIds.size);
    if (at < 0) {
      chosen.push(c);
      continue;
    }
    const parent = chosen[at];
    if (c.lower_bound > parent.lower_bound && c.excess_denied_dollars >= 0.5 * parent.excess_denied_dollars) {
      chosen[at] = { ...c, also_explains: [label(parent.dimensions), ...parent.also_explains].slice(0, 5) };
    } else if (parent.also_explains.length < 5) parent.also_explains.push(label(c.dimensions));
  }
  chosen.sort((a, b) => b.excess_denied_dollars - a.excess_denied_dollars || b.lower_bound - a.lower_bound);
  chosen.splice(options.limit);
  return { baseline, patterns: chosen.map(({ deniedIds: _, ...p }, i) => ({ ...p, rank: i + 1 })) };
}
