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

/** The occurrences after `after` and at or before `upTo`, oldest first. */
export function occurrencesBetween(schedule: Schedule, after: Date, upTo: Date): Date[] {
  const cron = cronOf(schedule);
  const out: Date[] = [];
  for (let next = cron.nextRun(after); next !== null && next.getTime() <= upTo.getTime(); next = cron.nextRun(next)) {
    out.push(next);
    // the list keeps only what can be run, so that a minutely cron after a year off stays small
    if (out.length > MAX_CATCH_UP * 2) out.splice(0, MAX_CATCH_UP);
  }
  cron.stop();
  return out;
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
