// One measurement of the ingest benchmark, in its own process so that its peak memory is its own:
//   bench-worker <tool> <db or -> <files...>  → prints one JSON line. (The ingest runs in ingest-cli-worker.mjs.)
//   bench-worker store <db> <staging folder>: DuckDB alone storing the CSV an ingest staged (the floor of any loader).
import { createReadStream, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { readX12File } from '../../ingest/x12/reader.ts';
import { TransactionRouter } from '../../ingest/transaction-router.ts';
import { Remittance835Mapper } from '../../ingest/remittance/map-835.ts';

const [tool, db, ...files] = process.argv.slice(2);
const require = createRequire(import.meta.url);

async function byteScan(path: string): Promise<number> {
  let terminators = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(126); i >= 0; i = chunk.indexOf(126, i + 1)) terminators++;
  }
  return terminators;
}

async function ours(path: string): Promise<number> {
  let claims = 0;
  const sink = { claim: () => { claims++; }, remittance: () => undefined };
  await readX12File(path, new TransactionRouter({ '835': (h) => new Remittance835Mapper(h, sink, () => undefined) }, () => undefined));
  return claims;
}

async function x12Parser(path: string): Promise<number> {
  const { X12parser } = require('x12-parser');
  let claims = 0;
  await new Promise<void>((resolve, reject) => {
    createReadStream(path).pipe(new X12parser())
      .on('data', (segment: { name: string }) => { if (segment.name === 'CLP') claims++; })
      .on('end', resolve)
      .on('error', reject);
  });
  return claims;
}

function nodeX12(path: string): number {
  const { X12Parser } = require('node-x12');
  const interchange = new X12Parser(false).parse(readFileSync(path, 'utf8'));
  let claims = 0;
  for (const group of interchange.functionalGroups) for (const t of group.transactions) for (const s of t.segments) if (s.tag === 'CLP') claims++;
  return claims;
}

/** COPY of every staged file into a new warehouse, one statement per table, one thread, one transaction. */
async function store(stagingRoot: string): Promise<{ seconds: number; claims: number }> {
  const { Warehouse } = await import('../../warehouse/database.ts');
  const { INGEST_MEMORY_LIMIT, useLoadingSettings } = await import('../../ingest/loader/ingest-run.ts');
  const { STAGING_CSV } = await import('../../warehouse/bulk-load.ts');
  // all the staged files at once: DuckDB's CSV reader would read them 32 MB at a time, two buffers at
  // once, more than the ingest's memory cap; 8 MB buffers hold any row
  const options = STAGING_CSV.replace(/BUFFER_SIZE \d+/, `BUFFER_SIZE ${8 << 20}`);
  rmSync(db, { force: true });
  rmSync(`${db}.wal`, { force: true });
  const warehouse = await Warehouse.open(db, { memoryLimit: INGEST_MEMORY_LIMIT });
  await useLoadingSettings(warehouse);
  const tables = new Set(readdirSync(stagingRoot).flatMap((d) => readdirSync(`${stagingRoot}/${d}`)).map((f) => f.replace(/-\d+\.csv$/, '')));
  const started = performance.now();
  await warehouse.transaction(async () => {
    for (const table of tables) {
      await warehouse.run(`COPY ${table} FROM '${stagingRoot}/rcm-stage-*/${table}-*.csv' ${options}`);
    }
  });
  const seconds = (performance.now() - started) / 1000;
  const { n } = (await warehouse.one<{ n: bigint }>('SELECT count(*) AS n FROM remit_claim'))!;
  warehouse.close();
  return { seconds, claims: Number(n) };
}

if (tool === 'store') {
  const { seconds, claims } = await store(files[0]);
  console.log(JSON.stringify({ tool, seconds, items: claims, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}

const started = performance.now();
let items = 0;
for (const f of files) {
  if (tool === 'scan') items += await byteScan(f);
  else if (tool === 'ours') items += await ours(f);
  else if (tool === 'x12-parser') items += await x12Parser(f);
  else if (tool === 'node-x12') items += nodeX12(f);
  else throw new Error(`unknown tool ${tool}`);
}
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ tool, seconds, items, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
