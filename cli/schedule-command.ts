// `rcm schedule list|run-due|run|log`: the schedules file's schedules and when each is next due, running the
// occurrences due (for a system timer), one schedule now (to try it), and the delivery log.
import type { Command } from 'commander';
import Table from 'cli-table3';
import { DEFAULT_DATABASE_PATH, type Warehouse } from '../warehouse/database.ts';
import { withWarehouse } from './kit/with-warehouse.ts';
import { CliError } from './kit/cli-error.ts';
import { toJson } from './kit/json.ts';
import { listDeliveries, type DeliveryRow } from '../warehouse/queries/schedules.ts';
import { findSchedule, loadSchedules, ScheduleConfigError, schedulesPath, SCHEDULES_ENV, DEFAULT_SCHEDULES_PATH, type SchedulesConfig } from '../reports/schedule/config.ts';
import { nextOccurrence } from '../reports/schedule/occurrences.ts';
import { runDue, runScheduleNow, type OccurrenceResult } from '../reports/schedule/run-schedules.ts';
import { lastDueOccurrence, listOccurrences, seenAt } from '../warehouse/queries/schedules.ts';

const SCHEDULES_OPTION = ['--schedules <path>', `the schedules file (default: $${SCHEDULES_ENV}, else ${DEFAULT_SCHEDULES_PATH})`] as const;

function config(given: string | undefined): SchedulesConfig {
  const path = schedulesPath(given);
  if (path === null) throw new CliError(`no schedules file: give --schedules <path>, set ${SCHEDULES_ENV}, or write ${DEFAULT_SCHEDULES_PATH} (docs/reports.md: Scheduled delivery)`);
  try {
    return loadSchedules(path);
  } catch (error) {
    if (error instanceof ScheduleConfigError) throw new CliError(error.message);
    throw error;
  }
}

function instant(text: string | undefined): Date | undefined {
  if (text === undefined) return undefined;
  const d = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text) || Number.isNaN(d.getTime())) throw new CliError(`--now must be an ISO instant like 2025-07-01T07:00:00-05:00, not "${text}"`);
  return d;
}

const iso = (d: Date) => d.toISOString().replace('.000Z', 'Z');

export interface ScheduleStatus {
  name: string;
  cron: string;
  timeZone: string;
  practice: string;
  formats: readonly string[];
  folder: string | null;
  recipients: readonly string[];
  /** The latest occurrence on record, due or manual. */
  last: { occurrenceAt: string; status: string; month: string | null; runId: bigint | null } | null;
  /** The next occurrence to run: at or before now means run-due would run it. */
  nextDue: Date | null;
}

export async function scheduleStatus(w: Warehouse, cfg: SchedulesConfig, now: Date): Promise<ScheduleStatus[]> {
  const out: ScheduleStatus[] = [];
  for (const s of cfg.schedules) {
    const [seen, lastDue, [last]] = [await seenAt(w, s.name), await lastDueOccurrence(w, s.name), await listOccurrences(w, { schedule: s.name, limit: 1 })];
    // a schedule not seen yet counts from now; one seen, from its last due occurrence (a missed one shows as past)
    const from = [seen, lastDue].filter((d) => d !== null).sort((a, b) => b.getTime() - a.getTime())[0] ?? now;
    out.push({
      name: s.name, cron: s.cron, timeZone: s.timeZone, practice: s.practice, formats: s.formats, folder: s.deliver.folder ?? null, recipients: s.deliver.recipients,
      last: last ? { occurrenceAt: last.occurrenceAt, status: last.status, month: last.month, runId: last.runId } : null,
      nextDue: nextOccurrence(s, from),
    });
  }
  return out;
}

function resultText(r: OccurrenceResult): string {
  const head = `${r.schedule} ${iso(r.occurrenceAt)}${r.trigger === 'manual' ? ' (run now)' : ''}: ${r.status}${r.month ? `, ${r.month}` : ''}${r.runId !== null ? `, report run ${r.runId}` : ''}`;
  const lines = [head];
  if (r.status !== 'complete' && r.error) lines.push(`  ${r.error}`);
  for (const d of r.deliveries) lines.push(`  ${d.channel} ${d.recipient}: ${d.status}${d.attempts > 1 ? ` after ${d.attempts} attempts` : ''}${d.status === 'delivered' && d.channel === 'email' ? '' : ` (${d.detail})`}`);
  return lines.join('\n');
}

function resultJson(r: OccurrenceResult) {
  return { schedule: r.schedule, occurrence_at: iso(r.occurrenceAt), trigger: r.trigger, status: r.status, month: r.month, run_id: r.runId, error: r.error, deliveries: r.deliveries };
}

/** Exit status 1 when an occurrence or a delivery failed (a timer's log shows it); refusals are policy, not failures. */
function exitStatus(results: OccurrenceResult[]): void {
  if (results.some((r) => r.status === 'failed' || r.deliveries.some((d) => d.status === 'failed'))) process.exitCode = 1;
}

function logText(rows: DeliveryRow[]): string {
  const table = new Table({ head: ['when (UTC)', 'schedule', 'occurrence (UTC)', 'channel', 'recipient', 'attempt', 'status', 'response', 'message id'], style: { head: [], border: [] } });
  for (const r of rows) {
    table.push([r.attemptedAt, r.schedule, r.occurrenceAt, r.channel, r.address ? `${r.recipient} <${r.address}>` : r.recipient, String(r.attempt), r.status, (r.response ?? '').slice(0, 70), r.messageId ?? '']);
  }
  return `${table.toString()}\n`;
}

export function registerScheduleCommand(program: Command): void {
  const schedule = program.command('schedule').description('scheduled reports: when each package is made and where it is delivered (folder, e-mail)');

  schedule
    .command('list')
    .description('the schedules, their last occurrence and when each is next due')
    .option(...SCHEDULES_OPTION)
    .option('--now <instant>', 'the time it is (ISO, for trying)')
    .option('--db <path>', 'warehouse file', DEFAULT_DATABASE_PATH)
    .option('--json', 'print as JSON')
    .action(async (options: { schedules?: string; now?: string; db: string; json?: boolean }) => {
      const cfg = config(options.schedules);
      const now = instant(options.now) ?? new Date();
      const list = await withWarehouse(options.db, (w) => scheduleStatus(w, cfg, now));
      if (options.json) {
        process.stdout.write(`${toJson(list.map((s) => ({ ...s, nextDue: s.nextDue && iso(s.nextDue) })))}\n`);
        return;
      }
      const table = new Table({ head: ['schedule', 'cron', 'time zone', 'practice', 'deliver to', 'last', 'next due (UTC)'], style: { head: [], border: [] } });
      for (const s of list) {
        const to = [s.folder, ...s.recipients].filter(Boolean).join(', ');
        const last = s.last ? `${s.last.occurrenceAt} ${s.last.status}${s.last.month ? ` (${s.last.month})` : ''}` : '—';
        const next = s.nextDue === null ? 'never' : `${iso(s.nextDue)}${s.nextDue <= now ? ' (due now)' : ''}`;
        table.push([s.name, s.cron, s.timeZone, s.practice, to, last, next]);
      }
      process.stdout.write(`${cfg.path}\n${table.toString()}\n`);
    });

  schedule
    .command('run-due')
    .description('run every occurrence due since each schedule last ran (each at most once: safe to run from a system timer as often as you like)')
    .option(...SCHEDULES_OPTION)
    .option('--now <instant>', 'the time it is (ISO; default: the clock)')
    .option('--db <path>', 'warehouse file', DEFAULT_DATABASE_PATH)
    .option('--json', 'print as JSON')
    .action(async (options: { schedules?: string; now?: string; db: string; json?: boolean }) => {
      const cfg = config(options.schedules);
      const now = instant(options.now);
      const results = await withWarehouse(options.db, (w) => runDue(w, cfg, { now }));
      if (options.json) process.stdout.write(`${toJson(results.map(resultJson))}\n`);
      else process.stdout.write(results.length ? `${results.map(resultText).join('\n')}\n` : 'nothing due\n');
      exitStatus(results);
    });

  schedule
    .command('run')
    .description('run one schedule now, whatever its cron says (to try it): the package of the last complete month, delivered')
    .argument('<name>')
    .option(...SCHEDULES_OPTION)
    .option('--now <instant>', 'the time it is (ISO; default: the clock)')
    .option('--db <path>', 'warehouse file', DEFAULT_DATABASE_PATH)
    .option('--json', 'print as JSON')
    .action(async (name: string, options: { schedules?: string; now?: string; db: string; json?: boolean }) => {
      const cfg = config(options.schedules);
      let target;
      try {
        target = findSchedule(cfg, name);
      } catch (error) {
        throw new CliError((error as Error).message);
      }
      const now = instant(options.now);
      const result = await withWarehouse(options.db, (w) => runScheduleNow(w, cfg, target, { now }));
      process.stdout.write(options.json ? `${toJson(resultJson(result))}\n` : `${resultText(result)}\n`);
      exitStatus([result]);
    });

  schedule
    .command('log')
    .description('the delivery log, newest first: every attempt (e-mail or folder), refusals with their reason')
    .option('--schedule <name>', 'only this schedule')
    .option('--limit <n>', 'at most this many', '100')
    .option('--db <path>', 'warehouse file', DEFAULT_DATABASE_PATH)
    .option('--json', 'print as JSON')
    .action(async (options: { schedule?: string; limit: string; db: string; json?: boolean }) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new CliError(`--limit must be a whole number of at least 1, not "${options.limit}"`);
      const rows = await withWarehouse(options.db, (w) => listDeliveries(w, { schedule: options.schedule, limit }));
      process.stdout.write(options.json ? `${toJson(rows)}\n` : logText(rows));
    });
}
