// The as-of date and the window a metric is computed for. The as-of date is always explicit (default: the
// latest event date in the warehouse, never the wall clock); windows are inclusive calendar ranges.
import { scopeToPractices } from './practice-scope.ts';
import type { Warehouse } from '../database.ts';
import { dateLiteral } from '../sql.ts';

export type WindowName = 'snapshot' | 'month' | 'quarter' | 'ttm';

export interface Window {
  asOf: string;
  from: string;
  to: string;
}

function shift(date: string, months: number, days = 0): string {
  const d = new Date(`${date}T00:00:00Z`);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), last) + days);
  return target.toISOString().slice(0, 10);
}

/** The default window of a metric ending at the as-of date: the month so far, the quarter (three calendar months), or the trailing twelve months. */
export function windowFor(name: WindowName, asOf: string): Window {
  const firstOfMonth = `${asOf.slice(0, 8)}01`;
  switch (name) {
    case 'snapshot': return { asOf, from: asOf, to: asOf };
    case 'month': return { asOf, from: firstOfMonth, to: asOf };
    case 'quarter': return { asOf, from: shift(firstOfMonth, -2), to: asOf };
    case 'ttm': return { asOf, from: shift(asOf, -12, 1), to: asOf };
  }
}

/**
 * The latest date any event carries, among the practices a reader may see (undefined: all): the default
 * as-of date. null when there is none, or the models are not built yet.
 */
export async function latestEventDate(warehouse: Warehouse, practices?: readonly string[]): Promise<string | null> {
  const built = await warehouse.one<{ n: bigint }>("SELECT count(*) AS n FROM information_schema.tables WHERE table_name IN ('mart_claim_balance', 'mart_cash')");
  if (!built || built.n < 2n) return null;
  const row = await warehouse.one<{ d: string | null }>(
    scopeToPractices("SELECT strftime(max(d), '%Y-%m-%d') AS d FROM (SELECT max(valid_from) AS d FROM mart_claim_balance UNION ALL SELECT max(cash_date) FROM mart_cash)", practices),
  );
  return row?.d ?? null;
}

/** A date column inside the window (both ends included). */
export function between(column: string, w: Window): string {
  return `${column} BETWEEN ${dateLiteral(w.from)} AND ${dateLiteral(w.to)}`;
}
