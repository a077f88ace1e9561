// Date arithmetic for trends and comparisons, on ISO dates (UTC): the months of a 12-month trend, the
// month-ends a snapshot metric is computed at, and the period before a metric's window.

const DAY = 86_400_000;

const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);

export function lastDayOfMonth(year: number, monthIndex: number): string {
  return iso(new Date(Date.UTC(year, monthIndex + 1, 0)));
}

export function isMonthEnd(date: string): boolean {
  const d = utc(date);
  return lastDayOfMonth(d.getUTCFullYear(), d.getUTCMonth()) === date;
}

/** The date `months` months away; a month-end stays a month-end, other days are clamped to the month. */
export function shiftMonths(date: string, months: number): string {
  const d = utc(date);
  const last = lastDayOfMonth(d.getUTCFullYear(), d.getUTCMonth() + months);
  if (isMonthEnd(date)) return last;
  const day = Math.min(d.getUTCDate(), utc(last).getUTCDate());
  return iso(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, day)));
}

export function addDays(date: string, days: number): string {
  return iso(new Date(utc(date).getTime() + days * DAY));
}

export function daysBetween(from: string, to: string): number {
  return Math.round((utc(to).getTime() - utc(from).getTime()) / DAY);
}

/** The month keys (YYYY-MM) of the `count` months ending with the month of `end`, oldest first. */
export function trendMonths(end: string, count = 12): string[] {
  const d = utc(end);
  return Array.from({ length: count }, (_, i) => iso(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - (count - 1 - i), 1))).slice(0, 7));
}

/** The range of a monthly trend: the first day of its first month to `end`. */
export function trendRange(end: string, count = 12): { from: string; to: string } {
  return { from: `${trendMonths(end, count)[0]}-01`, to: end };
}

/** The as-of dates of a snapshot trend: the month-ends of the months before `end`'s, then `end` itself. */
export function trendAsOfs(end: string, count = 12): string[] {
  return trendMonths(end, count).map((key, i) => (i === count - 1 ? end : lastDayOfMonth(Number(key.slice(0, 4)), Number(key.slice(5, 7)) - 1)));
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
