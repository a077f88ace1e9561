// The schedules' state (migration 016): when each was first seen, each occurrence run (claimed before it runs,
// so that a second run-due, or the server's timer and a manual run-due, never runs it twice), and the delivery
// log: every attempt to deliver a run's files, over e-mail or to a folder, with the SMTP server's answer and
// the message id (a refused recipient is one row with the reason).
import type { Warehouse } from '../database.ts';
import { timestampText } from './report-runs.ts';

export type OccurrenceStatus = 'running' | 'complete' | 'failed' | 'skipped';

export interface OccurrenceRecord {
  schedule: string;
  /** UTC, 'YYYY-MM-DD HH:MM:SS' */
  occurrenceAt: string;
  trigger: 'due' | 'manual';
  startedAt: string;
  finishedAt: string | null;
  status: OccurrenceStatus;
  month: string | null;
  runId: bigint | null;
  error: string | null;
}

/** A TIMESTAMP's text (UTC) as an instant. */
export function instantOf(text: string): Date {
  return new Date(`${text.replace(' ', 'T')}Z`);
}

/** When the schedule was first seen (recorded now when it is new): its occurrences count from then. */
export async function firstSeen(w: Warehouse, name: string, now: Date): Promise<Date> {
  await w.run('INSERT INTO report_schedule VALUES ($1, $2::TIMESTAMP) ON CONFLICT DO NOTHING', [name, timestampText(now)]);
  const row = await w.one<{ at: string }>("SELECT strftime(first_seen_at, '%Y-%m-%d %H:%M:%S.%g') AS at FROM report_schedule WHERE name = $1", [name]);
  return instantOf(row!.at);
}

/** When the schedule was first seen, without recording it; null for a schedule never seen. */
export async function seenAt(w: Warehouse, name: string): Promise<Date | null> {
  const row = await w.one<{ at: string }>("SELECT strftime(first_seen_at, '%Y-%m-%d %H:%M:%S.%g') AS at FROM report_schedule WHERE name = $1", [name]);
  return row ? instantOf(row.at) : null;
}

/** The latest due occurrence on record (run or skipped); null: none yet. */
export async function lastDueOccurrence(w: Warehouse, name: string): Promise<Date | null> {
  const row = await w.one<{ at: string | null }>("SELECT strftime(max(occurrence_at), '%Y-%m-%d %H:%M:%S.%g') AS at FROM report_schedule_run WHERE schedule = $1 AND trigger = 'due'", [name]);
  return row?.at ? instantOf(row.at) : null;
}

/** Claims an occurrence: true when this call recorded it, false when it was on record already (run before). */
export async function claimOccurrence(w: Warehouse, name: string, at: Date, trigger: 'due' | 'manual', now: Date, status: 'running' | 'skipped' = 'running', error: string | null = null): Promise<boolean> {
  const rows = await w.all(
    'INSERT INTO report_schedule_run VALUES ($1, $2::TIMESTAMP, $3, $4::TIMESTAMP, NULL, $5, NULL, NULL, $6) ON CONFLICT DO NOTHING RETURNING schedule',
    [name, timestampText(at), trigger, timestampText(now), status, error],
  );
  return rows.length === 1;
}

/**
 * Occurrences left 'running' by a process that stopped in the middle (a crash, a kill): only one process
 * holds the warehouse and each runs its occurrences one at a time, so none is running when run-due starts.
 * They are marked failed, not run again: some of their deliveries may have gone out.
 */
export async function markInterrupted(w: Warehouse, now: Date): Promise<number> {
  const rows = await w.all(
    `UPDATE report_schedule_run SET status = 'failed', finished_at = $1::TIMESTAMP,
       error = 'interrupted: the process stopped while it ran (rcm schedule log shows what was delivered)'
     WHERE status = 'running' RETURNING schedule`,
    [timestampText(now)],
  );
  return rows.length;
}

export async function finishOccurrence(w: Warehouse, name: string, at: Date, outcome: { status: 'complete' | 'failed'; month: string | null; runId: bigint | null; error: string | null; finishedAt: Date }): Promise<void> {
  await w.run(
    'UPDATE report_schedule_run SET status = $3, month = $4, run_id = $5, error = $6, finished_at = $7::TIMESTAMP WHERE schedule = $1 AND occurrence_at = $2::TIMESTAMP',
    [name, timestampText(at), outcome.status, outcome.month, outcome.runId, outcome.error, timestampText(outcome.finishedAt)],
  );
}

export async function listOccurrences(w: Warehouse, filter: { schedule?: string; limit: number }): Promise<OccurrenceRecord[]> {
  const rows = await w.all<{ schedule: string; occurrence_at: string; trigger: 'due' | 'manual'; started_at: string; finished_at: string | null; status: OccurrenceStatus; month: string | null; run_id: bigint | null; error: string | null }>(
    `SELECT schedule, strftime(occurrence_at, '%Y-%m-%d %H:%M:%S') AS occurrence_at, trigger, strftime(started_at, '%Y-%m-%d %H:%M:%S') AS started_at,
       strftime(finished_at, '%Y-%m-%d %H:%M:%S') AS finished_at, status, month, run_id, error
     FROM report_schedule_run WHERE $1::VARCHAR IS NULL OR schedule = $1 ORDER BY occurrence_at DESC, schedule LIMIT $2`,
    [filter.schedule ?? null, BigInt(filter.limit)],
  );
  return rows.map((r) => ({
    schedule: r.schedule, occurrenceAt: r.occurrence_at, trigger: r.trigger, startedAt: r.started_at, finishedAt: r.finished_at, status: r.status, month: r.month, runId: r.run_id, error: r.error,
  }));
}

export type DeliveryChannel = 'email' | 'folder';
/** retrying: a temporary failure, another attempt follows; failed: permanent, or the last attempt. */
export type DeliveryStatus = 'delivered' | 'retrying' | 'failed' | 'refused';

export interface DeliveryAttempt {
  schedule: string;
  occurrenceAt: Date;
  runId: bigint | null;
  channel: DeliveryChannel;
  /** A username (e-mail) or the folder's path. */
  recipient: string;
  address: string | null;
  attempt: number;
  status: DeliveryStatus;
  response: string | null;
  messageId: string | null;
  attemptedAt: Date;
}

export interface DeliveryRow extends Omit<DeliveryAttempt, 'occurrenceAt' | 'attemptedAt'> {
  deliveryId: bigint;
  /** UTC, 'YYYY-MM-DD HH:MM:SS' */
  occurrenceAt: string;
  attemptedAt: string;
}

export async function recordAttempt(w: Warehouse, a: DeliveryAttempt): Promise<void> {
  await w.run(
    `INSERT INTO report_delivery (schedule, occurrence_at, run_id, channel, recipient, address, attempt, status, response, message_id, attempted_at)
     VALUES ($1, $2::TIMESTAMP, $3, $4, $5, $6, $7, $8, $9, $10, $11::TIMESTAMP)`,
    [a.schedule, timestampText(a.occurrenceAt), a.runId, a.channel, a.recipient, a.address, a.attempt, a.status, a.response, a.messageId, timestampText(a.attemptedAt)],
  );
}

/** Attempts, newest first. */
export async function listDeliveries(w: Warehouse, filter: { schedule?: string; limit: number }): Promise<DeliveryRow[]> {
  const rows = await w.all<{
    delivery_id: bigint; schedule: string; occurrence_at: string; run_id: bigint | null; channel: DeliveryChannel; recipient: string; address: string | null;
    attempt: number; status: DeliveryStatus; response: string | null; message_id: string | null; attempted_at: string;
  }>(
    `SELECT delivery_id, schedule, strftime(occurrence_at, '%Y-%m-%d %H:%M:%S') AS occurrence_at, run_id, channel, recipient, address, attempt, status, response, message_id,
       strftime(attempted_at, '%Y-%m-%d %H:%M:%S') AS attempted_at
     FROM report_delivery WHERE $1::VARCHAR IS NULL OR schedule = $1 ORDER BY delivery_id DESC LIMIT $2`,
    [filter.schedule ?? null, BigInt(filter.limit)],
  );
  return rows.map((r) => ({
    deliveryId: r.delivery_id, schedule: r.schedule, occurrenceAt: r.occurrence_at, runId: r.run_id, channel: r.channel, recipient: r.recipient, address: r.address,
    attempt: r.attempt, status: r.status, response: r.response, messageId: r.message_id, attemptedAt: r.attempted_at,
  }));
}
