// Runs schedules: every occurrence due since a schedule's last one (or since it was first seen), each at most
// once (claimed in the warehouse before it runs), or one schedule now. An occurrence makes the package of
// the last complete month in the schedule's time zone and delivers it.
import type { Warehouse } from '../../warehouse/database.ts';
import { addDays, monthPeriod } from '../monthly/period.ts';
import { runMonthlyPackage } from '../monthly/run.ts';
import { deliverRun, type DeliveryContext, type DeliveryOutcome } from '../delivery/deliver.ts';
import type { Schedule, SchedulesConfig } from './config.ts';
import { dueOccurrences, lastCompleteMonth, MAX_CATCH_UP } from './occurrences.ts';
import { claimOccurrence, finishOccurrence, firstSeen, lastDueOccurrence, markInterrupted } from '../../warehouse/queries/schedules.ts';

export interface OccurrenceResult {
  schedule: string;
  occurrenceAt: Date;
  trigger: 'due' | 'manual';
  status: 'complete' | 'failed' | 'skipped';
  month: string | null;
  runId: bigint | null;
  error: string | null;
  deliveries: DeliveryOutcome[];
}

export type RunOptions = Omit<DeliveryContext, 'warehouse' | 'config' | 'schedule' | 'occurrenceAt'> & {
  /** The time it is (the CLI's --now, a test's pinned clock); default: the clock. */
  now?: Date;
};

async function runOccurrence(w: Warehouse, config: SchedulesConfig, schedule: Schedule, at: Date, trigger: 'due' | 'manual', options: RunOptions): Promise<OccurrenceResult> {
  const clock = options.clock ?? (() => new Date());
  const month = lastCompleteMonth(at, schedule.timeZone);
  const result: OccurrenceResult = { schedule: schedule.name, occurrenceAt: at, trigger, status: 'failed', month, runId: null, error: null, deliveries: [] };
  try {
    const closeDate = schedule.closeDaysAfterMonthEnd === undefined ? undefined : addDays(monthPeriod(month).to, schedule.closeDaysAfterMonthEnd);
    const run = await runMonthlyPackage(w, {
      month, practices: schedule.practice === 'all' ? undefined : [schedule.practice], formats: schedule.formats, outDir: config.outDir, closeDate,
      user: { username: `schedule:${schedule.name}` }, now: options.now,
    });
    result.runId = run.runId;
    result.deliveries = await deliverRun({ ...options, warehouse: w, config, schedule, occurrenceAt: at }, run);
    result.status = 'complete';
    const failed = result.deliveries.filter((d) => d.status !== 'delivered');
    if (failed.length) result.error = `${failed.length} of ${result.deliveries.length} deliveries not made: ${failed.map((d) => `${d.recipient} ${d.status}`).join(', ')}`;
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
  }
  await finishOccurrence(w, schedule.name, at, { status: result.status as 'complete' | 'failed', month, runId: result.runId, error: result.error, finishedAt: clock() });
  return result;
}

/** Every schedule's occurrences due since its last run, oldest first; those run before are not run again. */
export async function runDue(w: Warehouse, config: SchedulesConfig, options: RunOptions = {}): Promise<OccurrenceResult[]> {
  const now = options.now ?? new Date();
  const results: OccurrenceResult[] = [];
  await markInterrupted(w, now);
  for (const schedule of config.schedules) {
    const seen = await firstSeen(w, schedule.name, now);
    const last = await lastDueOccurrence(w, schedule.name);
    const after = last && last > seen ? last : seen;
    const { run: due, skipped } = dueOccurrences(schedule, after, now);
    if (skipped) {
      const reason = `more than ${MAX_CATCH_UP} occurrences were due at once (since ${after.toISOString()}): this one and those before it were skipped, the last ${MAX_CATCH_UP} ran`;
      if (await claimOccurrence(w, schedule.name, skipped, 'due', now, 'skipped', reason)) {
        results.push({ schedule: schedule.name, occurrenceAt: skipped, trigger: 'due', status: 'skipped', month: null, runId: null, error: reason, deliveries: [] });
      }
    }
    for (const at of due) {
      if (!(await claimOccurrence(w, schedule.name, at, 'due', now))) continue;
      results.push(await runOccurrence(w, config, schedule, at, 'due', options));
    }
  }
  return results;
}

/** One schedule, now, whatever its cron says (for trying a schedule out); recorded as a manual occurrence. */
export async function runScheduleNow(w: Warehouse, config: SchedulesConfig, schedule: Schedule, options: RunOptions = {}): Promise<OccurrenceResult> {
  const now = options.now ?? new Date();
  if (!(await claimOccurrence(w, schedule.name, now, 'manual', now))) throw new Error(`a run of ${schedule.name} at ${now.toISOString()} is on record already`);
  return runOccurrence(w, config, schedule, now, 'manual', options);
}
