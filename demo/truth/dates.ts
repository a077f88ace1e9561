// Calendar arithmetic on ISO 'YYYY-MM-DD' strings. ISO dates compare correctly as strings, so windows are
// checked with string comparisons; day numbers (days since 1970-01-01, UTC) serve ages and lags.
import type { IsoDate } from '../model.ts';

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function assertIsoDate(date: string, what: string): void {
  if (!ISO_DATE.test(date) || isoFromDay(dayNumber(date)) !== date) throw new Error(`${what}: '${date}' is not a YYYY-MM-DD date`);
}

export function dayNumber(date: IsoDate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

export function isoFromDay(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export const addDays = (date: IsoDate, days: number): IsoDate => isoFromDay(dayNumber(date) + days);

export const daysBetween = (from: IsoDate, to: IsoDate): number => dayNumber(to) - dayNumber(from);

export const monthOf = (date: IsoDate): string => date.slice(0, 7);

export const firstOfMonth = (date: IsoDate): IsoDate => `${date.slice(0, 7)}-01`;

/** The first day of the month `months` after the month of `date`. */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const index = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

export const lastOfMonth = (date: IsoDate): IsoDate => addDays(addMonths(date, 1), -1);

/** The same day a year earlier; 29 February becomes 28 February. */
export function oneYearBefore(date: IsoDate): IsoDate {
  const year = String(Number(date.slice(0, 4)) - 1).padStart(4, '0');
  const candidate = `${year}${date.slice(4)}`;
  return isoFromDay(dayNumber(candidate)) === candidate ? candidate : `${year}-02-28`;
}

export type WindowName = 'month' | 'quarter' | 'ttm';
export const WINDOW_NAMES: readonly WindowName[] = ['month', 'quarter', 'ttm'];

/** A closed date range [from, to]; as (from − 1, to] it is the roll-forward's (start, end]. */
export interface DateWindow {
  from: IsoDate;
  to: IsoDate;
}

/** The windows reported for an as-of date D: month to date, the 3 calendar months ending with D's month (to D),
 *  and the trailing 12 months (D − 1 year, D]. */
export function windowsFor(asOf: IsoDate): Record<WindowName, DateWindow> {
  return {
    month: { from: firstOfMonth(asOf), to: asOf },
    quarter: { from: addMonths(asOf, -2), to: asOf },
    ttm: { from: addDays(oneYearBefore(asOf), 1), to: asOf },
  };
}

export const inWindow = (date: IsoDate | null | undefined, w: DateWindow): boolean => date != null && w.from <= date && date <= w.to;
