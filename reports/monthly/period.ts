// The dates of a monthly close: the month (YYYY-MM), its first and last day, the month before and the
// same month a year earlier, and the default close date (month end + 10 days). Plain UTC date arithmetic:
// no time zone can move a day.
import { isIsoDate } from '../../kernel/dates.ts';

export const DEFAULT_CLOSE_DAYS = 10;

export interface MonthPeriod {
  /** YYYY-MM */
  month: string;
  from: string;
  to: string;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(text: string): boolean {
  return MONTH.test(text);
}

function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The month's first and last day; throws on anything but YYYY-MM. */
export function monthPeriod(month: string): MonthPeriod {
  const m = MONTH.exec(month);
  if (!m) throw new Error(`not a month like 2025-06: ${month}`);
  const year = Number(m[1]);
  const index = Number(m[2]) - 1;
  return { month, from: iso(new Date(Date.UTC(year, index, 1))), to: iso(new Date(Date.UTC(year, index + 1, 0))) };
}

/** The month `n` months from this one (negative: earlier). */
export function shiftMonth(month: string, n: number): string {
  const { from } = monthPeriod(month);
  const d = new Date(`${from}T00:00:00Z`);
  return iso(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1))).slice(0, 7);
}

export function addDays(date: string, days: number): string {
  if (!isIsoDate(date)) throw new Error(`not a date: ${date}`);
  return iso(new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000));
}

/** The day before a date. */
export function dayBefore(date: string): string {
  return addDays(date, -1);
}

export function defaultCloseDate(month: string): string {
  return addDays(monthPeriod(month).to, DEFAULT_CLOSE_DAYS);
}
