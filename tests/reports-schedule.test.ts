// Scheduled delivery over the hand-built fixture practice, against a real SMTP server on loopback: the due
// occurrence makes the package of the last complete month in the schedule's time zone and mails it (the
// subject, the attachments named as the run's files, the XLSX's cell equal to the package's number, the
// headline in the body) to the one recipient allowed; the others are refused and logged, never sent; the
// folder gets the files; run-due twice delivers once; 451 twice then accepted is three attempts and one
// message; 550 is one attempt; a refused connection is retried and fails; the CLI verbs on the same file.
import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ingestFiles } from '../ingest/loader/ingest-run.ts';
import { withWarehouse } from '../cli/kit/with-warehouse.ts';
import { buildModels } from '../warehouse/build.ts';
import { addUser, disableUser } from '../access/users.ts';
import { money } from '../cli/kit/format.ts';
import { centsOf } from '../reports/table.ts';
import { runFiles, runNumbers } from '../warehouse/queries/report-runs.ts';
import { loadSchedules, type SchedulesConfig } from '../reports/schedule/config.ts';
import { runDue, runScheduleNow } from '../reports/schedule/run-schedules.ts';
import { listDeliveries } from '../warehouse/queries/schedules.ts';
import { checkRecipient } from '../reports/delivery/recipients.ts';
import { main } from '../cli/program.ts';
import { fixtureFiles, PRACTICE } from './support/fixture-practice.ts';
import { parseMail, startSmtpSink, type SmtpSink } from './support/smtp-sink.ts';
import { tempDir, writeFile } from './support/temp.ts';

const NPI = PRACTICE.billingNpi;
const OTHER_NPI = '1000000004';
const PASSWORD_ENV = 'RCM_TEST_SMTP_PASSWORD';
const env = { [PASSWORD_ENV]: 'smtp-secret-for-tests' };
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function cli(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
  try {
    return { status: await main(['node', 'rcm', ...args]), stdout: out.join(''), stderr: err.join('') };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
    process.exitCode = undefined;
  }
}

/** A port nothing listens on (taken, then let go). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('scheduled delivery', () => {
  const dir = tempDir('rcm-schedule-');
  const db = join(dir, 'warehouse.duckdb');
  let sink: SmtpSink;

  function writeConfig(name: string, schedules: object[], smtp: object = {}): SchedulesConfig {
    const path = join(dir, `${name}.json`);
    const file = {
      outDir: 'runs',
      smtp: { host: '127.0.0.1', port: sink.port, secure: false, from: 'RCM Reports <reports@workbench.test>', user: 'reports', passwordEnv: PASSWORD_ENV, retry: { attempts: 3, delaySeconds: 0.05 }, ...smtp },
      schedules: schedules.map((s) => ({ cron: '0 7 1 * *', timeZone: 'America/Chicago', report: 'monthly', practice: NPI, formats: ['xlsx', 'csv'], ...s })),
    };
    writeFileSync(path, JSON.stringify(file, null, 2));
    return loadSchedules(path);
  }

  beforeAll(async () => {
    const files = join(dir, 'files');
    mkdirSync(files);
    await withWarehouse(db, async (w) => {
      await ingestFiles(w, fixtureFiles().map(([name, text]) => writeFile(files, name, text)));
      await buildModels(w);
      const password = 'a-password-for-tests';
      await addUser(w, 'pm', 'practice_manager', password, [NPI], { email: 'pm@clinic.test' });
      await addUser(w, 'other', 'practice_manager', password, [OTHER_NPI], { email: 'other@elsewhere.test' });
      await addUser(w, 'lead', 'billing_lead', password, [NPI], { email: 'lead@clinic.test' });
    });
    sink = await startSmtpSink({ user: 'reports', pass: env[PASSWORD_ENV] });
  }, 180_000);
  afterAll(() => sink?.close());

  it('mails the package of the last complete month to the recipient with access, refuses the others, fills the folder, and runs each occurrence once', async () => {
    const config = writeConfig('close', [{ name: 'close-mfh', deliver: { folder: 'outbox', recipients: ['pm', 'other', 'lead', 'ghost'] } }]);
    await withWarehouse(db, async (w) => {
      // first seen on Feb 20: the March 1 occurrence (07:00 in Chicago, 13:00 UTC) is the first due
      expect(await runDue(w, config, { now: new Date('2024-02-20T12:00:00Z'), env })).toEqual([]);
      const [result, ...more] = await runDue(w, config, { now: new Date('2024-03-01T14:00:00Z'), env });
      expect(more).toEqual([]);
      expect([result.occurrenceAt.toISOString(), result.month, result.status]).toEqual(['2024-03-01T13:00:00.000Z', '2024-02', 'complete']);
      const files = await runFiles(w, result.runId!);
      const numbers = await runNumbers(w, result.runId!);

      // exactly one message, to the practice manager of the practice
      expect(sink.received).toHaveLength(1);
      const [mail] = sink.received;
      expect([mail.from, mail.to]).toEqual(['reports@workbench.test', ['pm@clinic.test']]);
      const parsed = parseMail(mail.raw);
      expect(parsed.headers.get('subject')).toBe(`Monthly close package 2024-02: practice ${NPI}`);
      expect(parsed.attachments.map((a) => a.filename).sort()).toEqual(files.map((f) => basename(f.path)).sort());
      for (const a of parsed.attachments) expect(sha256(a.content), a.filename).toBe(files.find((f) => basename(f.path) === a.filename)!.sha256);

      // the workbook opens, and its A/R at the month end is the package's number
      const ar = numbers.get('summary/ar_total/month')!.value!;
      expect(centsOf(ar)).not.toBe(0);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(parsed.attachments.find((a) => a.filename.endsWith('.xlsx'))!.content as unknown as ArrayBuffer);
      const sheet = book.getWorksheet('Summary')!;
      let header = 0;
      sheet.eachRow((row, n) => { if (row.getCell(1).value === 'KPI' && !header) header = n; });
      const column = (sheet.getRow(header).values as unknown[]).indexOf('2024-02');
      let cell: unknown;
      sheet.eachRow((row, n) => { if (n > header && row.getCell(1).value === 'ar_total') cell = row.getCell(column).value; });
      expect(Math.round(Number(cell) * 100)).toBe(centsOf(ar));
      expect(parsed.text).toContain(`$${money(centsOf(ar)!)}`);
      expect(parsed.text).toContain('A/R at month end');

      // the log: the folder, one e-mail sent (its message id the one received), three refusals with their reason
      const log = (await listDeliveries(w, { schedule: 'close-mfh', limit: 20 })).reverse();
      expect(log.map((d) => [d.channel, d.recipient === config.schedules[0].deliver.folder ? 'outbox' : d.recipient, d.attempt, d.status])).toEqual([
        ['folder', 'outbox', 1, 'delivered'], ['email', 'pm', 1, 'delivered'], ['email', 'other', 1, 'refused'], ['email', 'lead', 1, 'refused'], ['email', 'ghost', 1, 'refused'],
      ]);
      expect(log[1].response).toMatch(/^250/);
      expect(log[1].messageId).toBe(parsed.headers.get('message-id'));
      expect(log[2].response).toMatch(/other has no access to practice 1234567893/);
      expect(log[3].response).toMatch(/a billing lead may not open reports/);
      expect(log[4].response).toMatch(/no user ghost/);

      // the audit trail has every delivery, sent or refused
      const audit = await w.all<{ username: string | null; parameters: string; row_count: bigint }>("SELECT username, parameters, row_count FROM audit_event WHERE route = 'schedule delivery' ORDER BY event_id");
      expect(audit.map((a) => [a.username, JSON.parse(a.parameters).recipient === 'outbox' ? 'outbox' : JSON.parse(a.parameters).recipient, JSON.parse(a.parameters).status, Number(a.row_count)])
        .map((r) => (r[1] === config.schedules[0].deliver.folder ? [r[0], 'outbox', r[2], r[3]] : r))).toEqual([
        [null, 'outbox', 'delivered', files.length], ['pm', 'pm', 'delivered', files.length], ['other', 'other', 'refused', 0], ['lead', 'lead', 'refused', 0], [null, 'ghost', 'refused', 0],
      ]);

      // the folder holds the run's files
      const folder = join(dir, 'outbox', basename(files[0].path.slice(0, files[0].path.lastIndexOf('/'))));
      for (const f of files) expect(sha256(readFileSync(join(folder, basename(f.path)))), f.name).toBe(f.sha256);

      // run-due again, at the same time or later in March: nothing runs, nothing more is sent
      expect(await runDue(w, config, { now: new Date('2024-03-01T14:00:00Z'), env })).toEqual([]);
      expect(await runDue(w, config, { now: new Date('2024-03-20T00:00:00Z'), env })).toEqual([]);
      expect(sink.received).toHaveLength(1);
      expect(await listDeliveries(w, { schedule: 'close-mfh', limit: 20 })).toHaveLength(5);
      expect(await w.all("SELECT status, month FROM report_schedule_run WHERE schedule = 'close-mfh'")).toEqual([{ status: 'complete', month: '2024-02' }]);

      // an occurrence a killed process left running is marked interrupted by the next run-due, not run again
      await w.run("INSERT INTO report_schedule_run VALUES ('killed', TIMESTAMP '2024-03-01 13:00:00', 'due', TIMESTAMP '2024-03-01 13:00:01', NULL, 'running', '2024-02', NULL, NULL)");
      expect(await runDue(w, config, { now: new Date('2024-03-20T00:00:00Z'), env })).toEqual([]);
      expect(await w.one("SELECT status, error FROM report_schedule_run WHERE schedule = 'killed'")).toEqual({ status: 'failed', error: expect.stringMatching(/^interrupted/) });
    });
  }, 180_000);

  it('tries again after 451 twice and delivers once; a 550 is not tried again', async () => {
    const config = writeConfig('retry', [
      { name: 'greylisted', deliver: { recipients: ['pm'] } },
      { name: 'bounced', deliver: { recipients: ['pm'] } },
    ]);
    await withWarehouse(db, async (w) => {
      const [received, data] = [sink.received.length, sink.dataCommands];
      sink.answers.push(451, 451);
      const greylisted = await runScheduleNow(w, config, config.schedules[0], { now: new Date('2024-04-02T12:00:00Z'), env });
      expect([greylisted.month, greylisted.deliveries]).toEqual(['2024-03', [expect.objectContaining({ recipient: 'pm', status: 'delivered', attempts: 3 })]]);
      const log = (await listDeliveries(w, { schedule: 'greylisted', limit: 10 })).reverse();
      expect(log.map((d) => [d.attempt, d.status, d.response?.slice(0, 3)])).toEqual([[1, 'retrying', '451'], [2, 'retrying', '451'], [3, 'delivered', '250']]);
      expect([sink.received.length - received, sink.dataCommands - data]).toEqual([1, 3]);

      sink.answers.push(550);
      const bounced = await runScheduleNow(w, config, config.schedules[1], { now: new Date('2024-04-02T12:00:00Z'), env });
      expect(bounced.deliveries).toEqual([expect.objectContaining({ recipient: 'pm', status: 'failed', attempts: 1 })]);
      const bounce = await listDeliveries(w, { schedule: 'bounced', limit: 10 });
      expect(bounce.map((d) => [d.attempt, d.status, d.response?.slice(0, 3)])).toEqual([[1, 'failed', '550']]);
      expect([sink.received.length - received, sink.dataCommands - data]).toEqual([1, 4]);
    });
  }, 180_000);

  it('retries a refused connection and then fails; without the password variable nothing is sent', async () => {
    const config = writeConfig('down', [{ name: 'server-down', deliver: { recipients: ['pm'] } }], { port: await closedPort() });
    await withWarehouse(db, async (w) => {
      const down = await runScheduleNow(w, config, config.schedules[0], { now: new Date('2024-04-03T12:00:00Z'), env });
      expect(down.deliveries).toEqual([expect.objectContaining({ status: 'failed', attempts: 3 })]);
      const log = (await listDeliveries(w, { schedule: 'server-down', limit: 10 })).reverse();
      expect(log.map((d) => d.status)).toEqual(['retrying', 'retrying', 'failed']);
      for (const d of log) expect(d.response).toMatch(/ECONNREFUSED/);

      const noPassword = writeConfig('no-password', [{ name: 'no-password', deliver: { recipients: ['pm'] } }]);
      const result = await runScheduleNow(w, noPassword, noPassword.schedules[0], { now: new Date('2024-04-03T12:00:00Z'), env: {} });
      expect(result.deliveries).toEqual([expect.objectContaining({ status: 'failed', detail: expect.stringMatching(/smtp\.passwordEnv: the environment variable RCM_TEST_SMTP_PASSWORD .* is not set/) })]);
    });
  }, 180_000);

  it('checks the recipient when it sends: a user disabled since gets nothing; a package of every practice goes to admins only', async () => {
    const config = writeConfig('disabled', [{ name: 'after-disable', deliver: { recipients: ['pm'] } }]);
    await withWarehouse(db, async (w) => {
      await addUser(w, 'boss', 'admin', 'a-password-for-tests', [], { email: 'boss@clinic.test' });
      expect(await checkRecipient(w, 'pm', null)).toMatchObject({ allowed: false, reason: 'the package covers every practice; only an admin may receive it' });
      expect(await checkRecipient(w, 'boss', null)).toMatchObject({ allowed: true, address: 'boss@clinic.test' });
      expect(await checkRecipient(w, 'boss', [OTHER_NPI])).toMatchObject({ allowed: true });
      await disableUser(w, 'pm');
      const received = sink.received.length;
      const result = await runScheduleNow(w, config, config.schedules[0], { now: new Date('2024-04-04T12:00:00Z'), env });
      expect(result.deliveries).toEqual([expect.objectContaining({ status: 'refused', detail: 'the user pm is disabled' })]);
      expect(sink.received.length).toBe(received);
    });
  }, 180_000);

  it('runs from the command line: list, run-due (twice), log; a bad file names the file, the schedule and the field', async () => {
    const config = writeConfig('cli', [{ name: 'cli-folder', cron: '30 6 2 * *', timeZone: 'Europe/Berlin', deliver: { folder: 'cli-outbox' } }]);
    const args = ['--schedules', config.path, '--db', db];
    expect((await cli('schedule', 'run-due', ...args, '--now', '2024-05-01T00:00:00Z')).stdout).toBe('nothing due\n');
    const list = await cli('schedule', 'list', ...args, '--now', '2024-05-01T00:00:00Z', '--json');
    expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ name: 'cli-folder', nextDue: '2024-05-02T04:30:00Z', last: null })]);
    const ran = await cli('schedule', 'run-due', ...args, '--now', '2024-05-02T05:00:00Z', '--json');
    expect(ran.status).toBe(0);
    expect(JSON.parse(ran.stdout)).toEqual([expect.objectContaining({ schedule: 'cli-folder', occurrence_at: '2024-05-02T04:30:00Z', month: '2024-04', status: 'complete' })]);
    expect((await cli('schedule', 'run-due', ...args, '--now', '2024-05-02T05:00:00Z')).stdout).toBe('nothing due\n');
    const log = JSON.parse((await cli('schedule', 'log', '--schedule', 'cli-folder', '--db', db, '--json')).stdout) as { channel: string; status: string }[];
    expect(log.map((d) => [d.channel, d.status])).toEqual([['folder', 'delivered']]);

    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ schedules: [{ name: 'typo', cron: '0 7 1 * *', timeZone: 'America/Chicgo', report: 'monthly', practice: NPI, deliver: { folder: 'x' } }] }));
    const refused = await cli('schedule', 'list', '--schedules', bad, '--db', db);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe(`rcm: ${bad}: schedule "typo", field timeZone: not a time zone of the IANA database (like America/Chicago)\n`);
  }, 180_000);
});
