// When a schedule is due, by croner in the schedule's time zone (daylight saving included), and which month
// an occurrence reports: the last complete month on the schedule's own calendar at that moment.
import { Cron } from 'croner';
import { shiftMonth } from '../monthly/period.ts';
import type { Schedule } from './config.ts';

/** At most this many occurrences are run in one go; older ones missed (a timer off for long) are skipped. */
export const MAX_CATCH_UP = 12;

function cronOf(schedule: Schedule): Cron {
  return new Cron(schedule.cron, { timezone: schedule.timeZone, paused: true });
}

export interface DueOccurrences {
  /** The occurrences to run, oldest first: at most MAX_CATCH_UP, the latest ones. */
  run: Date[];
  /** When more were due: the latest of those left out (it and every earlier one since are skipped). */
  skipped: Date | null;
}

/**
 * The occurrences after `after` and at or before `upTo`. Counted back from `upTo` (croner's previousRuns),
 * so that a minutely schedule after a year with the timer off costs as little as one after a minute.
 */
export function dueOccurrences(schedule: Schedule, after: Date, upTo: Date): DueOccurrences {
  const cron = cronOf(schedule);
  // previousRuns counts strictly before the reference's second: one second on takes in an occurrence at upTo
  const latest = cron.previousRuns(MAX_CATCH_UP + 1, new Date(upTo.getTime() + 1000)).filter((d) => d.getTime() <= upTo.getTime() && d.getTime() > after.getTime());
  cron.stop();
  const oldestFirst = latest.reverse();
  return oldestFirst.length > MAX_CATCH_UP ? { run: oldestFirst.slice(1), skipped: oldestFirst[0] } : { run: oldestFirst, skipped: null };
}

/** The next occurrence after `from`; null when the expression has none left. */
export function nextOccurrence(schedule: Schedule, from: Date): Date | null {
  const cron = cronOf(schedule);
  const next = cron.nextRun(from);
  cron.stop();
  return next;
}

/** The date (YYYY-MM-DD) on the wall calendar of a time zone at an instant. */
export function localDate(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The last complete month (YYYY-MM) at an instant in a time zone: the month before the local date's month. */
export function lastCompleteMonth(at: Date, timeZone: string): string {
  return shiftMonth(localDate(at, timeZone).slice(0, 7), -1);
}
