// Which test file runs in which lane (docs/testing.md). `npm test` is the fast lane: tests that call code in
// this process over small fixtures written by the tests themselves. A file that starts a process, listens on
// a port, drives a browser, loads large volumes, fuzzes at full count or reads the public X12 samples runs in
// its own lane, under `npm run test:all`. tests/lanes.test.ts holds the fast lane to that.

/** Files that start `rcm`, `npm start` or another child process (and wait for it). */
export const PROCESS = [
  'server/serve.test.ts',
  'server/serve-during-ingest.test.ts',
  'tests/admin-while-serving.test.ts',
  'tests/cli.test.ts',
  'tests/crash.test.ts',
  'tests/demo-cli.test.ts',
  'tests/metrics-cli.test.ts',
  'tests/reports-monthly-cli.test.ts',
  'tests/reports-schedule-serve.test.ts',
  'tests/serve-deployment.test.ts',
  'tests/serve-shutdown.test.ts',
  'tests/stale-models.test.ts',
  'tests/work-while-serving.test.ts',
];

/** Files that listen on loopback (an adapter concern: listening, streaming, shutdown, an SMTP peer). */
export const SERVER = [
  'server/routes/reports.test.ts',
  'server/uploads.test.ts',
  'tests/attack.test.ts',
  'tests/reports-schedule.test.ts',
];

/** Files that drive Debian's Chromium (the dashboards, the PDF reports). */
export const BROWSER = ['tests/e2e/**/*.test.ts', 'tests/reports-pdf.test.ts'];

/** Files that prove memory stays bounded over large generated inputs (a 120 MB 835, 600,000 rows). */
export const VOLUME = ['ingest/loader/posting-writer.test.ts', 'tests/streaming.test.ts'];

/** The fuzz run at full count; the fast lane runs the same file at a small count. */
export const FUZZ = ['tests/fuzz/**/*.test.ts'];

/** The public X12 samples (RCM_SAMPLES_DIR). */
export const CONFORMANCE = ['tests/conformance/**/*.test.ts'];

/** Every test file of the repository. */
export const ALL = ['**/*.test.ts'];

/** Never test files of ours. */
export const IGNORED = ['**/node_modules/**', '**/dist/**', '.git/**'];

/** The fast lane: everything the other lanes do not claim (the fuzz file included, at its small count). */
export const FAST_EXCLUDE = [...PROCESS, ...SERVER, ...BROWSER, ...VOLUME, ...CONFORMANCE];
