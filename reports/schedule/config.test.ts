// The schedules file's checks (each mistake named by file, schedule and field; no password in the file),
// due times by croner across daylight saving, the month an occurrence reports, and which SMTP failures
// are tried again.
import { describe, expect, it } from 'vitest';
import { parseSchedules, schedulesPath } from './config.ts';
import { dueOccurrences, lastCompleteMonth, nextOccurrence, MAX_CATCH_UP } from './occurrences.ts';
import { backoffMs, classifySendError } from '../delivery/smtp-failure.ts';

const schedule = (fields: object = {}) => ({ name: 'close', cron: '0 7 1 * *', timeZone: 'America/Chicago', report: 'monthly', practice: '1234567893', deliver: { folder: 'out' }, ...fields });
const smtp = { host: 'smtp.example.org', port: 587, from: 'reports@example.org', user: 'reports', passwordEnv: 'RCM_SMTP_PASSWORD' };
const parse = (file: object) => parseSchedules(JSON.stringify(file), '/etc/rcm/schedules.json');

describe('the schedules file', () => {
  it('takes a good file, with defaults, paths from the file’s folder, frozen', () => {
    const config = parse({ smtp, schedules: [schedule({ deliver: { folder: 'out', recipients: ['pm'] } })] });
    expect(config.smtp).toEqual({ ...smtp, secure: false, retry: { attempts: 4, delaySeconds: 30 } });
    expect(config.schedules[0]).toMatchObject({ formats: ['xlsx', 'csv'], deliver: { folder: '/etc/rcm/out', recipients: ['pm'] } });
    expect(Object.isFrozen(config.schedules[0])).toBe(true);
  });

  it('names the file, the schedule and the field of each mistake', () => {
    const cases: [object, string][] = [
      [{ schedules: [schedule({ timeZone: 'Mars/Olympus' })] }, 'schedule "close", field timeZone: not a time zone of the IANA database'],
      [{ schedules: [schedule({ cron: '0 7 32 * *' })] }, 'schedule "close", field cron: "0 7 32 * *" is not a cron expression croner takes'],
      [{ schedules: [schedule({ practice: '12345' })] }, 'schedule "close", field practice: a billing NPI (10 digits) or "all"'],
      [{ schedules: [schedule({ formats: ['docx'] })] }, 'schedule "close", field formats.0:'],
      [{ schedules: [schedule({ deliver: {} })] }, 'schedule "close", field deliver: deliver to a folder, recipients, or both'],
      [{ schedules: [schedule({ deliver: { recipients: ['pm'] } })] }, 'schedule "close", field deliver.recipients: e-mail needs an smtp section'],
      [{ schedules: [schedule(), schedule()] }, 'schedule "close", field name: a second schedule of that name'],
      [{ smtp, schedules: [schedule({ deliver: { recipients: ['pm', 'pm'] } })] }, 'schedule "close", field deliver.recipients: a recipient named twice'],
      [{ schedules: [{ ...schedule(), name: undefined }] }, 'schedule #1, field name:'],
      [{ smtp: { ...smtp, port: 'twenty-five' }, schedules: [] }, 'field smtp.port:'],
    ];
    for (const [file, message] of cases) expect(() => parse(file), message).toThrow(`/etc/rcm/schedules.json: ${message}`);
  });

  it('keeps passwords out of the file: only the name of an environment variable', () => {
    expect(() => parse({ smtp: { ...smtp, password: 'hunter22' }, schedules: [] })).toThrow(/field smtp: Unrecognized key: "password"/);
    expect(() => parse({ smtp: { ...smtp, passwordEnv: 'hunter22 secret' }, schedules: [] })).toThrow(/field smtp.passwordEnv: the name of an environment variable/);
    expect(() => parse({ smtp: { ...smtp, passwordEnv: undefined }, schedules: [] })).toThrow(/user and passwordEnv go together/);
  });

  it('is found by --schedules, then RCM_SCHEDULES, else nowhere when ./config/schedules.json is absent', () => {
    expect(schedulesPath('a.json', { RCM_SCHEDULES: 'b.json' })).toBe('a.json');
    expect(schedulesPath(undefined, { RCM_SCHEDULES: 'b.json' })).toBe('b.json');
    expect(schedulesPath(undefined, {})).toBe(null);
  });
});

describe('due times', () => {
  const close = parse({ schedules: [schedule()] }).schedules[0];

  it('keeps 07:00 in Chicago across daylight saving (13:00 UTC in winter, 12:00 in summer)', () => {
    expect(dueOccurrences(close, new Date('2024-01-15T00:00:00Z'), new Date('2024-04-01T12:00:00Z'))).toEqual({
      run: [new Date('2024-02-01T13:00:00.000Z'), new Date('2024-03-01T13:00:00.000Z'), new Date('2024-04-01T12:00:00.000Z')], skipped: null,
    });
    // after the last one run, up to a second before the next: nothing
    expect(dueOccurrences(close, new Date('2024-04-01T12:00:00Z'), new Date('2024-05-01T11:59:59Z')).run).toEqual([]);
    // after, not at: an occurrence run is not due again
    expect(nextOccurrence(close, new Date('2024-03-01T13:00:00Z'))!.toISOString()).toBe('2024-04-01T12:00:00.000Z');
  });

  it('reports the last complete month on the schedule’s own calendar', () => {
    // 03:00 UTC on March 1 is still February 29 in Chicago
    expect(lastCompleteMonth(new Date('2024-03-01T03:00:00Z'), 'America/Chicago')).toBe('2024-01');
    expect(lastCompleteMonth(new Date('2024-03-01T03:00:00Z'), 'UTC')).toBe('2024-02');
    expect(lastCompleteMonth(new Date('2024-01-01T12:00:00Z'), 'Asia/Tokyo')).toBe('2023-12');
  });

  it('runs the last occurrences of a long catch-up and says where the skipping ended', () => {
    const minutely = parse({ schedules: [schedule({ cron: '* * * * *', timeZone: 'UTC' })] }).schedules[0];
    const began = performance.now();
    const { run, skipped } = dueOccurrences(minutely, new Date('2023-01-01T00:00:00Z'), new Date('2024-01-01T00:00:00Z'));
    expect(performance.now() - began).toBeLessThan(1000);
    expect(run).toHaveLength(MAX_CATCH_UP);
    expect([run[0].toISOString(), run.at(-1)!.toISOString(), skipped!.toISOString()]).toEqual(['2023-12-31T23:49:00.000Z', '2024-01-01T00:00:00.000Z', '2023-12-31T23:48:00.000Z']);
  });
});

describe('SMTP failures', () => {
  it('tries again after a 4xx or no connection, never after a 5xx', () => {
    expect(classifySendError({ responseCode: 451, response: '451 Try again later' })).toEqual({ temporary: true, response: '451 Try again later' });
    expect(classifySendError({ responseCode: 550, response: '550 Mailbox unavailable' }).temporary).toBe(false);
    expect(classifySendError({ responseCode: 535, code: 'EAUTH', response: '535 Invalid login' }).temporary).toBe(false);
    expect(classifySendError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), { code: 'ESOCKET' })).temporary).toBe(true);
    expect(classifySendError(Object.assign(new Error('Greeting never received'), { code: 'ETIMEDOUT' })).temporary).toBe(true);
    expect([2, 3, 4].map((n) => backoffMs(30, n))).toEqual([30_000, 60_000, 120_000]);
  });
});
