// npm run bench:ingest [-- --mb 200] — generates a synthetic 835 set (one large file and many small
// ones), then measures, each in its own process: a plain byte scan, our parse (tokenize + map to rows),
// the npm parsers x12-parser and node-x12 over the same bytes, and our end-to-end ingest into DuckDB.
import { spawnSync } from 'node:child_process';
import { closeSync, createWriteStream, existsSync, mkdirSync, openSync, readSync, readdirSync, rmSync, statSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { synthetic835 } from '../support/synthetic-835.ts';
// @ts-expect-error a plain ES module of bin/, without types
import { isBuildCurrent } from '../../bin/compiled.mjs';
import { INGEST_ENV, RCM_NODE_FLAGS } from './rcm-process.ts';

const options = new Command('bench:ingest')
  .option('--mb <n>', 'total megabytes to generate (half in one file, half in many)', '220')
  .option('--dir <path>', 'where to write the data set', '.bench/ingest')
  .option('--skip <tools>', 'comma-separated tools to skip (node-x12 is slow and memory-hungry)', '')
  .option('--runs <n>', 'runs of each measurement, the tools taking turns; the table shows the median time, the range and the largest peak memory (node-x12: one run, it takes minutes)', '5')
  .parse(process.argv)
  .opts<{ mb: string; dir: string; skip: string; runs: string }>();

const BYTES_PER_CLAIM = 450; // measured on the generator's output
const totalMb = Number(options.mb);
const dir = options.dir;
const single = join(dir, 'single.835');
const manyDir = join(dir, 'many');
const skip = new Set(options.skip.split(',').filter(Boolean));
// `rcm ingest` is measured as users run it: compiled (npm install builds it; an edit since makes it stale)
if ((!skip.has('ingest') || !skip.has('store')) && !isBuildCurrent()) spawnSync(process.execPath, ['bin/build-cli.mjs'], { stdio: 'inherit' });

async function write(path: string, seed: number, claims: number, control: number) {
  const out = createWriteStream(path);
  for (const chunk of synthetic835({ seed, claims, claimsPerTransaction: 250, interchangeControl: control })) {
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
}

const half = (totalMb / 2) * 1024 * 1024;
const manyFiles = 400;
if (!existsSync(single) || Math.abs(statSync(single).size - half) > half * 0.2) {
  mkdirSync(manyDir, { recursive: true });
  process.stderr.write(`generating ${totalMb} MB in ${dir} ...\n`);
  await write(single, 1, Math.round(half / BYTES_PER_CLAIM), 1);
  for (let i = 0; i < manyFiles; i++) await write(join(manyDir, `era-${String(i).padStart(4, '0')}.835`), 100 + i, Math.round(half / manyFiles / BYTES_PER_CLAIM), 100 + i);
}
const many = readdirSync(manyDir).map((f) => join(manyDir, f)).sort();
const size = (files: string[]) => files.reduce((s, f) => s + statSync(f).size, 0);

interface Result { tool: string; seconds: number; items: number; maxRssMb: number }

/** The median time and the largest peak memory of a tool's runs, and the range of its times. */
function summarize(results: Result[]): Result & { fastest: number; slowest: number } {
  const times = results.map((r) => r.seconds).sort((a, b) => a - b);
  return { ...results[0], seconds: times[Math.floor(times.length / 2)], fastest: times[0], slowest: times[times.length - 1], maxRssMb: Math.max(...results.map((r) => r.maxRssMb)) };
}

/**
 * Reads the files once, untimed, so that every tool finds them in the page cache: a host that reclaims
 * idle pages would otherwise make a tool read its input from disk, and time the disk instead of the tool.
 */
function warm(files: string[]): void {
  const buffer = Buffer.allocUnsafe(1 << 20);
  for (const file of files) {
    const fd = openSync(file, 'r');
    try {
      while (readSync(fd, buffer, 0, buffer.length, null) > 0);
    } finally {
      closeSync(fd);
    }
  }
}

function measure(tool: string, files: string[], heapMb = 4096): Result | string {
  warm(files);
  const db = join(dir, 'bench.duckdb');
  if (tool === 'store') return measureStore(files, db);
  // the ingest runs as the `rcm` command does (compiled, one libuv thread as bin/rcm.cjs sets for it);
  // the parsers in a worker of their own
  if (tool === 'ingest') return runWorker([`--max-old-space-size=${heapMb}`, ...RCM_NODE_FLAGS, 'tests/bench/ingest-cli-worker.mjs', db, ...files], INGEST_ENV);
  return runWorker([`--max-old-space-size=${heapMb}`, 'bin/run-ts.mjs', 'tests/bench/bench-worker.ts', tool, db, ...files]);
}


/** A worker process's JSON line (its last line of output), or why it failed. */
function runWorker(args: string[], env: NodeJS.ProcessEnv = process.env): Result | string {
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', env, maxBuffer: 1 << 26, timeout: 1_800_000 });
  if (child.status !== 0) return `failed (${child.signal ?? `exit ${child.status}`}: ${(child.stderr || '').trim().split('\n').pop()?.slice(0, 80)})`;
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as Result;
}

/** DuckDB alone storing what `rcm ingest` staged for these files: an ingest that keeps its staging CSV, then a COPY of it all. */
function measureStore(files: string[], db: string): Result | string {
  const stagingRoot = join(dir, 'staging');
  rmSync(stagingRoot, { recursive: true, force: true });
  mkdirSync(stagingRoot);
  try {
    const staged = runWorker([...RCM_NODE_FLAGS, 'tests/bench/ingest-cli-worker.mjs', db, ...files], { ...INGEST_ENV, RCM_KEEP_STAGING: '1', TMPDIR: stagingRoot });
    if (typeof staged === 'string') return `${staged} staging`;
    return runWorker(['bin/run-ts.mjs', 'tests/bench/bench-worker.ts', 'store', db, stagingRoot], INGEST_ENV);
  } finally {
    rmSync(stagingRoot, { recursive: true, force: true });
  }
}

const workloads: [string, string[]][] = [[`one file, ${(size([single]) / 2 ** 20).toFixed(0)} MB`, [single]], [`${many.length} files, ${(size(many) / 2 ** 20).toFixed(0)} MB`, many]];
const tools: [string, string, number][] = [
  ['scan', 'byte scan (read + count terminators)', 4096],
  ['ours', 'rcm parse (tokenize + map to rows)', 4096],
  ['x12-parser', 'x12-parser 1.3.0 (stream of segment objects)', 4096],
  ['node-x12', 'node-x12 1.7.1 (whole-document parse)', 16384],
  ['ingest', 'rcm ingest end to end into DuckDB', 4096],
  ['store', 'DuckDB alone storing the staged rows (COPY, one thread; the floor)', 4096],
];

console.log(`\nmachine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}; median of ${options.runs} runs (node-x12: 1), the tools taking turns run by run so that a slow spell of the machine falls on all of them; input files read once before each run, so that each finds them in the page cache\n`);
console.log('| workload | tool | MB/s | seconds (median) | seconds (range) | peak RSS (MB) | claims |');
console.log('|---|---|---:|---:|---:|---:|---:|');
for (const [label, files] of workloads) {
  const bytes = size(files);
  const chosen = tools.filter(([tool]) => !skip.has(tool));
  const results = new Map<string, Result[] | string>(chosen.map(([tool]) => [tool, []]));
  for (let run = 0; run < Number(options.runs); run++) {
    for (const [tool, , heap] of chosen) {
      const done = results.get(tool)!;
      if (typeof done === 'string' || (tool === 'node-x12' && run > 0)) continue;
      const r = measure(tool, files, heap);
      if (typeof r === 'string') results.set(tool, r);
      else done.push(r);
    }
  }
  for (const [tool, name] of chosen) {
    const done = results.get(tool)!;
    if (typeof done === 'string') {
      console.log(`| ${label} | ${name} | — | — | — | — | ${done} |`);
      continue;
    }
    const r = summarize(done);
    const range = done.length > 1 ? `${r.fastest.toFixed(1)}–${r.slowest.toFixed(1)}` : '—';
    console.log(`| ${label} | ${name} | ${(bytes / 2 ** 20 / r.seconds).toFixed(1)} | ${r.seconds.toFixed(1)} | ${range} | ${r.maxRssMb.toFixed(0)} | ${tool === 'scan' ? '—' : r.items.toLocaleString('en-US')} |`);
  }
}
