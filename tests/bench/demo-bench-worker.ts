// One run of the demo benchmark (spawned by demo-bench.ts): writes the data set, optionally ingests it,
// and prints the timings and peak RSS as JSON on its last line.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { resourceUsage } from 'node:process';
// @ts-expect-error a plain ES module of bin/, without types
import { isBuildCurrent } from '../../bin/compiled.mjs';
import { writeDataset, FOLDERS } from '../../demo/dataset/write-dataset.ts';
import { INGEST_ENV, RCM_NODE_FLAGS } from './rcm-process.ts';

const [dir, claims, months, truth, ingest] = process.argv.slice(2);
const began = performance.now();
const summary = await writeDataset({ seed: 1, claims: Number(claims), months: Number(months), out: dir, truth: truth === 'truth' });
const seconds = (performance.now() - began) / 1000;
const result: Record<string, unknown> = { claims: summary.claims, files: summary.files, bytes: summary.bytes, seconds, maxRssMb: resourceUsage().maxRSS / 1024 };
if (ingest === 'ingest') {
  const start = performance.now();
  // `rcm ingest` as users run it (compiled, rcm-process.ts), in a process of its own that reports its own
  // peak RSS: the ingest benchmark's worker
  if (!isBuildCurrent()) spawnSync(process.execPath, ['bin/build-cli.mjs'], { stdio: 'inherit' });
  const child = spawnSync(process.execPath, [...RCM_NODE_FLAGS, 'tests/bench/ingest-cli-worker.mjs', join(dir, 'bench.duckdb'), ...Object.values(FOLDERS).map((f) => join(dir, f))], {
    encoding: 'utf8', maxBuffer: 1 << 28, env: INGEST_ENV,
  });
  if (child.status !== 0) throw new Error(`ingest failed: ${child.stderr.slice(-500)}`);
  const measured = JSON.parse(child.stdout.trim().split('\n').pop()!) as { seconds: number; maxRssMb: number };
  result.ingestSeconds = (performance.now() - start) / 1000;
  result.ingestMaxRssMb = measured.maxRssMb;
}
process.stdout.write(`${JSON.stringify(result)}\n`);
