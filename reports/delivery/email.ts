// E-mail over SMTP with nodemailer: the transport from the schedules file's smtp section (the password from
// the environment variable it names), and one message sent with retries: a temporary failure waits and
// tries again (the first delay, doubled each time), a permanent one stops at once. Each attempt is reported
// to the caller, which logs it.
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { ScheduleConfigError, type SmtpSettings } from '../schedule/config.ts';
import type { PackageMessage } from './message.ts';
import { backoffMs, classifySendError } from './smtp-failure.ts';

export type SmtpTransport = Transporter<SMTPTransport.SentMessageInfo>;

export function smtpTransport(smtp: SmtpSettings, configPath: string, env: NodeJS.ProcessEnv = process.env): SmtpTransport {
  let auth: { user: string; pass: string } | undefined;
  if (smtp.user !== undefined && smtp.passwordEnv !== undefined) {
    const pass = env[smtp.passwordEnv];
    if (!pass) throw new ScheduleConfigError(`${configPath}: field smtp.passwordEnv: the environment variable ${smtp.passwordEnv} (the SMTP password) is not set`);
    auth = { user: smtp.user, pass };
  }
  return nodemailer.createTransport({
    host: smtp.host, port: smtp.port, secure: smtp.secure, auth,
    connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000,
  });
}

export interface AttemptReport {
  attempt: number;
  status: 'delivered' | 'retrying' | 'failed';
  response: string;
  messageId: string | null;
}

export interface RetryPolicy {
  attempts: number;
  delaySeconds: number;
}

export interface SendControl {
  /** Waits between attempts (tests and a stopping server make it short). */
  sleep?: (ms: number) => Promise<void>;
  /** Once aborted, no further attempt starts (the server is stopping). */
  signal?: AbortSignal;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Sends the message to one address; resolves with the last attempt's report (delivered or failed). */
export async function sendWithRetries(
  transport: SmtpTransport, from: string, to: string, message: PackageMessage, policy: RetryPolicy,
  onAttempt: (report: AttemptReport) => Promise<void>, control: SendControl = {},
): Promise<AttemptReport> {
  for (let attempt = 1; ; attempt++) {
    let report: AttemptReport;
    try {
      const info = await transport.sendMail({ from, to, subject: message.subject, text: message.text, attachments: message.attachments });
      report = { attempt, status: 'delivered', response: info.response, messageId: info.messageId };
    } catch (error) {
      const failure = classifySendError(error);
      const again = failure.temporary && attempt < policy.attempts && !control.signal?.aborted;
      report = { attempt, status: again ? 'retrying' : 'failed', response: failure.response, messageId: null };
    }
    await onAttempt(report);
    if (report.status !== 'retrying') return report;
    await (control.sleep ?? wait)(backoffMs(policy.delaySeconds, attempt + 1));
    if (control.signal?.aborted) {
      const stopped: AttemptReport = { attempt: attempt + 1, status: 'failed', response: 'not attempted: the scheduler stopped before the next attempt', messageId: null };
      await onAttempt(stopped);
      return stopped;
    }
  }
}
