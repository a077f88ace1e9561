// The compiler of the semantic layer: (measures, formulas, window, filters, up to two dimensions) → one
// query. Measures that share a model, a date basis and a population share one scan; the scans are joined
// on the breakdown's keys. The query returns key and one column per formula (numerator, denominator…).
import { between, type Window } from './window.ts';
import { DIMENSIONS, type Breakdown, type Dimension, type Filters } from './metric.ts';
import { sqlString } from '../sql.ts';
import { sqlOf, type DimensionSql, type Measure } from './semantic.ts';

/** A formula's measures: `{charges} - {contractual_adjustments}` names charges and contractual_adjustments. */
export function measuresOf(formula: string): string[] {
  return [...formula.matchAll(/\{([a-z0-9_]+)\}/g)].map((m) => m[1]);
}

/** A metric's formula split at its top-level division: `{a} / ({b} - {c})` → numerator {a}, denominator ({b} - {c}). */
export function splitFormula(formula: string): { numerator: string; denominator: string | null } {
  let depth = 0;
  for (let i = 0; i < formula.length; i++) {
    const ch = formula[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === '/' && depth === 0) return { numerator: formula.slice(0, i).trim(), denominator: formula.slice(i + 1).trim() };
  }
  return { numerator: formula.trim(), denominator: null };
}

function dimensionOf(m: Measure, d: Dimension): DimensionSql | undefined {
  return d === 'month' ? { sql: m.month ?? `strftime(${m.date}, '%Y-%m')` } : m.model.dimensions[d];
}

/** The dimensions every measure's model carries (a denial list only when some measure counts denied rows). */
export function dimensionsOf(measures: readonly Measure[]): Dimension[] {
  return DIMENSIONS.filter((d) => measures.every((m) => dimensionOf(m, d) !== undefined)
    && (measures.every((m) => dimensionOf(m, d)!.list !== 'denied') || measures.some((m) => m.denied)));
}

/** Why a metric over these measures cannot be broken down so, to follow its id (undefined: it can). */
export function refusal(measures: readonly Measure[], by: Breakdown): string | undefined {
  const allowed = dimensionsOf(measures);
  const missing = by.filter((d) => !allowed.includes(d));
  if (missing.length) return `cannot be broken down by ${missing.join(', ')}; it can by ${allowed.join(', ')}`;
  if (by.length > 2) return 'crosses at most two dimensions';
  if (by.length === 2 && by[0] === by[1]) return `cannot cross ${by[0]} with itself`;
  if (by.length === 2 && by.every((d) => dimensionOf(measures[0], d)?.list === 'denied')) return `cannot cross ${by.join(' with ')} (two lists of the same denials)`;
  return undefined;
}

/** One pass over a model: its measures share the model, the date basis, the population and the keys (`shares`). */
interface Scan { shares: string; name: string; measures: Measure[]; keys: number[] }

/** Which rows a measure counts: its filter, narrowed (denied measures only) to the filters' denial category and CARC. */
function conditionOf(x: Measure, w: Window, filters: Filters): string | undefined {
  const conditions = [sqlOf(x.filter, w)].filter(Boolean) as string[];
  if (x.denied && filters.denialCategory) conditions.push(`list_contains(${sqlOf(x.model.dimensions.denial_category!.sql, w)}, ${sqlString(filters.denialCategory)})`);
  if (x.denied && filters.carc) conditions.push(`list_contains(${sqlOf(x.model.dimensions.carc!.sql, w)}, ${sqlString(filters.carc)})`);
  return conditions.length ? conditions.map((c) => `(${c})`).join(' AND ') : undefined;
}

function scanSql(scan: Scan, by: Breakdown, w: Window, filters: Filters): string {
  const m = scan.measures[0];
  const where = sqlOf(m.where, w);
  let rows = `SELECT * FROM ${m.model.from} WHERE ${between(m.date, w)}${where ? ` AND ${where}` : ''}${filters.payer ? ` AND ${m.model.payer} = ${sqlString(filters.payer)}` : ''}`;
  // split by a denial list, a row counts under its denials only when some measure counts it (as its filters say)
  const conditions = scan.measures.map((x) => conditionOf(x, w, filters));
  if (scan.keys.some((i) => dimensionOf(m, by[i])!.list === 'denied') && conditions.every(Boolean)) rows += ` AND (${conditions.join(' OR ')})`;
  const keys = scan.keys.map((i) => {
    const d = dimensionOf(m, by[i])!;
    if (!d.list) return `${sqlOf(d.sql, w)} AS k${i}`;
    rows = `SELECT *, unnest(${sqlOf(d.sql, w)}) AS u${i} FROM (${rows})`;
    return `u${i} AS k${i}`;
  });
  const aggregates = scan.measures.map((x) => {
    const condition = conditionOf(x, w, filters);
    const filter = condition ? ` FILTER (WHERE ${condition})` : '';
    return x.aggregate === 'count' ? `count(*)${filter} AS ${x.id}` : `coalesce(sum(${x.expr})${filter}, 0) AS ${x.id}`;
  });
  return `${scan.name} AS (SELECT ${[...keys, ...aggregates].join(', ')} FROM (${rows})${keys.length ? ` GROUP BY ${keys.map((_, i) => i + 1).join(', ')}` : ''})`;
}

/**
 * One query for formulas over measures, at the grain asked. Broken down by a 'denied' list (denial
 * category, CARC), the measures of denied rows are split by it and the others stay whole for the rest of
 * the breakdown, joined to them (the share of all claims that were denied for that reason).
 */
export function compileQuery(measures: readonly Measure[], columns: Record<string, string>, w: Window, by: Breakdown | undefined, filters: Filters): string {
  const dims = by ?? [];
  const problem = refusal(measures, dims);
  if (problem) throw new Error(problem);
  const splitBy = dims.map((d) => dimensionOf(measures[0], d)!.list === 'denied');
  const scans: Scan[] = [];
  for (const m of measures) {
    const keys = dims.map((_, i) => i).filter((i) => m.denied || !splitBy[i]);
    const shares = [m.model.id, m.date, sqlOf(m.where, w) ?? '', keys.join(',')].join('|');
    const scan = scans.find((s) => s.shares === shares);
    if (scan) scan.measures.push(m);
    else scans.push({ shares, name: `s${scans.length}`, measures: [m], keys });
  }
  const full = scans.filter((s) => s.keys.length === dims.length);
  const partial = scans.filter((s) => s.keys.length < dims.length);
  const key = (i: number, among: Scan[]) => (among.length === 1 ? `${among[0].name}.k${i}` : `coalesce(${among.map((s) => `${s.name}.k${i}`).join(', ')})`);
  let from = full[0].name;
  full.slice(1).forEach((s, j) => {
    from += dims.length ? ` FULL JOIN ${s.name} ON ${dims.map((_, i) => `${key(i, full.slice(0, j + 1))} IS NOT DISTINCT FROM ${s.name}.k${i}`).join(' AND ')}` : ` CROSS JOIN ${s.name}`;
  });
  for (const s of partial) from += ` LEFT JOIN ${s.name} ON ${s.keys.length ? s.keys.map((i) => `${key(i, full)} IS NOT DISTINCT FROM ${s.name}.k${i}`).join(' AND ') : 'true'}`;
  const where = new Map(scans.flatMap((s) => s.measures.map((m) => [m.id, s.name] as const)));
  const value = (formula: string) => formula.replace(/\{([a-z0-9_]+)\}/g, (_, id: string) => {
    if (!where.has(id)) throw new Error(`no measure ${id} among ${[...where.keys()].join(', ')}`);
    return `coalesce(${where.get(id)}.${id}, 0)`;
  });
  const keyText = dims.map((_, i) => `CAST(${key(i, full)} AS VARCHAR)`);
  const keyColumn = keyText.length === 0 ? 'NULL' : keyText.length === 1 ? keyText[0] : `concat_ws(' × ', ${keyText.join(', ')})`;
  return `WITH ${scans.map((s) => scanSql(s, dims, w, filters)).join(',\n')}
    SELECT ${keyColumn} AS key, ${Object.entries(columns).map(([name, formula]) => `${value(formula)} AS ${name}`).join(', ')} FROM ${from}`;
}
