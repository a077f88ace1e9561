// `rcm report monthly --month YYYY-MM [--practice NPI] [--format xlsx,csv,pdf] [--out DIR] [--close-date DATE] [--db PATH] [--json]`,
// `rcm report diff <run> <run> [--json]` and `rcm report runs [--json]`: the monthly close package, and
// what earlier runs computed.
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import Table from 'cli-table3';
import { DEFAULT_DATABASE_PATH } from '../warehouse/database.ts';
import { withWarehouse } from './kit/with-warehouse.ts';
import { CliError } from './kit/cli-error.ts';
import { money } from './kit/format.ts';
import { toJson } from './kit/json.ts';
import { RollForwardError, type RollForward } from '../reports/monthly/roll-forward.ts';
import { ReportRequestError, runMonthlyPackage, type MonthlyPackageRun } from '../reports/monthly/run.ts';
import { DEFAULT_FORMATS, REPORT_FORMATS, type ReportFormat } from '../reports/render/formats.ts';
import { diffRuns, UnknownRun, type NumberChange, type RunDiff } from '../reports/runs/run-store.ts';
import { listRuns, type RunRecord } from '../warehouse/queries/report-runs.ts';

export const DEFAULT_REPORTS_DIR = './data/reports';

interface MonthlyOptions { month: string; practice?: string; format: string; out: string; closeDate?: string; db: string; json?: boolean }

function whoRuns(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}

const runId = (text: string): bigint => {
  if (!/^\d+$/.test(text)) throw new CliError(`a run is named by its number (rcm report runs lists them), not "${text}"`);
  return BigInt(text);
};

export function registerReportCommand(program: Command): void {
  const report = program.command('report').description('reports: the monthly close package, and the record of its runs');

  report
    .command('monthly')
    .description('the monthly close package (summary, A/R aging and roll-forward, collections, denials, adjustments, payer lags) as of the month end, counting the files loaded by the close date')
    .requiredOption('--month <YYYY-MM>', 'the month to close')
    .option('--practice <npi>', 'only this practice (billing NPI; several separated by commas); default: every practice')
    .option('--format <list>', `formats, comma-separated: ${REPORT_FORMATS.join(', ')} (pdf: a few pages for a manager, printed by Chromium)`, DEFAULT_FORMATS.join(','))
    .option('--out <dir>', 'folder for the package (each run writes a folder of its own in it)', DEFAULT_REPORTS_DIR)
    .option('--close-date <date>', 'count the files loaded on or before this day (default: the month end + 10 days)')
    .option('--db <path>', 'warehouse file', DEFAULT_DATABASE_PATH)
    .option('--json', 'print the run as JSON: files and checksums, the roll-forward, post-close activity, the numbers')
    .action(async (options: MonthlyOptions) => {
      const formats = options.format.split(',').map((f) => f.trim()).filter(Boolean) as ReportFormat[];
      const practices = options.practice?.split(',').map((p) => p.trim()).filter(Boolean);
      try {
        const run = await withWarehouse(
          options.db,
          (w) => runMonthlyPackage(w, { month: options.month, practices, formats, outDir: options.out, closeDate: options.closeDate, user: { username: whoRuns() } }),
          // which files are whose practice comes from the marts: stale ones would miss the files loaded since
          { needsModels: true },
        );
        process.stdout.write(options.json ? `${toJson(monthlyJson(run))}\n` : monthlyText(run));
      } catch (error) {
        if (error instanceof ReportRequestError) throw new CliError(error.message);
        if (error instanceof RollForwardError) throw new CliError(`${error.message}\n${rollForwardText(error.rollForward)}`, 1);
        throw error;
      }
    });

  report
    .command('diff')
    .description('which numbers changed between two runs of a package, and the parameters behind the change (close date, files counted, models, reference data)')
    .argument('<a>', 'the earlier run')
    .argument('<b>', 'the later run')
    .option('--db <path>', 'warehouse file', DEFAULT_DATABASE_PATH)
    .option('--json', 'print the difference as JSON')
    .action(async (a: string, b: string, options: { db: string; json?: boolean }) => {
      const [x, y] = [runId(a), runId(b)];
      try {
        const diff = await withWarehouse(options.db, (w) => diffRuns(w, x, y));
        process.stdout.write(options.json ? `${toJson(diffJson(diff))}\n` : diffText(diff));
      } catch (error) {
        if (error instanceof UnknownRun) throw new CliError(error.message);
        throw error;
      }
    });

  report
    .command('runs')
    .description('the runs of the reports, newest first: who, when, which month and practice, the close date, the numbers’ SHA-256')
    .option('--db <path>', 'warehouse file', DEFAULT_DATABASE_PATH)
    .option('--limit <n>', 'how many runs', '50')
    .option('--json', 'print the runs as JSON')
    .action(async (options: { db: string; limit: string; json?: boolean }) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new CliError(`--limit must be a whole number of at least 1, not "${options.limit}"`);
      const runs = await withWarehouse(options.db, (w) => listRuns(w, { limit }));
      process.stdout.write(options.json ? `${toJson(runs.map(runJson))}\n` : runsText(runs));
    });
}

const dollars = (cents: number) => money(cents);

function rollForwardJson(rf: RollForward) {
  const d = (c: number) => (c / 100).toFixed(2);
  const balances = (b: RollForward['opening']) => ({ date: b.date, ar: d(b.ar), credit_balances: d(b.credits), other_balances: d(b.other), net: d(b.net) });
  return {
    ties: rf.ties, from: rf.from, to: rf.to, opening: balances(rf.opening),
    movements: Object.fromEntries(rf.movements.map((m) => [m.kind, d(m.amount)])), computed_closing: d(rf.computedClosing), closing: balances(rf.closing), difference: d(rf.difference),
  };
}

export function monthlyJson(run: MonthlyPackageRun) {
  return {
    run_id: run.runId, month: run.month, practices: run.practices, as_of: run.asOf, close_date: run.closeDate, close_rule: run.closeRule, provisional: run.provisional,
    files_counted: run.filesCounted, dir: run.dir, files: run.files, numbers_sha256: run.numbersSha256, roll_forward: rollForwardJson(run.rollForward),
    post_close: { files: run.postClose.files, numbers: run.postClose.numbers }, numbers: run.numbers,
  };
}

function rollForwardText(rf: RollForward): string {
  const lines = [
    `  ${'net balance at ' + rf.opening.date}: ${dollars(rf.opening.net)} (A/R ${dollars(rf.opening.ar)}, credit balances ${dollars(rf.opening.credits)}, other ${dollars(rf.opening.other)})`,
    ...rf.movements.filter((m) => m.amount !== 0).map((m) => `  ${m.kind}: ${dollars(m.amount)}`),
    `  rolled forward to ${rf.to}: ${dollars(rf.computedClosing)}`,
    `  net balance at ${rf.closing.date}: ${dollars(rf.closing.net)} (A/R ${dollars(rf.closing.ar)}, credit balances ${dollars(rf.closing.credits)}, other ${dollars(rf.closing.other)})`,
    `  difference: ${dollars(rf.difference)}`,
  ];
  return `${lines.join('\n')}\n`;
}

export function monthlyText(run: MonthlyPackageRun): string {
  const late = run.postClose.files.length;
  const lines = [
    `Monthly close package ${run.month} for ${run.practices ? `practice ${run.practices.join(', ')}` : 'every practice'}: run ${run.runId}`,
    `  as of ${run.asOf}, closed ${run.closeDate} (${run.closeRule}): ${run.filesCounted} files counted${run.provisional ? ' (provisional: the close date has not passed, files loaded by its end still count)' : ''}`,
    `  A/R roll-forward ties to the cent: ${dollars(run.rollForward.opening.net)} at ${run.rollForward.opening.date} + ${dollars(run.rollForward.computedClosing - run.rollForward.opening.net)} in the month = ${dollars(run.rollForward.closing.net)} at ${run.asOf} (A/R ${dollars(run.rollForward.closing.ar)}, credit balances ${dollars(run.rollForward.closing.credits)})`,
    late ? `  post-close activity: ${late} file${late === 1 ? '' : 's'} loaded after ${run.closeDate} carry events dated in the month, shown apart (not in the numbers)` : '  post-close activity: none',
    `  numbers SHA-256 ${run.numbersSha256}`,
    `  files in ${run.dir}:`,
  ];
  const table = new Table({ head: ['file', 'bytes', 'SHA-256'], style: { head: [], border: [] } });
  for (const f of run.files) table.push([f.path.slice(run.dir.length + 1), f.bytes.toLocaleString('en-US'), f.sha256.slice(0, 16)]);
  return `${lines.join('\n')}\n${table.toString()}\n`;
}

function runJson(r: RunRecord) {
  return {
    run_id: r.runId, report: r.report, month: r.month, practices: r.practices, as_of: r.asOf, close_date: r.closeDate, close_rule: r.closeRule, formats: r.formats,
    out_dir: r.outDir, username: r.username, user_id: r.userId, started_at: r.startedAt, finished_at: r.finishedAt, status: r.status, error: r.error,
    parameters: r.parameters, numbers_sha256: r.numbersSha256,
  };
}

export function runsText(runs: RunRecord[]): string {
  if (runs.length === 0) return 'no report runs yet: rcm report monthly --month YYYY-MM makes one\n';
  const table = new Table({ head: ['run', 'report', 'month', 'practice', 'closed', 'by', 'started (UTC)', 'status', 'numbers SHA-256'], style: { head: [], border: [] } });
  for (const r of runs) {
    table.push([String(r.runId), r.report, r.month, r.practices?.join(', ') ?? 'all', r.closeDate, r.username, r.startedAt, r.status === 'failed' ? `failed: ${r.error ?? ''}`.slice(0, 60) : r.status, r.numbersSha256?.slice(0, 16) ?? '']);
  }
  return `${table.toString()}\n`;
}

function diffJson(d: RunDiff) {
  const change = (c: NumberChange) => ({ key: c.key, table: c.table, row: c.row, column: c.column, section: c.section, a: c.a === undefined ? null : c.a, b: c.b === undefined ? null : c.b, only_in: c.a === undefined ? 'b' : c.b === undefined ? 'a' : null });
  return { a: runJson(d.a), b: runJson(d.b), same_numbers: d.sameNumbers, parameters: d.parameters, changed: d.changed.map(change), unchanged: d.unchanged };
}

/** The difference b − a of two exact values, when both are numbers. */
function delta(a: string | null | undefined, b: string | null | undefined): string {
  if (!a || !b || !/^-?\d+(\.\d+)?$/.test(a) || !/^-?\d+(\.\d+)?$/.test(b)) return '';
  const decimals = Math.max((a.split('.')[1] ?? '').length, (b.split('.')[1] ?? '').length);
  const scale = 10 ** decimals;
  const n = Math.round(Number(b) * scale) - Math.round(Number(a) * scale);
  return `${n > 0 ? '+' : ''}${(n / scale).toFixed(decimals)}`;
}

export function diffText(d: RunDiff): string {
  const describe = (r: RunRecord) => `run ${r.runId} (${r.month}, ${r.practices?.join(', ') ?? 'every practice'}, closed ${r.closeDate}, by ${r.username} ${r.startedAt} UTC)`;
  const out = [`${describe(d.a)} → ${describe(d.b)}`];
  if (d.parameters.length) {
    out.push('parameters that differ:');
    for (const p of d.parameters) out.push(`  ${p.name}: ${JSON.stringify(p.a) ?? '—'} → ${JSON.stringify(p.b) ?? '—'}`);
  }
  for (const section of ['closed', 'post_close'] as const) {
    const changes = d.changed.filter((c) => c.section === section);
    const title = section === 'closed' ? 'closed numbers' : 'post-close activity';
    if (section === 'closed') out.push(d.sameNumbers ? 'closed numbers: the same (equal SHA-256)' : `closed numbers: ${changes.length} changed`);
    else if (changes.length) out.push(`${title}: ${changes.length} changed`);
    if (!changes.length) continue;
    const table = new Table({ head: ['table', 'row', 'column', `run ${d.a.runId}`, `run ${d.b.runId}`, 'change'], style: { head: [], border: [] } });
    for (const c of changes) table.push([c.table, c.row, c.column, c.a === undefined ? '(none)' : c.a ?? '—', c.b === undefined ? '(none)' : c.b ?? '—', delta(c.a, c.b)]);
    out.push(table.toString());
  }
  out.push(`${d.unchanged} numbers unchanged`);
  return `${out.join('\n')}\n`;
}
