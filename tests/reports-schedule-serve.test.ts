// `rcm serve` with a schedules file (RCM_SCHEDULES) as a real process: its timer runs a schedule due every
// few seconds (the package mailed to a real SMTP server on loopback and copied to a folder) while the API
// goes on answering reads of the warehouse; on SIGTERM it stops cleanly: no occurrence is left half run,
// every e-mail logged as delivered arrived once, and the warehouse file is let go.
import { readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFiles } from '../ingest/loader/ingest-run.ts';
import { withWarehouse } from '../cli/kit/with-warehouse.ts';
import { buildModels } from '../warehouse/build.ts';
import { addUser, createToken } from '../access/users.ts';
import { listDeliveries } from '../warehouse/queries/schedules.ts';
import { fixtureFiles, PRACTICE } from './support/fixture-practice.ts';
import { startServe } from './support/serve-process.ts';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.ts';
import { tempDir, writeFile } from './support/temp.ts';

const until = async (what: string, done: () => boolean, ms = 60_000) => {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe('rcm serve runs the schedules', () => {
  const dir = tempDir('rcm-schedule-serve-');
  const db = join(dir, 'warehouse.duckdb');
  const schedules = join(dir, 'schedules.json');
  const password = 'smtp-secret-for-serve';
  let sink: SmtpSink;
  let token: string;

  beforeAll(async () => {
    const files = join(dir, 'files');
    mkdirSync(files);
    await withWarehouse(db, async (w) => {
      await ingestFiles(w, fixtureFiles().map(([name, text]) => writeFile(files, name, text)));
      await buildModels(w);
      await addUser(w, 'admin', 'admin', 'a long admin password', []);
      await addUser(w, 'pm', 'practice_manager', 'a-password-for-tests', [PRACTICE.billingNpi], { email: 'pm@clinic.test' });
      token = (await createToken(w, 'admin', 'test')).token;
    });
    sink = await startSmtpSink({ user: 'reports', pass: password });
    writeFileSync(schedules, JSON.stringify({
      outDir: 'runs',
      smtp: { host: '127.0.0.1', port: sink.port, from: 'reports@workbench.test', user: 'reports', passwordEnv: 'RCM_SERVE_SMTP_PASSWORD', retry: { attempts: 2, delaySeconds: 0.1 } },
      // croner's six-field form: every 3 seconds
      schedules: [{ name: 'often', cron: '*/3 * * * * *', timeZone: 'UTC', report: 'monthly', practice: PRACTICE.billingNpi, formats: ['xlsx'], deliver: { folder: 'outbox', recipients: ['pm'] } }],
    }));
  }, 120_000);
  afterAll(() => sink?.close());

  it('delivers while the API answers, and stops cleanly on SIGTERM', async () => {
    const serve = await startServe(db, { RCM_SCHEDULES: schedules, RCM_SERVE_SMTP_PASSWORD: password });
    expect(serve.output()).toContain(`running 1 schedule(s) of ${schedules}`);
    await until('a scheduled e-mail', () => sink.received.length >= 1);
    // the API reads the warehouse meanwhile
    const answer = await fetch(`http://127.0.0.1:${serve.port}/api/metrics?as_of=2024-03-31`, { headers: { authorization: `Bearer ${token}` } });
    expect(answer.status).toBe(200);
    await serve.stop();

    expect(serve.output()).not.toMatch(/^schedules: /m);
    expect(serve.output()).toMatch(/schedule often \S+Z: complete \(\d{4}-\d{2}, report run \d+\); folder \S+ delivered, email pm delivered/);
    // the file is let go (it opens here) and nothing was left half done
    await withWarehouse(db, async (w) => {
      const runs = await w.all<{ status: string }>("SELECT status FROM report_schedule_run WHERE schedule = 'often'");
      expect(runs.length).toBeGreaterThanOrEqual(1);
      expect(runs.filter((r) => r.status !== 'complete')).toEqual([]);
      const sent = (await listDeliveries(w, { schedule: 'often', limit: 100 })).filter((d) => d.channel === 'email' && d.status === 'delivered');
      expect(sent).toHaveLength(runs.length);
      expect(sink.received).toHaveLength(runs.length);
      expect(sink.received.every((m) => m.to.join() === 'pm@clinic.test')).toBe(true);
      expect(readdirSync(join(dir, 'outbox'))).toHaveLength(runs.length);
    });
  }, 120_000);
});
