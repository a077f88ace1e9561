// `rcm ingest <files or folders...> [--db PATH] [--json]`
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import Table from 'cli-table3';
import { basename } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { DEFAULT_DATABASE_PATH, Warehouse, isMemorySize } from '../warehouse/database.ts';
import { holdsFiles } from '../warehouse/queries/ingest-history.ts';
import { INGEST_MEMORY_LIMIT, ingestFiles, endLoading, useLoadingSettings, type IngestProgress, type IngestRun } from '../ingest/loader/ingest-run.ts';
import type { FileOutcome } from '../ingest/loader/loader.ts';
import { centsToNumber } from '../kernel/money.ts';
import { CliError } from './kit/cli-error.ts';
import { loadMapping } from '../ingest/postings/csv-mapping.ts';
import { count, megabytes, money } from './kit/format.ts';
import { buildModels, modelsState, type BuildResult, type ModelsState } from '../warehouse/build.ts';
import { buildJson } from './build-command.ts';
import { ingestThroughServer } from './ingest-remote.ts';
import { isHeldByAnotherProcess } from './kit/with-warehouse.ts';

export function registerIngestCommand(program: Command): void {
  program
    .command('ingest')
    .description('load X12 files (835, 837P/837I, 999, 277CA) and CSV exports (payment postings, charges), or folders of them; each file all or nothing, the same file only once')
    .argument('<paths...>', 'files or folders')
    .option('--db <path>', 'warehouse file', DEFAULT_DATABASE_PATH)
    .option('--memory-limit <size>', "DuckDB's memory while loading (e.g. 128MB, 1GB)", INGEST_MEMORY_LIMIT)
    .option('--mapping <file>', 'JSON file naming the columns of your CSV exports (see docs/x12-and-csv.md)')
    .option('--no-build', 'do not rebuild the SQL models afterwards (rcm build does it later)')
    .option('--server <url>', 'load through a running rcm serve (which holds the warehouse open) instead of opening the file')
    .option('--token <token>', 'an admin API token for --server (default: RCM_TOKEN)')
    .option('--json', 'print the summary as JSON')
    .action(async (paths: string[], options: { db: string; memoryLimit: string; mapping?: string; build: boolean; json?: boolean; server?: string; token?: string }) => {
      if (options.server) {
        if (options.mapping) throw new CliError('--mapping is not sent to a server: load CSV exports with a mapping file directly (without --server)');
        const { outcomes, failedChecks } = await ingestThroughServer(options.server, options.token ?? process.env.RCM_TOKEN, paths, options.build);
        if (options.json) process.stdout.write(`${JSON.stringify({ server: options.server, files: outcomes, failed_checks: failedChecks }, null, 2)}\n`);
        else {
          const table = new Table({ head: ['file', 'status', 'claims', 'warnings', 'message'], style: { head: [], border: [] } });
          for (const o of outcomes) table.push([basename(o.file), o.status, o.claims ?? '', o.warnings ?? '', o.message ?? '']);
          process.stdout.write(`${table.toString()}\nloaded through ${options.server}${failedChecks.length ? `; failed checks: ${failedChecks.join(', ')}` : ''}\n`);
        }
        process.exitCode = outcomes.some((o) => o.status === 'rejected') ? 1 : 0;
        return;
      }
      if (!isMemorySize(options.memoryLimit)) throw new CliError(`--memory-limit must be a size like 128MB or 1GB, not "${options.memoryLimit}"`);
      useLoadingHeap();
      let mapping;
      try {
        mapping = loadMapping(options.mapping);
      } catch (error) {
        throw new CliError((error as Error).message);
      }
      const warehouse = await openForIngest(options.db, options.memoryLimit);
      try {
        const showProgress = !options.json && process.stderr.isTTY === true;
        const run = await ingestFiles(warehouse, paths, showProgress ? progressBar() : undefined, mapping);
        const loadedAny = run.outcomes.some((o) => o.status === 'loaded');
        // files of an earlier run whose build did not finish (killed, or --no-build) count as much as new ones
        const state = await modelsState(warehouse);
        const stale = state !== 'current' && (loadedAny || (await holdsFiles(warehouse)));
        let build: Awaited<ReturnType<typeof buildModels>> | undefined;
        let buildFailure: unknown;
        if (options.build && stale) {
          await endLoading(warehouse);
          // the files are committed by now: a failed build must not hide that, nor lose the summary
          build = await buildModels(warehouse).catch((error: unknown) => {
            buildFailure = error;
            return undefined;
          });
        }
        const models = build ? 'rebuilt' : stale ? 'older than the data' : 'current';
        process.stdout.write(options.json
          ? `${JSON.stringify({ ...summaryJson(run, options.db), models, ...(build ? { build: buildJson(build) } : {}) }, null, 2)}\n`
          : `${summaryText(run, options.db)}${modelsText(build, loadedAny ? undefined : state, stale && !options.build, options.db)}`);
        if (buildFailure !== undefined) {
          const reason = buildFailure instanceof Error ? buildFailure.message.split('\n')[0] : String(buildFailure);
          throw new CliError(`the files above are loaded, but rebuilding the models failed: ${reason}\nRun \`rcm build --db ${options.db}\` to rebuild them.`);
        }
        const refused = run.outcomes.some((o) => o.status === 'rejected' || (o.status === 'loaded' && o.rowErrors > 0));
        process.exitCode = refused ? 1 : 0;
      } finally {
        warehouse.close();
      }
    });
}

/** What happened to the models: rebuilt (and why, when no file of this run asked for it: `before`), or left older than the data. */
function modelsText(build: BuildResult | undefined, before: ModelsState | undefined, leftStale: boolean, db: string): string {
  if (build) {
    const failed = build.checks.some((c) => c.failures > 0n) ? ' (some checks failed: rcm build shows them)' : '';
    const why = before === 'other models' ? ': they had been built by another version of rcm' : before ? ': files loaded before had not been built into them' : '';
    return `models rebuilt in ${(build.milliseconds / 1000).toFixed(1)} s${why}${failed}\n`;
  }
  if (leftStale) return `models not rebuilt (--no-build): they are older than the loaded data, and rcm metrics, claim show, denials and report refuse them until rcm build --db ${db}\n`;
  return '';
}

function progressBar(): IngestProgress {
  const bar = new cliProgress.SingleBar(
    { format: 'ingest [{bar}] {percentage}% | {done}/{size} | {file}', hideCursor: true, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  let done = 0;
  let total = 0;
  return {
    start(totalBytes) {
      total = totalBytes;
      bar.start(Math.max(totalBytes, 1), 0, { file: '', done: megabytes(0), size: megabytes(totalBytes) });
    },
    advance(bytes, file) {
      done += bytes;
      bar.update(Math.min(done, Math.max(total, 1)), { file: basename(file), done: megabytes(done), size: megabytes(total) });
    },
    stop() {
      bar.stop();
    },
  };
}

function totals(run: IngestRun) {
  const loaded = run.outcomes.filter((o): o is Extract<FileOutcome, { status: 'loaded' }> => o.status === 'loaded');
  return {
    loaded: loaded.length,
    duplicates: run.outcomes.filter((o) => o.status === 'duplicate').length,
    rejected: run.outcomes.filter((o) => o.status === 'rejected').length,
    claims: loaded.reduce((s, o) => s + o.claims, 0),
    warnings: loaded.reduce((s, o) => s + o.warnings, 0),
    paid: loaded.reduce((s, o) => s + o.paid, 0),
    payments: loaded.reduce((s, o) => s + o.paymentAmount, 0),
  };
}

export function summaryText(run: IngestRun, db: string): string {
  const table = new Table({ head: ['file', 'result', 'claims', 'warnings', 'claims paid', 'payments'], style: { head: [], border: [] } });
  for (const o of run.outcomes) {
    if (o.status === 'loaded' && o.contentType !== 'x12') {
      const notes = [o.rowErrors > 0 ? `${o.rowErrors} rows refused` : '', o.rowsAlreadyLoaded > 0 ? `${o.rowsAlreadyLoaded} rows already loaded` : ''].filter(Boolean).join(', ');
      table.push([basename(o.file), `loaded ${count(o.rows)} ${o.contentType.replace('csv-', '')} rows${notes ? ` (${notes})` : ''}`, '', '', '', '']);
    } else if (o.status === 'loaded') table.push([basename(o.file), 'loaded', count(o.claims), count(o.warnings), money(o.paid), money(o.paymentAmount)]);
    else if (o.status === 'duplicate') table.push([basename(o.file), `skipped: already loaded as ${basename(o.loadedAs)}`, '', '', '', '']);
    else table.push([basename(o.file), 'REJECTED', '', '', '', '']);
  }
  const t = totals(run);
  table.push([`${run.outcomes.length} files`, `${t.loaded} loaded, ${t.duplicates} skipped, ${t.rejected} rejected`, count(t.claims), count(t.warnings), money(t.paid), money(t.payments)]);
  let text = `${table.toString()}\n`;
  for (const o of run.outcomes) {
    if (o.status === 'rejected') text += `\nrejected: ${o.message}\n  what to do: ${o.hint}\n`;
    if (o.status === 'loaded' && o.rowErrors > 0) text += `\n${o.rowErrors} rows of ${basename(o.file)} were refused: \`rcm errors\` lists them with their line numbers\n`;
  }
  text += `\nbatch ${run.batchId} in ${db}${t.warnings > 0 ? ' (warnings: see the ingest_warning table)' : ''}\n`;
  return text;
}

export function summaryJson(run: IngestRun, db: string) {
  const t = totals(run);
  return {
    batch_id: Number(run.batchId),
    database: db,
    files: { total: run.outcomes.length, loaded: t.loaded, skipped_duplicates: t.duplicates, rejected: t.rejected },
    claims: t.claims,
    warnings: t.warnings,
    claims_paid: centsToNumber(t.paid),
    payments: centsToNumber(t.payments),
    results: run.outcomes.map((o) => {
      if (o.status === 'loaded') {
        return {
          file: o.file, status: o.status, content: o.contentType, hash: o.hash, bytes: o.bytes, transactions: o.transactions, claims: o.claims, warnings: o.warnings,
          claims_paid: centsToNumber(o.paid), payments: centsToNumber(o.paymentAmount), rows: o.rows, rows_refused: o.rowErrors, rows_already_loaded: o.rowsAlreadyLoaded,
        };
      }
      if (o.status === 'duplicate') return { file: o.file, status: o.status, hash: o.hash, bytes: o.bytes, loaded_as: o.loadedAs };
      return { file: o.file, status: o.status, hash: o.hash, bytes: o.bytes, error: { code: o.code, segment: o.segment, message: o.message, hint: o.hint } };
    }),
  };
}

/**
 * The process's JavaScript heap while it loads: V8 lets the heap grow by a fixed fifth before it collects
 * the old generation, instead of by a factor it chooses (up to four). A load keeps little alive (the
 * files' outcomes) and leaves much behind, so the smaller growth lowers the peak by tens of megabytes at no
 * cost in speed. Read by V8 at each collection, so it can be set once the process runs.
 */
function useLoadingHeap(): void {
  setFlagsFromString('--heap-growing-percent=20');
}

/** Opens the warehouse for loading; when another process (a running rcm serve) holds it, says how to load through that. */
async function openForIngest(db: string, memoryLimit: string): Promise<Warehouse> {
  try {
    const warehouse = await Warehouse.open(db, { memoryLimit });
    await useLoadingSettings(warehouse);
    return warehouse;
  } catch (error) {
    if (isHeldByAnotherProcess(error)) {
      throw new CliError(`${db} is open in another process (a running rcm serve?). Load through it: rcm ingest --server http://127.0.0.1:8080 --token <admin token> <paths...>`);
    }
    throw error;
  }
}
