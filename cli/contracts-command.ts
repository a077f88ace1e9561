// `rcm contracts variance [--as-of --from --to --payer --cpt --status --practice --limit --json]`: the service
// lines judged against their payer's fee schedule; `rcm contracts reimbursement [--as-of --from --to --payer
// --cpt --practice --json]`: what each payer allows and pays per unit of each code (metrics.md, "Expected payment").
import type { Command } from 'commander';
import Table from 'cli-table3';
import { DEFAULT_DATABASE_PATH } from '../warehouse/database.ts';
import { latestEventDate, windowFor } from '../warehouse/metrics/window.ts';
import { reimbursement, varianceLines, type LineWindow } from '../warehouse/queries/expected-payment.ts';
import { VARIANCE_STATUSES, type VarianceStatus } from '../kernel/expected-payment.ts';
import { isIsoDate } from '../kernel/dates.ts';
import { withWarehouse } from './kit/with-warehouse.ts';
import { CliError } from './kit/cli-error.ts';
import { toJson } from './kit/json.ts';

interface WindowOptions { db: string; asOf?: string; from?: string; to?: string; payer?: string; cpt?: string; practice?: string; json?: boolean }
interface VarianceOptions extends WindowOptions { status?: string; limit: string }

function windowOptions(command: Command, json: string): Command {
  return command
    .option('--db <path>', 'warehouse file', DEFAULT_DATABASE_PATH)
    .option('--as-of <date>', 'as-of date (default: the latest event date in the warehouse)')
    .option('--from <date>', 'adjudicated on or after (default: twelve months ending at the as-of date)')
    .option('--to <date>', 'adjudicated on or before (default: the as-of date)')
    .option('--payer <id>', 'only this payer')
    .option('--cpt <code>', 'only this procedure code')
    .option('--practice <npi>', 'only this practice (billing NPI)')
    .option('--json', json);
}

function checkWindow(options: WindowOptions): void {
  for (const [name, value] of [['--as-of', options.asOf], ['--from', options.from], ['--to', options.to]] as const) {
    if (value !== undefined && !isIsoDate(value)) throw new CliError(`${name} must be a date like 2025-06-30, not "${value}"`);
  }
  if ((options.from === undefined) !== (options.to === undefined)) throw new CliError('--from and --to go together');
}

async function lineWindow(w: Parameters<typeof latestEventDate>[0], options: WindowOptions): Promise<LineWindow> {
  const practices = options.practice ? [options.practice] : undefined;
  const asOf = options.asOf ?? (await latestEventDate(w, practices));
  if (!asOf) throw new CliError(`the warehouse ${options.db} holds no claims yet: ingest files first (rcm ingest) or create the demo (rcm demo)`);
  const ttm = windowFor('ttm', asOf);
  return { asOf, from: options.from ?? ttm.from, to: options.to ?? ttm.to, payer: options.payer, cpt: options.cpt, practices };
}

const money = (value: string | null) => value ?? '—';

export function registerContractsCommand(program: Command): void {
  const contracts = program.command('contracts').description('what payers allow against their fee schedules (load one: a fee-schedule CSV)');
  windowOptions(contracts.command('variance'), 'print { as_of, from, to, total, lines: [...] }')
    .description('service lines adjudicated in the window with their expected allowed (fee schedule × units), actual allowed (AMT*B6, else paid + PR + CO 253), variance and status, the most underpaid first')
    .option('--status <status>', `only lines so judged: ${VARIANCE_STATUSES.join(', ')}`)
    .option('--limit <n>', 'how many lines to show', '100')
    .action(async (options: VarianceOptions) => {
      checkWindow(options);
      if (options.status !== undefined && !VARIANCE_STATUSES.includes(options.status as VarianceStatus)) {
        throw new CliError(`--status must be one of ${VARIANCE_STATUSES.join(', ')}, not "${options.status}"`);
      }
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new CliError(`--limit must be a whole number of at least 1, not "${options.limit}"`);
      await withWarehouse(options.db, async (w) => {
        const window = await lineWindow(w, options);
        const found = await varianceLines(w, { ...window, status: options.status as VarianceStatus | undefined, limit, offset: 0 });
        if (options.json) return void process.stdout.write(`${toJson({ as_of: window.asOf, from: window.from, to: window.to, total: found.total, lines: found.rows })}\n`);
        const table = new Table({ head: ['claim', 'DOS', 'payer', 'code', 'units', 'expected', 'actual', 'variance', 'status'], style: { head: [], border: [] } });
        for (const l of found.rows) {
          table.push([l.claim_id, l.service_date ?? '—', l.payer_id, [l.procedure_code, l.modifier].filter(Boolean).join(' '), l.units, money(l.expected_allowed), l.actual_allowed, money(l.variance), l.status]);
        }
        const shown = found.rows.length < found.total ? ` (the first ${found.rows.length})` : '';
        process.stdout.write(`lines adjudicated ${window.from} to ${window.to}: ${found.total}${shown}\n${found.rows.length ? table.toString() : 'no line'}\n`);
      }, { needsModels: true });
    });
  windowOptions(contracts.command('reimbursement'), 'print { as_of, from, to, rows: [...] }')
    .description('per procedure code and payer: allowed and paid per unit (median, 10th and 90th percentiles) over the paid lines adjudicated in the window, with or without a fee schedule')
    .action(async (options: WindowOptions) => {
      checkWindow(options);
      await withWarehouse(options.db, async (w) => {
        const window = await lineWindow(w, options);
        const rows = await reimbursement(w, window);
        if (options.json) return void process.stdout.write(`${toJson({ as_of: window.asOf, from: window.from, to: window.to, rows })}\n`);
        const table = new Table({ head: ['code', 'payer', 'lines', 'units', 'allowed median', 'allowed p10–p90', 'paid median', 'paid p10–p90'], style: { head: [], border: [] } });
        for (const r of rows) table.push([r.procedure_code, r.payer_id, r.lines, r.units, r.allowed_median, `${r.allowed_p10}–${r.allowed_p90}`, r.paid_median, `${r.paid_p10}–${r.paid_p90}`]);
        process.stdout.write(`paid lines adjudicated ${window.from} to ${window.to}, per unit\n${rows.length ? table.toString() : 'no paid line'}\n`);
      }, { needsModels: true });
    });
}
