// Calendar months on ISO dates (UTC): shifting a date by whole months and the month ends of a trend. The
// server computes a metric's trend at these month ends and the dashboards label the points by them.

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

/** The month keys (YYYY-MM) of the `count` months ending with the month of `end`, oldest first. */
export function trendMonths(end: string, count = 12): string[] {
  const d = utc(end);
  return Array.from({ length: count }, (_, i) => iso(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - (count - 1 - i), 1))).slice(0, 7));
}

/** The as-of dates of a trend: the month-ends of the months before `end`'s, then `end` itself. */
export function trendAsOfs(end: string, count = 12): string[] {
  return trendMonths(end, count).map((key, i) => (i === count - 1 ? end : lastDayOfMonth(Number(key.slice(0, 4)), Number(key.slice(5, 7)) - 1)));
}
