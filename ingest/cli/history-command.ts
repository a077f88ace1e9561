// `rcm batches` and `rcm errors`: what earlier ingest runs loaded and rejected.
import type { Command } from 'commander';
import Table from 'cli-table3';
import { z } from 'zod';
import { DEFAULT_DATABASE_PATH } from '../../warehouse/database.ts';
import { withWarehouse } from './with-warehouse.ts';
import type { WarehouseSchema } from '../../warehouse/schema.ts';
import { CliError } from './cli-error.ts';
import { toJson } from './json.ts';

const positiveInteger = (name: string) => (value: string) => {
  const parsed = z.coerce.number().int().positive().safeParse(value);
  if (!parsed.success) throw new CliError(`${name} must be a positive whole number, not "${value}"`);
  return parsed.data;
};


export function registerHistoryCommands(program: Command): void {
  program
    .command('batches')
    .description('list the latest ingest runs: files loaded, skipped and rejected, claims and warnings')
    .option('--db <path>', 'warehouse file', DEFAULT_DATABASE_PATH)
    .option('--limit <n>', 'how many batches', positiveInteger('--limit'), 20)
    .option('--json', 'print JSON')
    .action(async (options: { db: string; limit: number; json?: boolean }) => {
      const { listBatches, warehouseKysely } = await historyQueries();
      const rows = await withWarehouse(options.db, (w) => listBatches(warehouseKysely<WarehouseSchema>(w), options.limit));
      if (options.json) return void process.stdout.write(`${toJson(rows)}\n`);
      const table = new Table({ head: ['batch', 'started', 'loaded', 'skipped', 'rejected', 'claims', 'warnings'], style: { head: [], border: [] } });
      for (const r of rows) table.push([String(r.batch_id), r.started_at, r.files_loaded ?? '', r.files_skipped ?? '', r.files_rejected ?? '', r.claims ?? '0', r.warnings ?? '0']);
      process.stdout.write(`${table.toString()}\n`);
    });

  program
    .command('errors')
    .description('list files that could not be loaded, with the place and what to do')
    .option('--db <path>', 'warehouse file', DEFAULT_DATABASE_PATH)
    .option('--batch <id>', 'only this batch', positiveInteger('--batch'))
    .option('--limit <n>', 'how many errors', positiveInteger('--limit'), 50)
    .option('--json', 'print JSON')
    .action(async (options: { db: string; batch?: number; limit: number; json?: boolean }) => {
      const { listErrors, warehouseKysely } = await historyQueries();
      const rows = await withWarehouse(options.db, (w) =>
        listErrors(warehouseKysely<WarehouseSchema>(w), { batchId: options.batch === undefined ? undefined : BigInt(options.batch), limit: options.limit }),
      );
      if (options.json) return void process.stdout.write(`${toJson(rows)}\n`);
      if (rows.length === 0) return void process.stdout.write('no rejected files\n');
      for (const r of rows) process.stdout.write(`batch ${r.batch_id} ${r.error_code}: ${r.message}\n  what to do: ${r.hint}\n`);
    });
}

/** Kysely and the history queries, loaded when a history verb runs (Kysely's modules cost every rcm verb half a second at start). */
async function historyQueries() {
  const [{ warehouseKysely }, { listBatches, listErrors }] = await Promise.all([import('../../warehouse/kysely.ts'), import('../loader/history.ts')]);
  return { warehouseKysely, listBatches, listErrors };
}
