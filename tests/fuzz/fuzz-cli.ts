// npm run fuzz -- [--cases N] [--seed S] [--loader-every K]: runs as many fuzz cases as asked and prints a table.
// The public samples join the seeds when RCM_SAMPLES_DIR points at them.
import { Command } from 'commander';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cliProgress from 'cli-progress';
import { Warehouse } from '../../warehouse/database.ts';
import { checkLoader, checkReader, describeFailure, makeCase, seeds, type Failure } from './fuzz.ts';

const options = new Command('fuzz')
  .option('--cases <n>', 'number of reader cases', '100000')
  .option('--seed <n>', 'master seed', '1')
  .option('--loader-every <k>', 'also load every k-th case into a DuckDB warehouse', '20')
  .parse(process.argv)
  .opts<{ cases: string; seed: string; loaderEvery: string }>();

const cases = Number(options.cases);
const seed = Number(options.seed);
const loaderEvery = Number(options.loaderEvery);
const all = await seeds(Boolean(process.env.RCM_SAMPLES_DIR));
const dir = mkdtempSync(join(tmpdir(), 'rcm-fuzz-'));
const warehouse = await Warehouse.open(join(dir, 'fuzz.duckdb'));
const failures: Failure[] = [];
let loaded = 0;
const bar = new cliProgress.SingleBar({ format: 'fuzz [{bar}] {value}/{total} cases | {failures} failures', stream: process.stderr }, cliProgress.Presets.shades_classic);
const started = performance.now();
bar.start(cases, 0, { failures: 0 });
for (let n = 0; n < cases; n++) {
  const c = makeCase(n, all, seed);
  const failure = await checkReader(c, 5_000);
  if (failure) failures.push(failure);
  if (loaderEvery > 0 && n % loaderEvery === 0) {
    loaded++;
    const loadFailure = await checkLoader(c, warehouse, dir, 0n);
    if (loadFailure) failures.push(loadFailure);
  }
  if (n % 100 === 0) bar.update(n, { failures: failures.length });
}
bar.update(cases, { failures: failures.length });
bar.stop();
warehouse.close();
rmSync(dir, { recursive: true, force: true });
const seconds = (performance.now() - started) / 1000;
console.log(`| reader cases | loader cases | failures | seconds |\n|---:|---:|---:|---:|\n| ${cases} | ${loaded} | ${failures.length} | ${seconds.toFixed(0)} |`);
for (const f of failures.slice(0, 20)) console.log(describeFailure(f));
process.exitCode = failures.length > 0 ? 1 : 0;
