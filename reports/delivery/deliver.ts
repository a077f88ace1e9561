// Delivers one scheduled run: its files to the schedule's folder, and by e-mail to each recipient who may
// receive them at send time (checked from the user's record as it is then; a refused recipient gets
// nothing). Every attempt goes to the delivery log, and every delivery, sent or refused, to the audit trail.
import type { Warehouse } from '../../warehouse/database.ts';
import { recordAudit } from '../../access/audit.ts';
import type { User } from '../../access/users.ts';
import type { MonthlyPackageRun } from '../monthly/run.ts';
import type { Schedule, SchedulesConfig } from '../schedule/config.ts';
import { recordAttempt, type DeliveryChannel, type DeliveryStatus } from '../../warehouse/queries/schedules.ts';
import { sendWithRetries, smtpTransport, type SendControl, type SmtpTransport } from './email.ts';
import { deliverToFolder } from './folder.ts';
import { packageMessage } from './message.ts';
import { checkRecipient } from './recipients.ts';

export const AUDIT_ROUTE = 'schedule delivery';

export interface DeliveryOutcome {
  channel: DeliveryChannel;
  recipient: string;
  status: Exclude<DeliveryStatus, 'retrying'>;
  attempts: number;
  /** The folder written, the SMTP answer, or the reason of a refusal or failure. */
  detail: string;
}

export interface DeliveryContext extends SendControl {
  warehouse: Warehouse;
  config: SchedulesConfig;
  schedule: Schedule;
  occurrenceAt: Date;
  /** The transport to use (made from the file's smtp section when absent). */
  transport?: SmtpTransport;
  env?: NodeJS.ProcessEnv;
  clock?: () => Date;
}

export async function deliverRun(ctx: DeliveryContext, run: MonthlyPackageRun): Promise<DeliveryOutcome[]> {
  const { warehouse: w, schedule } = ctx;
  const clock = ctx.clock ?? (() => new Date());
  const outcomes: DeliveryOutcome[] = [];
  const log = (channel: DeliveryChannel, recipient: string, address: string | null, attempt: number, status: DeliveryStatus, response: string | null, messageId: string | null) =>
    recordAttempt(w, { schedule: schedule.name, occurrenceAt: ctx.occurrenceAt, runId: run.runId, channel, recipient, address, attempt, status, response, messageId, attemptedAt: clock() });
  const audit = (user: User | undefined, channel: DeliveryChannel, recipient: string, status: string, detail: string) =>
    recordAudit(w, user, AUDIT_ROUTE, {
      schedule: schedule.name, occurrence: ctx.occurrenceAt.toISOString(), run_id: String(run.runId), month: run.month,
      practice: run.practices?.join(',') ?? 'all', channel, recipient, status, detail,
    }, status === 'delivered' ? run.files.length : 0);

  if (schedule.deliver.folder) {
    const folder = schedule.deliver.folder;
    let outcome: DeliveryOutcome;
    try {
      outcome = { channel: 'folder', recipient: folder, status: 'delivered', attempts: 1, detail: deliverToFolder(run, folder) };
    } catch (error) {
      outcome = { channel: 'folder', recipient: folder, status: 'failed', attempts: 1, detail: (error as Error).message };
    }
    await log('folder', folder, null, 1, outcome.status, outcome.detail, null);
    await audit(undefined, 'folder', folder, outcome.status, outcome.detail);
    outcomes.push(outcome);
  }

  if (schedule.deliver.recipients.length === 0) return outcomes;
  const message = packageMessage(run, schedule.name);
  let transport = ctx.transport;
  for (const username of schedule.deliver.recipients) {
    const check = await checkRecipient(w, username, run.practices);
    if (!check.allowed) {
      await log('email', username, null, 1, 'refused', check.reason, null);
      await audit(check.user, 'email', username, 'refused', check.reason);
      outcomes.push({ channel: 'email', recipient: username, status: 'refused', attempts: 0, detail: check.reason });
      continue;
    }
    if (!transport) {
      try {
        transport = smtpTransport(ctx.config.smtp!, ctx.config.path, ctx.env);
      } catch (error) {
        // no transport (the password's variable unset): nothing can be sent to anyone
        const reason = (error as Error).message;
        await log('email', username, check.address, 1, 'failed', reason, null);
        await audit(check.user, 'email', username, 'failed', reason);
        outcomes.push({ channel: 'email', recipient: username, status: 'failed', attempts: 1, detail: reason });
        continue;
      }
    }
    const last = await sendWithRetries(transport, ctx.config.smtp!.from, check.address, message, ctx.config.smtp!.retry,
      (r) => log('email', username, check.address, r.attempt, r.status, r.response, r.messageId), ctx);
    const status = last.status === 'delivered' ? 'delivered' : 'failed';
    await audit(check.user, 'email', username, status, last.response);
    outcomes.push({ channel: 'email', recipient: username, status, attempts: last.attempt, detail: last.response });
  }
  if (!ctx.transport) transport?.close();
  return outcomes;
}
