// The as-of date and the window a metric is computed for. The as-of date is always explicit (default: the
// latest event date in the warehouse, never the wall clock); windows are inclusive calendar ranges.
import type { Warehouse } from '../database.ts';

export type WindowName = 'snapshot' | 'month' | 'quarter' | 'ttm';

export interface Window {
  asOf: string;
  from: string;
  to: string;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(text: string): boolean {
  return ISO.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);
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

/** The latest date any event in the warehouse carries: the default as-of date. */
export async function latestEventDate(warehouse: Warehouse): Promise<string | null> {
  const row = await warehouse.one<{ d: string | null }>(
    "SELECT strftime(max(event_date), '%Y-%m-%d') AS d FROM (SELECT max(event_date) AS event_date FROM int_balance_event UNION ALL SELECT max(cash_date) FROM mart_cash)",
  );
  return row?.d ?? null;
}

/** A date as a SQL literal; only ISO dates get here. */
export function dateLiteral(date: string): string {
  if (!isIsoDate(date)) throw new Error(`not a date: ${date}`);
  return `DATE '${date}'`;
}

/** A date column inside the window (both ends included). */
export function between(column: string, w: Window): string {
  return `${column} BETWEEN ${dateLiteral(w.from)} AND ${dateLiteral(w.to)}`;
}
