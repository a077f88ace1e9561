// npm run bench:metrics [-- --claims 1000000 --months 24 --runs 20] — on a generated practice of that size
// (written and ingested once into .bench/metrics, reused after): the time of a full model build, then
// p50 / p95 of every metric query of the registry, headline alone, by payer, and by payer × month, all in
// this run.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import Table from 'cli-table3';
import { Warehouse } from '../../warehouse/database.ts';
import { buildModels } from '../../warehouse/build.ts';
import { METRICS } from '../../warehouse/metrics/registry.ts';
import { computeMetric } from '../../warehouse/metrics/compute.ts';
import { workPage, workTotals } from '../../warehouse/queries/work-list.ts';
import { QUEUES, workQueues } from '../../warehouse/queries/work-queues.ts';
import type { Breakdown } from '../../warehouse/metrics/metric.ts';
import { latestEventDate } from '../../warehouse/metrics/window.ts';
import { findDenialPatterns } from '../../warehouse/patterns/denial-patterns.ts';
import { windowFor } from '../../warehouse/metrics/window.ts';

const options = new Command('bench:metrics')
  .option('--claims <n>', 'claims in the generated practice', '1000000')
  .option('--months <n>', 'months of visits', '24')
  .option('--runs <n>', 'runs of each query', '20')
  .option('--dir <path>', 'where the practice and its warehouse live', '.bench/metrics')
  .parse(process.argv)
  .opts<{ claims: string; months: string; runs: string; dir: string }>();

const db = join(options.dir, 'bench.duckdb');
const marker = join(options.dir, `claims-${options.claims}-months-${options.months}`);
if (!existsSync(db) || !existsSync(marker)) {
  rmSync(options.dir, { recursive: true, force: true });
  process.stderr.write(`generating and ingesting ${Number(options.claims).toLocaleString('en-US')} claims into ${options.dir} (once) ...\n`);
  const child = spawnSync(process.execPath, ['--max-old-space-size=8192', 'bin/run-ts.mjs', 'tests/bench/demo-bench-worker.ts', options.dir, options.claims, options.months, 'no-truth', 'ingest'], {
    stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error('generating the practice failed');
  // the load's own time and peak memory (rcm ingest --no-build of the six folders in one command)
  const made = JSON.parse(child.stdout.trim().split('\n').pop()!) as { files: Record<string, { count: number }>; bytes: number; seconds: number; ingestSeconds: number; ingestMaxRssMb: number };
  process.stdout.write(`generated ${Object.values(made.files).reduce((n, f) => n + f.count, 0).toLocaleString('en-US')} files (${(made.bytes / 2 ** 20).toFixed(0)} MB) in ${made.seconds.toFixed(0)} s; rcm ingest of them all ${made.ingestSeconds.toFixed(0)} s, peak RSS ${made.ingestMaxRssMb.toFixed(0)} MB\n`);
  spawnSync('touch', [marker]);
}

const runs = Number(options.runs);
const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  return sorted[lo] + (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]) * (pos - lo);
};

const warehouse = await Warehouse.open(db);
try {
  const build = await buildModels(warehouse);
  const claims = build.models.find((m) => m.name === 'mart_claim')!.rows;
  const asOf = (await latestEventDate(warehouse))!;
  const time = async (work: () => Promise<unknown>) => {
    await work(); // warm
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await work();
      ms.push(performance.now() - t);
    }
    return `${quantile(ms, 0.5).toFixed(0)} / ${quantile(ms, 0.95).toFixed(0)}`;
  };
  const table = new Table({ head: ['metric', 'headline p50 / p95 ms', 'by payer', 'by payer × month'], style: { head: [], border: [] } });
  for (const m of METRICS) {
    const run = (by?: Breakdown) => () => computeMetric(warehouse, m, { asOf, by });
    const byPayer = m.breakdowns.includes('payer') ? await time(run(['payer'])) : '—';
    const byPayerMonth = m.breakdowns.includes('payer') && m.breakdowns.includes('month') ? await time(run(['payer', 'month'])) : '—';
    table.push([m.id, await time(run()), byPayer, byPayerMonth]);
  }
  const patterns = await time(() => findDenialPatterns(warehouse, { window: windowFor('ttm', asOf), minClaims: 10, limit: 15 }));
  const queued = (await workQueues(warehouse, asOf)).length;
  const queues = await time(() => workQueues(warehouse, asOf));
  const firstPages: string[] = [];
  for (const queue of QUEUES) firstPages.push(`${queue} ${await time(() => workPage(warehouse, asOf, undefined, queue, {}, { limit: 50, offset: 0 }))}`);
  const counts = await time(() => workTotals(warehouse, asOf, undefined));
  const slowest = [...build.models].sort((a, b) => b.milliseconds - a.milliseconds).slice(0, 4).map((m) => `${m.name} ${(m.milliseconds / 1000).toFixed(1)} s`).join(', ');
  process.stdout.write(`machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`);
  process.stdout.write(`${Number(claims).toLocaleString('en-US')} claims; full model build ${(build.modelMilliseconds / 1000).toFixed(1)} s (slowest: ${slowest}); checks ${(build.checkMilliseconds / 1000).toFixed(1)} s, ${build.checks.filter((c) => c.failures === 0n).length}/${build.checks.length} passed\n`);
  process.stdout.write(`as of ${asOf}, ${runs} runs each (after one warm-up):\n${table.toString()}\ndenial patterns (12 months): ${patterns} ms p50 / p95\nwork queues (every queue ranked, ${queued.toLocaleString('en-US')} claims): ${queues} ms p50 / p95; counts ${counts}; first page (50) of each: ${firstPages.join(', ')} ms p50 / p95 (target p95 < 200)\n`);
} finally {
  warehouse.close();
}
