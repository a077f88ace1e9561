// Date arithmetic for trends and comparisons, on ISO dates (UTC): the range of a by-month trend and the
// period before a metric's window; the months and month ends themselves are the kernel's (kernel/months.ts).

import { isMonthEnd, shiftMonths, trendMonths } from '../../kernel/months.ts';

export { isMonthEnd, lastDayOfMonth, shiftMonths, trendAsOfs, trendMonths } from '../../kernel/months.ts';

const DAY = 86_400_000;

const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  return iso(new Date(utc(date).getTime() + days * DAY));
}

export function daysBetween(from: string, to: string): number {
  return Math.round((utc(to).getTime() - utc(from).getTime()) / DAY);
}

/** The range of a monthly trend: the first day of its first month to `end`. */
export function trendRange(end: string, count = 12): { from: string; to: string } {
  return { from: `${trendMonths(end, count)[0]}-01`, to: end };
}

/**
 * How far back "the previous period" of a default window lies (the registry's window names). A trailing
 * twelve months is compared with the twelve months to a month earlier: a year earlier would often reach
 * before the data begins, and the rolling figure's monthly move is what a reader follows.
 */
const WINDOW_MONTHS: Record<string, number> = { snapshot: 1, month: 1, quarter: 3, ttm: 1 };

export interface Period {
  as_of: string;
  from?: string;
  to?: string;
  /** e.g. "vs prior quarter" */
  label: string;
}

/** The month to date of `asOf`: from the first of its month to it. */
export function monthToDate(asOf: string): { from: string; to: string } {
  return { from: `${asOf.slice(0, 8)}01`, to: asOf };
}

/**
 * The period to compare with: for a metric's own window, the same window ending earlier (WINDOW_MONTHS);
 * for an explicit range inside one calendar month, the same days of the month before; for another range,
 * as many days just before it (same as-of date). A snapshot has no range: it compares with a month earlier.
 */
export function previousPeriod(window: string, asOf: string, range?: { from: string; to: string }): Period {
  if (range && window !== 'snapshot') {
    if (range.from.endsWith('-01') && range.from.slice(0, 7) === range.to.slice(0, 7)) {
      const to = shiftMonths(range.to, -1);
      return { as_of: asOf, ...monthToDate(to), label: 'vs prior month' };
    }
    const days = daysBetween(range.from, range.to) + 1;
    const to = addDays(range.from, -1);
    return { as_of: asOf, from: addDays(to, -(days - 1)), to, label: `vs the ${days} days before` };
  }
  const months = WINDOW_MONTHS[window] ?? 1;
  const label =
    window === 'snapshot' ? (isMonthEnd(asOf) ? 'vs prior month-end' : 'vs a month earlier')
    : window === 'quarter' ? 'vs prior quarter'
    : window === 'ttm' ? 'vs the 12 months to a month earlier'
    : 'vs prior month';
  return { as_of: shiftMonths(asOf, -months), label };
}
