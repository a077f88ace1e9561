// The schedules file: when each report package is made and where it goes, and the SMTP server that carries
// the e-mail. Read once, validated (a mistake names the file, the schedule and the field), frozen. The SMTP
// password is never in the file: the file names the environment variable that holds it.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Cron } from 'croner';
import { z } from 'zod';
import { REPORT_FORMATS } from '../render/formats.ts';

export const DEFAULT_SCHEDULES_PATH = './config/schedules.json';
export const SCHEDULES_ENV = 'RCM_SCHEDULES';
/** Where runs write their folders unless the file says otherwise (as `rcm report monthly --out`). */
export const DEFAULT_SCHEDULE_OUT_DIR = './data/reports';

/** A schedules file that cannot be used: the message names the file, the schedule and the field. */
export class ScheduleConfigError extends Error {}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Croner's complaint about a cron expression, or null when it takes it. */
export function cronProblem(expression: string, timeZone?: string): string | null {
  try {
    new Cron(expression, { timezone: timeZone, paused: true }).stop();
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

const smtpSchema = z.strictObject({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  /** TLS from the first byte (port 465); false: STARTTLS when the server offers it. */
  secure: z.boolean().default(false),
  from: z.string().min(3),
  user: z.string().min(1).optional(),
  /** The environment variable holding the password (never the password itself). */
  passwordEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, { error: 'the name of an environment variable (A-Z, 0-9, _), not a password' }).optional(),
  retry: z.strictObject({
    /** Attempts in all, the first included. */
    attempts: z.number().int().min(1).max(10).default(4),
    /** Before the second attempt; doubled before each next one. */
    delaySeconds: z.number().min(0).max(3600).default(30),
  }).prefault({}),
}).refine((s) => (s.user === undefined) === (s.passwordEnv === undefined), { error: 'user and passwordEnv go together (both, or neither for a server without login)' });

const scheduleSchema = z.strictObject({
  name: z.string().regex(NAME, { error: 'a name of letters, digits, . _ - (at most 64)' }),
  cron: z.string().min(1),
  timeZone: z.string().refine(validTimeZone, { error: 'not a time zone of the IANA database (like America/Chicago)' }),
  /** The monthly close package of the last complete month in the schedule's time zone. */
  report: z.literal('monthly'),
  /** A billing NPI, or "all" (every practice: only admins may receive it). */
  practice: z.string().regex(/^(\d{10}|all)$/, { error: 'a billing NPI (10 digits) or "all"' }),
  formats: z.array(z.enum(REPORT_FORMATS)).min(1).default(['xlsx', 'csv']),
  /** The close date: this many days after the month end (absent: the package's own rule, month end + 10 days). */
  closeDaysAfterMonthEnd: z.number().int().min(0).max(366).optional(),
  deliver: z.strictObject({
    folder: z.string().min(1).optional(),
    /** Usernames of workbench users; each address comes from the user's record. */
    recipients: z.array(z.string().min(1)).default([]),
  }).refine((d) => d.folder !== undefined || d.recipients.length > 0, { error: 'deliver to a folder, recipients, or both' })
    .refine((d) => new Set(d.recipients).size === d.recipients.length, { error: 'a recipient named twice would get the package twice', path: ['recipients'] }),
});

const fileSchema = z.strictObject({
  outDir: z.string().min(1).optional(),
  smtp: smtpSchema.optional(),
  schedules: z.array(scheduleSchema),
});

export type SmtpSettings = Readonly<z.infer<typeof smtpSchema>>;
export type Schedule = Readonly<z.infer<typeof scheduleSchema>>;

export interface SchedulesConfig {
  /** The file it was read from (absolute). */
  readonly path: string;
  /** Where each run writes its folder (absolute). */
  readonly outDir: string;
  readonly smtp: SmtpSettings | null;
  readonly schedules: readonly Schedule[];
}

/** Where the schedules file is: the one given, else $RCM_SCHEDULES, else ./config/schedules.json when it exists; null: none. */
export function schedulesPath(given: string | undefined, env: NodeJS.ProcessEnv = process.env): string | null {
  if (given) return given;
  if (env[SCHEDULES_ENV]) return env[SCHEDULES_ENV]!;
  return existsSync(DEFAULT_SCHEDULES_PATH) ? DEFAULT_SCHEDULES_PATH : null;
}

/** The place of an issue as a reader says it: the schedule by its name, then the field. */
function where(raw: unknown, path: readonly PropertyKey[]): string {
  if (path[0] === 'schedules' && typeof path[1] === 'number') {
    const name = (raw as { schedules?: { name?: unknown }[] }).schedules?.[path[1]]?.name;
    const field = path.slice(2).join('.') || '(the schedule)';
    return `schedule ${typeof name === 'string' ? `"${name}"` : `#${path[1] + 1}`}, field ${field}`;
  }
  return `field ${path.join('.') || '(the file)'}`;
}

export function parseSchedules(text: string, path: string): SchedulesConfig {
  const fail = (message: string) => new ScheduleConfigError(`${path}: ${message}`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw fail(`not JSON: ${(error as Error).message}`);
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    throw fail(parsed.error.issues.map((i) => `${where(raw, i.path)}: ${i.message}`).join('; '));
  }
  const file = parsed.data;
  const seen = new Set<string>();
  file.schedules.forEach((s, i) => {
    if (seen.has(s.name)) throw fail(`${where(raw, ['schedules', i, 'name'])}: a second schedule of that name`);
    seen.add(s.name);
    const problem = cronProblem(s.cron, s.timeZone);
    if (problem) throw fail(`${where(raw, ['schedules', i, 'cron'])}: "${s.cron}" is not a cron expression croner takes (${problem})`);
    if (s.deliver.recipients.length > 0 && !file.smtp) throw fail(`${where(raw, ['schedules', i, 'deliver.recipients'])}: e-mail needs an smtp section in the file`);
  });
  const base = dirname(resolve(path));
  // paths in the file are read from the file's folder, whoever starts the process and wherever
  const schedules = file.schedules.map((s) => Object.freeze({ ...s, deliver: Object.freeze({ ...s.deliver, folder: s.deliver.folder && resolve(base, s.deliver.folder) }) }));
  return Object.freeze({
    path: resolve(path),
    outDir: file.outDir ? resolve(base, file.outDir) : resolve(DEFAULT_SCHEDULE_OUT_DIR),
    smtp: file.smtp ? Object.freeze(file.smtp) : null,
    schedules: Object.freeze(schedules),
  });
}

export function loadSchedules(path: string): SchedulesConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ScheduleConfigError(`${path}: cannot read the schedules file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return parseSchedules(text, path);
}

export function findSchedule(config: SchedulesConfig, name: string): Schedule {
  const schedule = config.schedules.find((s) => s.name === name);
  if (!schedule) throw new ScheduleConfigError(`${config.path}: no schedule "${name}"; the schedules are ${config.schedules.map((s) => s.name).join(', ') || '(none)'}`);
  return schedule;
}
