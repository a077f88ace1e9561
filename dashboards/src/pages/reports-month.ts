// Which month a close package is for by default: the last complete month of the data (the month of the
// latest event when it is a month end, else the month before), never the current calendar month, which is
// not over. Pure: the Reports page and the Collections page's link use it, and Node tests it.
import { isMonthEnd } from '../periods.ts';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function isMonth(text: string | null | undefined): text is string {
  return !!text && MONTH.test(text);
}

/** The month before a month key (2025-01 → 2024-12). */
export function monthBefore(month: string): string {
  const [year, index] = [Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1];
  const d = new Date(Date.UTC(year, index - 1, 1));
  return d.toISOString().slice(0, 7);
}

/** The last month complete by `date` (an ISO date): its own month when it is the month's last day. */
export function lastCompleteMonth(date: string): string {
  return isMonthEnd(date) ? date.slice(0, 7) : monthBefore(date.slice(0, 7));
}

/** The default month: the data's last complete month (when known), but no later than the last complete calendar month. */
export function defaultMonth(latestEvent: string | null | undefined, today: string): string {
  const calendar = monthBefore(today.slice(0, 7));
  if (!latestEvent) return calendar;
  const data = lastCompleteMonth(latestEvent);
  return data < calendar ? data : calendar;
}
