// `npm start`: until the synthetic practice and the server arrive, loads a small synthetic remittance
// set into ./data/rcm.duckdb on first use and shows what is in the warehouse.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_DATABASE_PATH, Warehouse } from '../warehouse/database.ts';
import { ingestFiles } from '../ingest/loader/ingest-run.ts';
import { summaryText } from '../ingest/cli/ingest-command.ts';
import { synthetic835 } from '../tests/support/synthetic-835.ts';

const demoDir = './data/demo-remittances';
const fresh = !existsSync(DEFAULT_DATABASE_PATH);
const warehouse = await Warehouse.open(DEFAULT_DATABASE_PATH);
try {
  if (fresh) {
    mkdirSync(demoDir, { recursive: true });
    for (let i = 1; i <= 12; i++) {
      writeFileSync(join(demoDir, `era-2025-${String(i).padStart(2, '0')}.835`), [...synthetic835({ seed: 2025_00 + i, claims: 400, interchangeControl: i })].join(''));
    }
    process.stdout.write(`wrote 12 synthetic 835 files to ${demoDir}\n`);
    const run = await ingestFiles(warehouse, [demoDir]);
    process.stdout.write(summaryText(run, DEFAULT_DATABASE_PATH));
  }
  const totals = await warehouse.one<{ files: bigint; claims: bigint; paid: string | null }>(
    'SELECT (SELECT count(*) FROM ingest_file) AS files, count(*) AS claims, sum(paid)::VARCHAR AS paid FROM remit_claim',
  );
  process.stdout.write(`\n${DEFAULT_DATABASE_PATH}: ${totals!.files} files, ${totals!.claims} claim payments, ${totals!.paid ?? '0.00'} paid\n`);
  process.stdout.write('next: npm run --silent rcm -- era show <file.835>   |   npm run --silent rcm -- ingest <folder>   |   npm run --silent rcm -- --help\n');
} finally {
  warehouse.close();
}
