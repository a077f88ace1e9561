// Date arithmetic on ISO dates (UTC, no time zone can move a day).
import type { IsoDate } from '../model.ts';

const DAY = 86_400_000;

export function toDay(date: IsoDate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY;
}

export function fromDay(day: number): IsoDate {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDay(toDay(date) + days);
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDay(to) - toDay(from);
}

/** 0 Sunday … 6 Saturday. */
export function weekday(date: IsoDate): number {
  return (toDay(date) + 4) % 7;
}

/** The first date on or after `date` that falls on one of the weekdays. */
export function onOrAfter(date: IsoDate, weekdays: readonly number[]): IsoDate {
  let day = toDay(date);
  while (!weekdays.includes((day + 4) % 7)) day++;
  return fromDay(day);
}

export const BUSINESS_DAYS = [1, 2, 3, 4, 5];

export function addMonths(date: IsoDate, months: number): IsoDate {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const first = new Date(Date.UTC(y, m, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  const d = Math.min(Number(date.slice(8, 10)), last);
  return fromDay(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), d) / DAY);
}

export function monthOf(date: IsoDate): string {
  return date.slice(0, 7);
}

export function endOfMonth(date: IsoDate): IsoDate {
  return addDays(addMonths(`${date.slice(0, 7)}-01`, 1), -1);
}
