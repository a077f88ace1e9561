// npm run bench:demo [-- --claims 1000000 --months 24] — how fast the synthetic practice is written, and
// how big its files are: the whole simulation into X12 and CSV files, in a child process per run so that
// the peak RSS is the generator's own. Optionally with the ground truth (--truth) and an ingest of the
// result (--ingest) for scale.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { Command } from 'commander';
import Table from 'cli-table3';

const options = new Command('bench:demo')
  .option('--claims <n>', 'claims to generate', '1000000')
  .option('--months <n>', 'months of visits', '24')
  .option('--dir <path>', 'where to write the data set', '.bench/demo')
  .option('--truth', 'also compute truth.json')
  .option('--ingest', 'also ingest the files into a fresh warehouse')
  .parse(process.argv)
  .opts<{ claims: string; months: string; dir: string; truth?: boolean; ingest?: boolean }>();

interface Result {
  claims: number;
  files: Record<string, { count: number; bytes: number }>;
  bytes: number;
  seconds: number;
  maxRssMb: number;
  ingestSeconds?: number;
  ingestMaxRssMb?: number;
}

rmSync(options.dir, { recursive: true, force: true });
const args = ['--max-old-space-size=8192', 'bin/run-ts.mjs', 'tests/bench/demo-bench-worker.ts', options.dir, options.claims, options.months, options.truth ? 'truth' : 'no-truth', options.ingest ? 'ingest' : 'no-ingest'];
process.stderr.write(`generating ${Number(options.claims).toLocaleString('en-US')} claims over ${options.months} months into ${options.dir} ...\n`);
const child = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26, timeout: 7_200_000 });
if (child.status !== 0) {
  process.stderr.write(`the generator failed (${child.signal ?? `exit ${child.status}`})\n`);
  process.exit(1);
}
const result = JSON.parse(child.stdout.trim().split('\n').pop()!) as Result;
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
const table = new Table({ head: ['files', 'count', 'MB', 'bytes per claim'], style: { head: [], border: [] } });
for (const [kind, f] of Object.entries(result.files)) table.push([kind, f.count.toLocaleString('en-US'), mb(f.bytes), (f.bytes / result.claims).toFixed(0)]);
table.push(['all', Object.values(result.files).reduce((s, f) => s + f.count, 0).toLocaleString('en-US'), mb(result.bytes), (result.bytes / result.claims).toFixed(0)]);
const speed = new Table({ head: ['step', 'seconds', 'claims/s', 'MB/s', 'peak RSS MB'], style: { head: [], border: [] } });
speed.push([`generate${options.truth ? ' + truth' : ''}`, result.seconds.toFixed(1), Math.round(result.claims / result.seconds).toLocaleString('en-US'), (result.bytes / 2 ** 20 / result.seconds).toFixed(1), result.maxRssMb.toFixed(0)]);
if (result.ingestSeconds !== undefined) speed.push(['rcm ingest', result.ingestSeconds.toFixed(1), Math.round(result.claims / result.ingestSeconds).toLocaleString('en-US'), (result.bytes / 2 ** 20 / result.ingestSeconds).toFixed(1), result.ingestMaxRssMb!.toFixed(0)]);
process.stdout.write(`machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`);
process.stdout.write(`${result.claims.toLocaleString('en-US')} claims, ${options.months} months\n${table.toString()}\n${speed.toString()}\n`);
