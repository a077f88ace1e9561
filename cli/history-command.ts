// `rcm batches` and `rcm errors`: what earlier ingest runs loaded and rejected.
import type { Command } from 'commander';
import Table from 'cli-table3';
import { z } from 'zod';
import { DEFAULT_DATABASE_PATH } from '../warehouse/database.ts';
import { withWarehouse } from './kit/with-warehouse.ts';
import { CliError } from './kit/cli-error.ts';
import { toJson } from './kit/json.ts';

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
      const { listBatches } = await import('../warehouse/queries/ingest-history.ts');
      const rows = await withWarehouse(options.db, (w) => listBatches(w, { limit: options.limit }));
      if (options.json) return void process.stdout.write(`${toJson(rows)}\n`);
      const table = new Table({ head: ['batch', 'started', 'loaded', 'skipped', 'rejected', 'claims', 'warnings'], style: { head: [], border: [] } });
      for (const r of rows) table.push([String(r.batch_id), r.started_at, r.files_loaded ?? '', r.files_skipped ?? '', r.files_rejected ?? '', String(r.claims), String(r.warnings)]);
      process.stdout.write(`${table.toString()}\n`);
    });

  program
    .command('errors')
    .description('list files that could not be loaded, with the place and what to do, and the loaded remittances a person must look at')
    .option('--db <path>', 'warehouse file', DEFAULT_DATABASE_PATH)
    .option('--batch <id>', 'only this batch', positiveInteger('--batch'))
    .option('--limit <n>', 'how many errors (and how many remittance problems)', positiveInteger('--limit'), 50)
    .option('--remittances', 'only the remittances to look at: duplicates not counted, conflicting payments, reversals without their original')
    .option('--json', 'print JSON')
    .action(async (options: { db: string; batch?: number; limit: number; remittances?: boolean; json?: boolean }) => {
      const { listErrors } = await import('../warehouse/queries/ingest-history.ts');
      const { listRemittanceProblems } = await import('../warehouse/queries/remittance-problems.ts');
      const batchId = options.batch === undefined ? undefined : BigInt(options.batch);
      const { unclassifiedReasons } = await import('../warehouse/queries/adjustment-reasons.ts');
      const { NOT_CURRENT, modelsState } = await import('../warehouse/build.ts');
      const { rows, problems, models, unclassified } = await withWarehouse(options.db, async (w) => {
        const problems = await listRemittanceProblems(w, { batchId, limit: options.limit });
        return {
          rows: options.remittances ? [] : await listErrors(w, { batchId, limit: options.limit }),
          problems,
          models: await modelsState(w),
          // a model too: only once built
          unclassified: problems === null || options.remittances ? [] : await unclassifiedReasons(w),
        };
      });
      if (options.json) return void process.stdout.write(`${toJson(options.remittances ? (problems?.rows ?? []) : rows)}\n`);
      if (!options.remittances) {
        if (rows.length === 0) process.stdout.write('no rejected files\n');
        for (const r of rows) process.stdout.write(`batch ${r.batch_id} ${r.error_code}: ${r.message}\n  what to do: ${r.hint}\n`);
      }
      if (problems === null) return void process.stdout.write(`remittances to look at: the models are not built (rcm build --db ${options.db} lists them)\n`);
      // the listing is a model: files loaded since the last build are not in it yet
      if (models === 'older than the data') process.stderr.write(`rcm errors: ${NOT_CURRENT[models]}; the remittances to look at leave them out until rcm build --db ${options.db}\n`);
      if (unclassified.length > 0) {
        const listed = unclassified.map((u) => `${u.reason_code ?? '(no reason)'} ×${u.write_offs} $${u.amount}`).join(', ');
        process.stdout.write(`write-offs whose reason is in no table (adjustment class unclassified): ${listed}\n  what to do: give each reason its class in a mapping file's payments.reasons (docs/x12-and-csv.md) and load with rcm ingest --mapping FILE\n`);
      }
      if (problems.rows.length === 0) return void process.stdout.write('no remittance to look at\n');
      process.stdout.write(`remittances to look at: ${problemCounts(problems.counts)}\n`);
      for (const p of problems.rows) {
        process.stdout.write(`batch ${p.batch_id} ${p.problem} (${p.counted}): ${p.file_name}, segment ${p.segment_position}: ${p.message}\n  what to do: ${p.hint}\n`);
      }
    });
}

const PROBLEM_NAMES: Record<string, [string, string]> = {
  duplicate_remittance: ['remittance delivered again (not counted)', 'remittances delivered again (not counted)'],
  payment_conflict: ['conflicting payment', 'conflicting payments'],
  orphan_reversal: ['reversal without its original', 'reversals without their original'],
};

/** "4 remittances delivered again (not counted), 1 reversal without its original" */
function problemCounts(counts: Record<string, number>): string {
  return Object.entries(counts).map(([p, n]) => `${n} ${PROBLEM_NAMES[p]?.[n === 1 ? 0 : 1] ?? p}`).join(', ');
}
