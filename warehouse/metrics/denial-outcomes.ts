// What became of denials (metrics.md: days_to_appeal, days_to_resolution; the open denials at D): days from a
// claim's first denial (the first adjudication that denied a line) to its first appeal and to its resolution
// (the first day on or after it that the balance is zero or less), median and p90 as the lags, and the denied
// claims still unresolved at D with their balance, aged since the first denial. They break down by the causes
// of that first denial, and leave the claim out when it was a duplicate denial (CARC 18). A claim's first appeal is the
// earlier of its first work-state change to `appealed` and its first appeal in an imported log, on or after
// its first denial: the work state changes without a model rebuild, so it is read when the metric is asked.
import { between, type Window } from './window.ts';
import { dateLiteral, sqlString } from '../sql.ts';
import { bucketCase } from './ar.ts';
import { payerFilter, payerNameOf, providerNameOf, type Breakdown, type Dimension, type Filters, type MetricDefinition } from './metric.ts';

/** A breakdown's column over the outcome rows; a list counts a claim once per element. */
interface Column { sql: string; list?: boolean }

const LISTS: readonly Dimension[] = ['denial_category', 'carc', 'cpt'];

function columnsOf(monthOf: string, extra: Partial<Record<Dimension, Column>>): Partial<Record<Dimension, Column>> {
  return {
    payer: { sql: 'payer_id' }, payer_name: { sql: payerNameOf('payer_id') }, provider: { sql: 'rendering_npi' }, provider_name: { sql: providerNameOf('rendering_npi') },
    location: { sql: 'location' }, practice: { sql: 'billing_npi' }, month: { sql: `strftime(${monthOf}, '%Y-%m')` },
    denial_category: { sql: 'first_denial_record_categories', list: true }, carc: { sql: 'first_denial_record_carcs', list: true }, cpt: { sql: 'first_denial_record_cpts', list: true },
    ...extra,
  };
}

/** Each claim's first appeal on or after its first denial: the work state's first `appealed`, or the appeal log's earliest appeal. */
const FIRST_APPEALS = `SELECT c.claim_id, min(x.appealed_on) AS appealed_date
  FROM (SELECT claim_id, CAST(changed_at AS DATE) AS appealed_on FROM work_state_event WHERE status = 'appealed'
        UNION ALL SELECT claim_id, appeal_date FROM stg_appeal) x
  JOIN mart_claim c USING (claim_id)
  WHERE x.appealed_on >= c.first_denied_date
  GROUP BY c.claim_id`;

/** A claim the outcomes count: denied, its first denial no duplicate denial (mart_claim's columns, after `p`, e.g. 'c.'). */
const counted = (p = '') => `${p}first_denied_date IS NOT NULL AND NOT ${p}first_denial_is_duplicate`;

/** The overturn rate's denominator: counted claims resolved on or after their first denial (its window on denial_resolved_date). */
export const resolvedDenied = (p = '') => `${counted(p)} AND ${p}denial_resolved_date IS NOT NULL`;

/** The overturn rate's numerator among them: a denied line paid later, by the window's end. */
export const overturnedBy = (w: Pick<Window, 'to'>, p = '') => `${p}overturned_date IS NOT NULL AND ${p}overturned_date <= ${dateLiteral(w.to)}`;

/** Open at D: first denied on or before D, not resolved (since that denial) by D. */
const openBy = (asOf: string, p = '') => `${p}first_denied_date <= ${dateLiteral(asOf)} AND (${p}denial_resolved_date IS NULL OR ${p}denial_resolved_date > ${dateLiteral(asOf)})`;

/** open_denials' claims at D: counted and open at D. */
const openAt = (asOf: string, p = '') => `${counted(p)} AND ${openBy(asOf, p)}`;

export const OUTCOMES = ['overturned', 'written_off', 'open'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/**
 * The claims behind one cell of the outcomes table, as a condition on mart_claim (alias `p`): overturned and
 * written off (resolved in the window and not overturned) split the overturn rate's denominator; open is
 * open_denials at the as-of date.
 */
export function outcomeCondition(outcome: Outcome, w: Window, p = 'c.'): string {
  if (outcome === 'open') return openAt(w.asOf, p);
  const resolved = `${resolvedDenied(p)} AND ${between(`${p}denial_resolved_date`, w)}`;
  return outcome === 'overturned' ? `${resolved} AND ${overturnedBy(w, p)}` : `${resolved} AND NOT (${overturnedBy(w, p)})`;
}

/** Non-duplicate denied claims (with their first appeal when asked), narrowed by the payer and denial filters. */
function deniedClaims(filters: Filters, withAppeals: boolean): string {
  const narrowed = [
    payerFilter(filters),
    filters.denialCategory ? ` AND list_contains(first_denial_record_categories, ${sqlString(filters.denialCategory)})` : '',
    filters.carc ? ` AND list_contains(first_denial_record_carcs, ${sqlString(filters.carc)})` : '',
  ].join('');
  return withAppeals
    ? `SELECT c.*, a.appealed_date FROM mart_claim c LEFT JOIN (${FIRST_APPEALS}) a USING (claim_id) WHERE ${counted('c.')}${narrowed}`
    : `SELECT * FROM mart_claim WHERE ${counted()}${narrowed}`;
}

/** The rows grouped by the breakdown's key (a list dimension unnested first), with the given aggregates. */
function grouped(rows: string, by: Breakdown | undefined, columns: Partial<Record<Dimension, Column>>, aggregates: string): string {
  let from = rows;
  const keys = (by ?? []).map((d, i) => {
    const column = columns[d];
    if (!column) throw new Error(`no breakdown by ${d} here`);
    if (!column.list) return `CAST(${column.sql} AS VARCHAR)`;
    from = `SELECT *, unnest(${column.sql}) AS u${i} FROM (${from})`;
    return `u${i}`;
  });
  const key = keys.length === 0 ? 'NULL' : keys.length === 1 ? keys[0] : `concat_ws(' × ', ${keys.join(', ')})`;
  return `SELECT ${key} AS key, ${aggregates} FROM (${from}) GROUP BY 1`;
}

const QUANTILES = 'round(quantile_cont(days, 0.5), 2) AS median, round(quantile_cont(days, 0.9), 2) AS p90, count(*) AS n';

function refuse(allowed: readonly Dimension[]) {
  return (by: Breakdown): string | undefined => {
    const missing = by.filter((d) => !allowed.includes(d));
    if (missing.length) return `cannot be broken down by ${missing.join(', ')}; it can by ${allowed.join(', ')}`;
    if (by.length > 2) return 'crosses at most two dimensions';
    if (by.length === 2 && by[0] === by[1]) return `cannot cross ${by[0]} with itself`;
    if (by.filter((d) => LISTS.includes(d)).length > 1) return `cannot cross ${by.join(' with ')} (two lists of the same denials)`;
    if (by.includes('bucket') && by.length > 1) return 'takes bucket only alone';
    return undefined;
  };
}

const CLAIM_BREAKDOWNS: readonly Dimension[] = ['denial_category', 'carc', 'cpt', 'payer', 'payer_name', 'provider', 'provider_name', 'location', 'month'];
const RESOLUTION_BREAKDOWNS: readonly Dimension[] = [...CLAIM_BREAKDOWNS, 'appealed'];
const OPEN_BREAKDOWNS: readonly Dimension[] = ['bucket', 'denial_category', 'carc', 'cpt', 'payer', 'payer_name', 'provider', 'provider_name', 'location', 'practice'];

/** Non-duplicate denied claims open at D: first denied on or before D, not resolved by D; their balance at D and age since the first denial. */
function openDenials(w: Window, filters: Filters): string {
  const d = dateLiteral(w.asOf);
  return `SELECT o.*, coalesce(b.total_balance, 0)::DECIMAL(18,2) AS balance, ${d} - o.first_denied_date AS age_days
    FROM (${deniedClaims(filters, false)}) o
    LEFT JOIN (SELECT claim_id, total_balance FROM mart_claim_balance WHERE valid_from <= ${d} AND (valid_to IS NULL OR valid_to > ${d})) b USING (claim_id)
    WHERE ${openBy(w.asOf, 'o.')}`;
}

const openColumns = columnsOf('first_denied_date', { bucket: { sql: bucketCase('age_days') } });

const OPEN_COMMON = {
  valueKind: 'sum', grain: 'claim', section: 'The metrics; Work queues (what to act on at D)', window: 'snapshot', denialFilters: true,
  dateBasis: 'snapshot at D; age = D − the first denial’s 835 date (buckets 0–30, 31–60, 61–90, 91–120, 121–180, 181+)',
  denominator: '—', exclusions: 'claims whose first denial (the first adjudication that denied a line) was a duplicate denial (CARC 18); claims resolved by D (balance reached zero or less on or after the first denial)',
  breakdowns: OPEN_BREAKDOWNS, refuse: refuse(OPEN_BREAKDOWNS),
} as const;

export const DENIAL_OUTCOME_METRICS: MetricDefinition[] = [
  {
    id: 'days_to_appeal', label: 'Days from denial to appeal', shortLabel: 'Days to appeal', unit: 'days', format: 'days', section: 'The metrics; Work queues (what to act on at D)', valueKind: 'quantile', grain: 'claim',
    dateBasis: 'appeal date (the first appeal: the work state’s first `appealed`, or the appeal log’s earliest appeal date)', window: 'quarter', denialFilters: true,
    numerator: 'median (and p90) of days from a claim’s first denial (the 835 date of the first adjudication that denied a line) to its first appeal on or after it', denominator: 'denied claims first appealed in the window; by denial category, CARC or CPT: those of the first denial’s denied lines, a claim once in each',
    exclusions: 'claims whose first denial was a duplicate denial (CARC 18); claims never appealed',
    breakdowns: CLAIM_BREAKDOWNS, refuse: refuse(CLAIM_BREAKDOWNS),
    sql(w, by, filters) {
      const rows = `SELECT *, appealed_date - first_denied_date AS days FROM (${deniedClaims(filters, true)}) WHERE ${between('appealed_date', w)}`;
      return grouped(rows, by, columnsOf('appealed_date', {}), QUANTILES);
    },
  },
  {
    id: 'days_to_resolution', label: 'Days from denial to resolution', shortLabel: 'Days to resolution', unit: 'days', format: 'days', section: 'The metrics', valueKind: 'quantile', grain: 'claim',
    dateBasis: 'resolution date (first day on or after the first denial that the balance reached zero or less)', window: 'quarter', denialFilters: true,
    numerator: 'median (and p90) of days from a claim’s first denial (the 835 date of the first adjudication that denied a line) to its resolution', denominator: 'denied claims resolved in the window (the overturn rate’s); by denial category, CARC or CPT: those of the first denial’s denied lines, a claim once in each; by appealed: yes when the claim was appealed by its resolution',
    exclusions: 'claims whose first denial was a duplicate denial (CARC 18); claims still open',
    breakdowns: RESOLUTION_BREAKDOWNS, refuse: refuse(RESOLUTION_BREAKDOWNS),
    sql(w, by, filters) {
      const appeals = by?.includes('appealed') ?? false;
      const rows = `SELECT *, denial_resolved_date - first_denied_date AS days FROM (${deniedClaims(filters, appeals)}) WHERE ${between('denial_resolved_date', w)} AND ${resolvedDenied()}`;
      return grouped(rows, by, columnsOf('denial_resolved_date', { appealed: { sql: "CASE WHEN appealed_date <= denial_resolved_date THEN 'yes' ELSE 'no' END" } }), QUANTILES);
    },
  },
  {
    ...OPEN_COMMON, id: 'open_denials', label: 'Unresolved denials (claims)', shortLabel: 'Unresolved denials', unit: 'count', format: 'count',
    numerator: 'claims denied on or before D (their first denial: the first adjudication that denied a line), not resolved by D; by bucket: age since the first denial; by denial category, CARC or CPT: those of the first denial’s denied lines, a claim once in each',
    sql: (w, by, filters) => grouped(openDenials(w, filters), by, openColumns, 'count(*) AS numerator, NULL AS denominator'),
  },
  {
    ...OPEN_COMMON, id: 'open_denial_dollars', label: 'Unresolved denials (dollars)', shortLabel: 'Unresolved denial dollars', unit: 'dollars', format: 'usd',
    numerator: 'the total balance at D of the open denials (open_denials’ claims); by bucket: age since the first denial; by denial category, CARC or CPT: a claim’s balance once in each',
    sql: (w, by, filters) => grouped(openDenials(w, filters), by, openColumns, 'coalesce(sum(balance), 0) AS numerator, NULL AS denominator'),
  },
];
