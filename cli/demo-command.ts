// `rcm demo [--claims N] [--seed S] [--months M] [--start DATE] [--out DIR] [--db PATH] [--replace] [--json]`
import type { Command } from 'commander';
import Table from 'cli-table3';
import { join } from 'node:path';
import { DEFAULT_DATABASE_PATH } from '../warehouse/database.ts';
import { CliError } from './kit/cli-error.ts';
import { count, megabytes, money } from './kit/format.ts';
import { withWarehouse } from './kit/with-warehouse.ts';
import { parseCents } from '../kernel/money.ts';
import { headline, type Headline } from '../warehouse/queries/demo.ts';
import { DEMO_DEFAULTS, DemoExists, runDemo, type DemoRun } from './run-demo.ts';

function positiveInteger(name: string) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0) throw new CliError(`${name} must be a positive whole number, not "${value}"`);
    return n;
  };
}

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('generate the synthetic practice (837, 999, 277CA, 835 and CSV files, with truth.json), ingest it into a warehouse and print where everything is')
    .option('--claims <n>', 'claims to generate', positiveInteger('--claims'), DEMO_DEFAULTS.claims)
    .option('--seed <n>', 'random seed: the same seed writes the same bytes', positiveInteger('--seed'), DEMO_DEFAULTS.seed)
    .option('--months <n>', 'months of visits', positiveInteger('--months'), DEMO_DEFAULTS.months)
    .option('--start <date>', 'first date of service (YYYY-MM-DD)', DEMO_DEFAULTS.start)
    .option('--out <dir>', 'folder for the generated files', DEMO_DEFAULTS.out)
    .option('--db <path>', 'warehouse file to create', DEFAULT_DATABASE_PATH)
    .option('--replace', 'delete an existing warehouse file and output folder first')
    .option('--json', 'print the summary as JSON')
    .action(async (options: { claims: number; seed: number; months: number; start: string; out: string; db: string; replace?: boolean; json?: boolean }) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(options.start) || Number.isNaN(Date.parse(options.start))) throw new CliError(`--start must be a date like 2025-01-01, not "${options.start}"`);
      let run: DemoRun;
      try {
        run = await runDemo({ ...options, replace: options.replace === true });
      } catch (error) {
        if (error instanceof DemoExists) throw new CliError(error.message);
        throw error;
      }
      const totals = await withWarehouse(options.db, headline);
      process.stdout.write(options.json ? `${JSON.stringify(demoJson(run, totals, options.db), null, 2)}\n` : demoText(run, totals, options.db));
      process.exitCode = run.ingest.outcomes.some((o) => o.status === 'rejected') ? 1 : 0;
    });
}

export function demoJson(run: DemoRun, totals: Headline, db: string) {
  return {
    out: run.dataset.out, db, truth: join(run.dataset.out, 'truth.json'), start: run.dataset.start, end: run.dataset.end, claims: run.dataset.claims,
    files: run.dataset.files, bytes: run.dataset.bytes, generateMilliseconds: run.dataset.milliseconds, ingestMilliseconds: run.ingestMilliseconds, buildMilliseconds: run.build.milliseconds,
    loaded: run.ingest.outcomes.filter((o) => o.status === 'loaded').length, rejected: run.ingest.outcomes.filter((o) => o.status === 'rejected').length,
    headline: { ...totals, files: Number(totals.files), claimsBilled: Number(totals.claimsBilled), remittances: Number(totals.remittances), rejectedFiles: Number(totals.rejectedFiles) },
  };
}

const cents = (text: string) => {
  const parsed = parseCents(text);
  return parsed.ok ? parsed.value : null;
};

export function headlineText(totals: Headline, db: string): string {
  const table = new Table({ style: { head: [], border: [] } });
  table.push(
    { 'files loaded': count(totals.files) },
    { 'claims billed': count(totals.claimsBilled) },
    { 'charges billed': money(cents(totals.chargesBilled)) },
    { 'remittances (835)': `${count(totals.remittances)}, cash ${money(cents(totals.remittanceCash))}` },
    { 'insurance paid on claims': money(cents(totals.insurancePaid)) },
    { 'patient payments': money(cents(totals.patientPayments)) },
    { 'write-offs': money(cents(totals.writeOffs)) },
    { 'files refused': count(totals.rejectedFiles) },
  );
  return `${db}\n${table.toString()}\n`;
}

export function demoText(run: DemoRun, totals: Headline, db: string): string {
  const files = new Table({ head: ['files', 'count', 'size'], style: { head: [], border: [] } });
  for (const [kind, f] of Object.entries(run.dataset.files)) files.push([kind, count(f.count), megabytes(f.bytes)]);
  files.push(['all', count(Object.values(run.dataset.files).reduce((s, f) => s + f.count, 0)), megabytes(run.dataset.bytes)]);
  return [
    `demo practice: ${count(run.dataset.claims)} claims, dates of service ${run.dataset.start} to ${run.dataset.end}`,
    `generated in ${(run.dataset.milliseconds / 1000).toFixed(1)} s into ${run.dataset.out} (ground truth: ${join(run.dataset.out, 'truth.json')})`,
    files.toString(),
    `ingested in ${(run.ingestMilliseconds / 1000).toFixed(1)} s into ${db}; models built in ${(run.build.milliseconds / 1000).toFixed(1)} s`,
    headlineText(totals, db),
  ].join('\n');
}
