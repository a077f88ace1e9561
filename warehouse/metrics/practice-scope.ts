// Practice isolation, in one place: a query of the metrics layer names the marts as they are; when the
// reader may see only some practices (billing NPIs), the query runs inside CTEs that shadow each of those
// names with its rows of those practices alone. A metric cannot forget the filter, and a test checks that
// every table a metric reads is one of these. The same shadowing narrows every metric to a rendering
// provider or a location (the claim's), so that those filters, too, live in one place.
import { sqlString } from '../sql.ts';

/** Who and what a query may see: practices the reader is granted (undefined: every one), and optional claim filters. */
export interface ClaimScope {
  practices?: readonly string[];
  /** The claim's rendering provider NPI. */
  provider?: string;
  /** The claim's location (service facility, else billing provider name). */
  location?: string;
}

/**
 * The tables the metrics and the pattern finder read, and what each carries: a claim's own columns
 * (billing_npi, rendering_npi, location); money with its practice (billing_npi) but not every claim
 * attribute (provider-level PLB money has no claim: it drops out under a provider or location filter);
 * or only the claim id; or only the practice (an ingested file: mart_file_practice).
 */
export const SCOPED_TABLES: Record<string, 'claim' | 'money' | 'claim_id' | 'practice'> = {
  mart_claim: 'claim',
  mart_claim_balance: 'claim',
  mart_first_adjudication_line: 'claim',
  mart_adjustment: 'claim',
  mart_rejection: 'claim',
  mart_rejection_span: 'claim',
  mart_expected_payment: 'claim',
  mart_cash: 'money',
  stg_posting: 'claim_id',
  stg_appeal: 'claim_id',
  work_state_event: 'claim_id',
  mart_file_practice: 'practice',
};

/**
 * The tables every reader reads whole: mart_payer, the name shown for a payer id (the payer's name is the
 * same for every practice; a metric reads only that name, for the payer ids of its own, scoped rows).
 */
export const SHARED_TABLES: readonly string[] = ['mart_payer', 'mart_provider'];

/** A row whose practice (`column`) is one of those granted: none granted, no row. */
export function inPractices(column: string, practices: readonly string[]): string {
  return `${column} IN (${practices.length ? practices.map(sqlString).join(', ') : 'NULL'})`;
}

function conditions(scope: ClaimScope, which: ('practices' | 'provider' | 'location')[]): string[] {
  const out: string[] = [];
  if (which.includes('practices') && scope.practices !== undefined) out.push(inPractices('billing_npi', scope.practices));
  if (which.includes('provider') && scope.provider !== undefined) out.push(`rendering_npi = ${sqlString(scope.provider)}`);
  if (which.includes('location') && scope.location !== undefined) out.push(`location = ${sqlString(scope.location)}`);
  return out;
}

function shadow(name: string, kind: 'claim' | 'money' | 'claim_id' | 'practice', scope: ClaimScope): string {
  const byClaim = (c: string[]) => (c.length ? [`claim_id IN (SELECT claim_id FROM main.mart_claim WHERE ${c.join(' AND ')})`] : []);
  const where =
    kind === 'claim' ? conditions(scope, ['practices', 'provider', 'location'])
    : kind === 'money' ? [...conditions(scope, ['practices']), ...byClaim(conditions(scope, ['provider', 'location']))]
    : kind === 'practice' ? conditions(scope, ['practices'])
    : byClaim(conditions(scope, ['practices', 'provider', 'location']));
  return `${name} AS (SELECT * FROM main.${name}${where.length ? ` WHERE ${where.join(' AND ')}` : ''})`;
}

/** The query as the reader may see it: unchanged for an empty scope, else run over the shadowed marts. */
export function scopeToPractices(sql: string, scope: ClaimScope | readonly string[] | undefined): string {
  const s: ClaimScope = scope === undefined ? {} : Array.isArray(scope) ? { practices: scope as readonly string[] } : (scope as ClaimScope);
  if (s.practices === undefined && s.provider === undefined && s.location === undefined) return sql;
  const ctes = Object.entries(SCOPED_TABLES).map(([name, kind]) => shadow(name, kind, s));
  return `WITH ${ctes.join(',\n')}\nSELECT * FROM (\n${sql}\n)`;
}

/**
 * The tables a query names that hold a practice's rows (for the test that each is scoped): the models, and the
 * tables written by commands rather than loads (the work state) or read without a model (the appeal log).
 */
export function tablesNamed(sql: string): string[] {
  return [...new Set(sql.match(/\b(?:(?:stg|int|mart)_[a-z0-9_]+|work_state(?:_event)?|appeal_log|payment_posting|claim_submission)\b/g) ?? [])];
}
