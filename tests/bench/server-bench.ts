// npm run bench:server [-- --duration 60 --connections 50] — the HTTP API under load, on the practice of
// bench:metrics (1,000,000 claims in .bench/metrics, made once and reused): models rebuilt, a token made
// for the run, `rcm serve` started as its own process and driven by autocannon on the loopback with the
// dashboards' overview, its 12-month trends, a rotating set of claim lists and the Work page's queues; per workload the first
// request alone (cold), then throughput, latency, errors and the server's memory.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import Table from 'cli-table3';
import autocannon from 'autocannon';
import { rcm, rcmOk, sampleRss, startServer, type RssSample, type Server } from './server-bench-process.ts';
import { WORK_QUEUES } from '../../kernel/work.ts';

const options = new Command('bench:server')
  .option('--claims <n>', 'claims in the generated practice', '1000000')
  .option('--months <n>', 'months of visits', '24')
  .option('--dir <path>', 'where the practice and its warehouse live (shared with bench:metrics)', '.bench/metrics')
  .option('--duration <s>', 'seconds of load per workload', '60')
  .option('--connections <n>', 'concurrent connections', '50')
  .option('--timeout <s>', 'seconds before a request counts as an error', '30')
  .parse(process.argv)
  .opts<{ claims: string; months: string; dir: string; duration: string; connections: string; timeout: string }>();

const USER = 'bench';
const OVERVIEW = '/api/metrics?metric=days_in_ar,ar_over_90_pct,initial_denial_rate,first_pass_acceptance,first_pass_yield,net_collection_rate,collections';
const TARGET_P95_MS = 150;
/** The Work page's first page of a queue answers within this (p95). */
const WORK_TARGET_P95_MS = 200;
/** Memory counts as stable when the second half of a workload peaks at most this much above the first. */
const STABLE_GROWTH = 1.1;
/** A cheap request (the token check and the latest event date) answers within this when nothing queues before it. */
const IDLE_MS = 250;

/** The practice of bench:metrics, same folder and marker, so either script reuses what the other made. */
function ensurePractice(dir: string, claims: string, months: string): string {
  const db = join(dir, 'bench.duckdb');
  const marker = join(dir, `claims-${claims}-months-${months}`);
  if (existsSync(db) && existsSync(marker)) return db;
  rmSync(dir, { recursive: true, force: true });
  process.stderr.write(`generating and ingesting ${Number(claims).toLocaleString('en-US')} claims into ${dir} (once) ...\n`);
  const child = spawnSync(process.execPath, ['--max-old-space-size=8192', 'bin/run-ts.mjs', 'tests/bench/demo-bench-worker.ts', dir, claims, months, 'no-truth', 'ingest'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (child.status !== 0) throw new Error('generating the practice failed');
  spawnSync('touch', [marker]);
  return db;
}

/** `rcm build`: the models brought up to date; the claims in mart_claim and the times. */
async function build(db: string): Promise<{ claims: number; seconds: number; summary: string }> {
  const start = performance.now();
  const run = await rcm(['build', '--db', db, '--json']);
  const seconds = (performance.now() - start) / 1000;
  let result: { model_milliseconds: number; check_milliseconds: number; models: { name: string; rows: number }[]; checks: { name: string; failures: number }[] };
  try {
    result = JSON.parse(run.stdout);
  } catch {
    throw new Error(`rcm build exited with ${run.status}: ${(run.stderr.trim() || run.stdout.trim()).slice(-2000)}`);
  }
  const failed = result.checks.filter((c) => c.failures > 0);
  if (run.status !== 0 || failed.length > 0) throw new Error(`rcm build exited with ${run.status}; failed checks: ${failed.map((c) => `${c.name} (${c.failures})`).join(', ') || 'none'}`);
  const claims = result.models.find((m) => m.name === 'mart_claim')?.rows ?? 0;
  const summary = `${seconds.toFixed(1)} s in all (models ${(result.model_milliseconds / 1000).toFixed(1)} s, checks ${(result.check_milliseconds / 1000).toFixed(1)} s, ${result.checks.length} passed)`;
  return { claims, seconds, summary };
}

/** A token for the user `bench` (an admin, made on the first run): the token and its id, to revoke after. */
async function benchToken(db: string): Promise<{ id: string; token: string }> {
  const users = JSON.parse(await rcmOk(['users', 'list', '--db', db, '--json'])) as { username: string; disabled: boolean }[];
  const user = users.find((u) => u.username === USER);
  if (user?.disabled) throw new Error(`the user ${USER} is disabled in ${db}`);
  // the password is never used (the run signs in by token); it is given so that none is printed
  if (!user) await rcmOk(['users', 'add', USER, '--role', 'admin', '--db', db], { RCM_USER_PASSWORD: randomBytes(24).toString('base64url') });
  const out = await rcmOk(['tokens', 'create', USER, '--name', 'bench:server', '--db', db]);
  const made = /token (\d+) for \S+ \(shown once\): (rcm_[A-Za-z0-9_-]{43})/.exec(out);
  if (!made) throw new Error(`rcm tokens create printed no token: ${out.trim()}`);
  return { id: made[1], token: made[2] };
}

/** One request alone: its time and its JSON; an error unless it answered 2xx. */
async function single(server: Server, token: string, path: string): Promise<{ ms: number; body: unknown }> {
  const start = performance.now();
  const response = await fetch(server.url + path, { headers: { authorization: `Bearer ${token}` } });
  const text = await response.text();
  const ms = performance.now() - start;
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}: ${text.slice(0, 500)}`);
  return { ms, body: JSON.parse(text) };
}

/** The claim lists a biller pages through: open A/R by balance, denials, a payer's aging bucket, a code. */
function claimLists(payers: string[]): string[] {
  const pages = (query: string, n: number) => Array.from({ length: n }, (_, i) => `/api/claims?${query}&page=${i + 1}`);
  return [
    ...pages('status=open&sort=balance&order=desc', 4),
    ...pages('denied=true', 3),
    ...payers.map((p) => `/api/claims?payer=${p}&aging=91-120`),
    ...pages('cpt=99213', 2),
    '/api/claims?status=open&aging=181%2B&sort=age_days&order=desc',
    '/api/claims?status=open&portion=patient&sort=balance&order=desc',
    `/api/claims?payer=${payers[0]}&status=open&sort=first_submitted_date&order=asc`,
    '/api/claims',
  ];
}

/** Nearest-rank quantile of milliseconds. */
function quantile(sorted: number[], q: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

/** The part of GET /api/metrics?metric=ar_total&by=payer that names the payers. */
interface ArByPayer {
  as_of: string;
  metrics: { ar_total: { breakdown: { key: string | null; value: number | null }[] } };
}

interface Measured {
  workload: string;
  coldMs: number;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
  rss: { start: number; peak: number; end: number };
  stable: boolean;
  /** Seconds the server kept working after the load stopped (requests the clients had given up on). */
  backlogSeconds: number;
}

/** Load on the paths (taken in turn across all connections), with the server's memory over the same span. */
async function measure(server: Server, rss: ReturnType<typeof sampleRss>, token: string, workload: string, paths: string[]): Promise<Measured> {
  const rssStart = rss.now();
  const spanStart = performance.now();
  const cold = await single(server, token, paths[0]);
  let next = 0;
  const ms: number[] = [];
  const load = autocannon({
    url: server.url,
    connections: Number(options.connections),
    duration: Number(options.duration),
    timeout: Number(options.timeout),
    headers: { authorization: `Bearer ${token}` },
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }) }],
  });
  load.on('response', (_client: unknown, _status: number, _bytes: number, milliseconds: number) => ms.push(milliseconds));
  const result = await load;
  const backlog = await drain(server, token);
  const rssEnd = rss.now();
  if (!server.running()) throw new Error(`the server stopped during the ${workload} workload:\n${server.tail()}`);
  const span = rss.samples.filter((s) => s.at >= spanStart);
  ms.sort((a, b) => a - b);
  return {
    workload, coldMs: cold.ms, requests: ms.length, perSecond: ms.length / result.duration,
    p50: quantile(ms, 0.5), p95: quantile(ms, 0.95), p99: quantile(ms, 0.99), errors: result.errors, non2xx: result.non2xx,
    rss: { start: rssStart, peak: Math.max(...span.map((s) => s.mb)), end: rssEnd }, stable: plateaued(span), backlogSeconds: backlog,
  };
}

/**
 * Waits until the server is idle: requests in flight when the load stops are still queued for the one
 * connection, and would otherwise be timed as part of the next workload. Every authenticated request
 * waits its turn (the token check is queued too), so a cheap one answering fast means the queue is empty.
 */
async function drain(server: Server, token: string): Promise<number> {
  const start = performance.now();
  while ((await single(server, token, '/api/metrics/days_in_ar/explain')).ms > IDLE_MS) {
    if (performance.now() - start > 600_000) throw new Error('the server was still busy 10 minutes after the load stopped');
  }
  return (performance.now() - start) / 1000;
}

/** No growth under steady load: the second half's peak within STABLE_GROWTH of the first half's. */
function plateaued(samples: RssSample[]): boolean {
  if (samples.length < 4) return true;
  const half = Math.floor(samples.length / 2);
  const peak = (s: RssSample[]) => Math.max(...s.map((x) => x.mb));
  return peak(samples.slice(half)) <= peak(samples.slice(0, half)) * STABLE_GROWTH;
}

const count = (n: number) => Math.round(n).toLocaleString('en-US');
const mb = (n: number) => count(n);

let server: Server | undefined;
let token: { id: string; token: string } | undefined;
let db = '';
try {
  db = ensurePractice(options.dir, options.claims, options.months);
  process.stderr.write(`rcm build --db ${db} ...\n`);
  const built = await build(db);
  process.stderr.write(`built: ${built.summary}\n`);
  token = await benchToken(db);
  server = await startServer(db);
  process.stderr.write(`rcm serve: listening on ${server.url} (pid ${server.pid}); ${options.duration} s per workload\n`);
  const rss = sampleRss(server.pid);
  const loadAtStart = loadavg()[0];
  const runStart = performance.now();
  const rows: Measured[] = [];
  rows.push(await measure(server, rss, token.token, 'overview (7 metrics)', [OVERVIEW]));
  // the overview's trend request: by month for the metrics that allow it (the API refuses the A/R snapshots)
  rows.push(await measure(server, rss, token.token, 'overview by month', ['/api/metrics?metric=initial_denial_rate,first_pass_acceptance,first_pass_yield,net_collection_rate,collections&by=month']));
  const byPayer = (await single(server, token.token, '/api/metrics?metric=ar_total&by=payer')).body as ArByPayer;
  const payers = byPayer.metrics.ar_total.breakdown
    .filter((b) => b.key !== null).sort((a, b) => (b.value ?? 0) - (a.value ?? 0)).slice(0, 3).map((b) => b.key!);
  if (payers.length === 0) throw new Error('no payer has A/R in the data set');
  const lists = claimLists(payers);
  rows.push(await measure(server, rss, token.token, `claim lists (${lists.length} URLs)`, lists));
  // the Work page's first page of each queue, as it opens and with its most used filters
  const work = WORK_QUEUES.flatMap((q) => [`/api/work?queue=${q}`, `/api/work?queue=${q}&status=new`, `/api/work?queue=${q}&clock=overdue`]);
  rows.push(await measure(server, rss, token.token, `work queues, first pages (${work.length} URLs)`, work));
  rss.stop();
  const runSeconds = (performance.now() - runStart) / 1000;

  const table = new Table({
    head: ['workload', 'cold, single ms', 'requests', 'req/s', 'p50 / p95 / p99 ms', 'errors + non-2xx', 'backlog after s', 'server RSS MB start / peak / end', 'memory stable'],
    style: { head: [], border: [] },
  });
  for (const r of rows) {
    table.push([r.workload, count(r.coldMs), count(r.requests), r.perSecond.toFixed(1), `${count(r.p50)} / ${count(r.p95)} / ${count(r.p99)}`,
      `${r.errors} + ${r.non2xx}`, r.backlogSeconds.toFixed(1), `${mb(r.rss.start)} / ${mb(r.rss.peak)} / ${mb(r.rss.end)}`, r.stable ? 'yes' : 'no (grew)']);
  }
  const version = (createRequire(import.meta.url)('autocannon/package.json') as { version: string }).version;
  const overview = rows[0];
  const errors = rows.reduce((n, r) => n + r.errors + r.non2xx, 0);
  const stable = rows.every((r) => r.stable);
  const met = overview.p95 < TARGET_P95_MS && errors === 0 && stable;
  const queues = rows.at(-1)!;
  process.stdout.write([
    `machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; load average ${loadAtStart.toFixed(1)} when the load began`,
    `data set: ${count(built.claims)} claims in mart_claim (${db}, ${(statSync(db).size / 2 ** 30).toFixed(1)} GiB), as of ${byPayer.as_of}; rcm build ${built.summary}`,
    `load: autocannon ${version}, ${options.connections} connections on the loopback, ${options.duration} s per workload (${runSeconds.toFixed(0)} s in all), API token of ${USER} (admin)`,
    table.toString(),
    `target (overview p95 < ${TARGET_P95_MS} ms, no errors, memory stable): ${met ? 'MET' : 'NOT MET'} — overview p95 ${count(overview.p95)} ms; errors + non-2xx in all workloads ${errors}; memory ${stable ? 'stable' : 'grew under steady load'}`,
    `target (work queues' first pages p95 < ${WORK_TARGET_P95_MS} ms): ${queues.p95 < WORK_TARGET_P95_MS ? 'MET' : 'NOT MET'} — p95 ${count(queues.p95)} ms, the first request ${count(queues.coldMs)} ms`,
    '',
  ].join('\n'));
  await server.stop();
} catch (error) {
  process.stderr.write(`bench:server failed: ${error instanceof Error ? error.message : String(error)}\n`);
  await server?.kill();
  process.exitCode = 1;
} finally {
  // the run's token is not left behind (the server has let go of the file by now)
  if (token) {
    const revoked = await rcm(['tokens', 'revoke', token.id, '--db', db]);
    if (revoked.status !== 0) process.stderr.write(`could not revoke token ${token.id}: ${revoked.stderr.trim()}\n`);
  }
}
process.exit(process.exitCode ?? 0);
