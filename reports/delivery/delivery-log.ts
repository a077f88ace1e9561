// The delivery log (migration 016): every attempt to deliver a scheduled run's files, over e-mail or to a
// folder, with the SMTP server's answer and the message id; a refused recipient is one row with the reason.
import type { Warehouse } from '../../warehouse/database.ts';
import { timestampText } from '../runs/run-store.ts';

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
