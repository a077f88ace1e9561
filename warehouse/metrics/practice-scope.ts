// Practice isolation, in one place: a query of the metrics layer names the marts as they are; when the
// reader may see only some practices (billing NPIs), the query runs inside CTEs that shadow each of those
// names with its rows of those practices alone. A metric cannot forget the filter, and a test checks that
// every table a metric reads is one of these.
import { sqlString } from './metric.ts';

/** The tables the metrics and the pattern finder read, and how each finds its practice. */
export const SCOPED_TABLES: Record<string, string> = {
  mart_claim: 'SELECT * FROM main.mart_claim WHERE billing_npi IN ({npis})',
  mart_claim_balance: 'SELECT * FROM main.mart_claim_balance WHERE billing_npi IN ({npis})',
  mart_first_adjudication_line: 'SELECT * FROM main.mart_first_adjudication_line WHERE billing_npi IN ({npis})',
  mart_cash: 'SELECT * FROM main.mart_cash WHERE billing_npi IN ({npis})',
  stg_posting: 'SELECT p.* FROM main.stg_posting p JOIN main.mart_claim c USING (claim_id) WHERE c.billing_npi IN ({npis})',
};

/** The query as the reader may see it: unchanged for every practice (undefined), else scoped to these. */
export function scopeToPractices(sql: string, practices: readonly string[] | undefined): string {
  if (practices === undefined) return sql;
  const npis = practices.length ? practices.map(sqlString).join(', ') : 'NULL';
  const ctes = Object.entries(SCOPED_TABLES).map(([name, source]) => `${name} AS (${source.replaceAll('{npis}', npis)})`);
  return `WITH ${ctes.join(',\n')}\nSELECT * FROM (\n${sql}\n)`;
}

/** The model tables a query names (for the test that each is scoped). */
export function tablesNamed(sql: string): string[] {
  return [...new Set(sql.match(/\b(?:stg|int|mart)_[a-z0-9_]+\b/g) ?? [])];
}
