// One run of `rcm ingest --no-build` for the ingest benchmark, the command as users run it (compiled,
// started with UV_THREADPOOL_SIZE=1 by ingest-bench.ts as bin/rcm.cjs does for ingest,
// bin/compiled.mjs), inside this process so that its peak memory can be read afterwards:
//   node tests/bench/ingest-cli-worker.mjs <db> <files...>  → one JSON line like bench-worker.ts's.
import { rmSync } from 'node:fs';
import { loadEntry } from '../../bin/compiled.mjs';

const [db, ...files] = process.argv.slice(2);
rmSync(db, { force: true });
rmSync(`${db}.wal`, { force: true });
const started = performance.now();
const { main } = await loadEntry('cli/program.ts');
let summary = '';
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (chunk) => {
  summary += String(chunk);
  return true;
};
const status = await main([process.argv[0], 'rcm', 'ingest', '--no-build', '--json', '--db', db, ...files]);
process.stdout.write = write;
if (status !== 0) throw new Error(`rcm ingest exited with ${status}: ${summary.slice(0, 500)}`);
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ tool: 'ingest', seconds, items: JSON.parse(summary).claims, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
