// `rcm metrics [--as-of DATE] [--from DATE --to DATE] [--by DIMENSION] [--payer ID] [--provider NPI] [--location NAME] [--practice NPI] [--metric ID...] [--json]`
// and `rcm metrics explain <metric id>`: the registry's numbers, and how each is computed.
import type { Command } from 'commander';
import Table from 'cli-table3';
import { DEFAULT_DATABASE_PATH } from '../warehouse/database.ts';
import { METRICS, metric } from '../warehouse/metrics/registry.ts';
import { BreakdownError, checkBreakdown, computeMetric, resolveWindow, type MetricResult } from '../warehouse/metrics/compute.ts';
import { DIMENSIONS, type Breakdown, type Dimension, type MetricDefinition } from '../warehouse/metrics/metric.ts';
import { latestEventDate } from '../warehouse/metrics/window.ts';
import { isIsoDate } from '../kernel/dates.ts';
import { withWarehouse } from './kit/with-warehouse.ts';
import { CliError } from './kit/cli-error.ts';

interface MetricsOptions { db: string; asOf?: string; from?: string; to?: string; by?: string; payer?: string; provider?: string; location?: string; practice?: string; metric?: string[]; json?: boolean }

function checkDate(name: string, value: string | undefined): void {
  if (value !== undefined && !isIsoDate(value)) throw new CliError(`${name} must be a date like 2025-06-30, not "${value}"`);
}

export function registerMetricsCommand(program: Command): void {
  const command = program
    .command('metrics')
    .description('the revenue-cycle metrics of the warehouse (metrics.md) for an as-of date and window, optionally broken down')
    .option('--db <path>', 'warehouse file', DEFAULT_DATABASE_PATH)
    .option('--as-of <date>', 'as-of date (default: the latest event date in the warehouse)')
    .option('--from <date>', 'window start (default: each metric’s own window ending at the as-of date)')
    .option('--to <date>', 'window end (default: the as-of date)')
    .option('--by <dimensions>', `breakdown by one dimension or two crossed (payer,month): ${DIMENSIONS.join(', ')}; of all the metrics, those that cannot be broken down so are shown whole (stderr names them); a metric named with --metric that cannot is refused`)
    .option('--payer <id>', 'only this payer')
    .option('--provider <npi>', 'only claims of this rendering provider')
    .option('--location <name>', 'only claims of this location')
    .option('--practice <npi>', 'only this practice (billing NPI)')
    .option('--metric <id...>', 'only these metrics')
    .option('--json', 'print { as_of, from, to, metrics: { <id>: { value, numerator, denominator, unit, definition, unavailable_reason, breakdown } } }')
    .action(async (options: MetricsOptions) => {
      checkDate('--as-of', options.asOf);
      checkDate('--from', options.from);
      checkDate('--to', options.to);
      if ((options.from === undefined) !== (options.to === undefined)) throw new CliError('--from and --to go together');
      const by = options.by?.split(/[,×x]/).map((d) => d.trim()).filter(Boolean) as Dimension[] | undefined;
      for (const d of by ?? []) if (!DIMENSIONS.includes(d)) throw new CliError(`--by takes one dimension or two separated by a comma (payer,month), each one of ${DIMENSIONS.join(', ')}; not "${d}"`);
      if (by && by.length > 2) throw new CliError('--by crosses at most two dimensions');
      const chosen = (options.metric ?? METRICS.map((m) => m.id)).map((id) => metric(id) ?? (() => { throw new CliError(`no metric "${id}"; the metrics are ${METRICS.map((m) => m.id).join(', ')}`); })());
      // a breakdown asked of metrics named on purpose must be there (as the API refuses it); of all the
      // metrics, those that cannot be broken down so are shown whole, and stderr says which
      const refusals = new Map(by ? chosen.flatMap((m) => { const why = refusal(m, by); return why ? [[m.id, why] as const] : []; }) : []);
      const whole = chosen.filter((m) => refusals.has(m.id));
      if (by && options.metric && whole.length > 0) throw new CliError(whole.map((m) => refusals.get(m.id)).join('\n'));
      if (by && whole.length > 0) process.stderr.write(`not broken down by ${by.join(' × ')} (they cannot be): ${whole.map((m) => m.id).join(', ')}\n`);
      const results = await withWarehouse(options.db, async (w) => {
        const asOf = options.asOf ?? (await latestEventDate(w, options.practice ? [options.practice] : undefined));
        if (!asOf) throw new CliError(`the warehouse ${options.db} holds no claims yet: ingest files first (rcm ingest) or create the demo (rcm demo)`);
        const out: MetricResult[] = [];
        for (const m of chosen) {
          const breakdown = by && !refusals.has(m.id) ? by : undefined;
          out.push(await computeMetric(w, m, { asOf, from: options.from, to: options.to, by: breakdown, filters: { payer: options.payer, provider: options.provider, location: options.location, practices: options.practice ? [options.practice] : undefined } }));
        }
        return { asOf, out };
      }, { needsModels: true });
      if (options.json) process.stdout.write(`${JSON.stringify(metricsJson(results.asOf, options, results.out), null, 2)}\n`);
      else process.stdout.write(metricsText(results.asOf, results.out));
    });

  command
    .command('explain')
    .description('how a metric is computed: its definition and its SQL')
    .argument('<metric>', 'metric id')
    .option('--as-of <date>', 'as-of date to show the SQL for', '2025-12-31')
    .action((id: string, options: { asOf: string }) => {
      const m = metric(id);
      if (!m) throw new CliError(`no metric "${id}"; the metrics are ${METRICS.map((x) => x.id).join(', ')}`);
      checkDate('--as-of', options.asOf);
      const w = resolveWindow(m, { asOf: options.asOf });
      process.stdout.write([
        `${m.id}: ${m.label} (${m.unit})`,
        ...(m.formula ? [`formula:     ${m.formula} (measures of warehouse/metrics/measures.ts)`] : []),
        `numerator:   ${m.numerator}`,
        `denominator: ${m.denominator}`,
        `grain: ${m.grain}; date basis: ${m.dateBasis}; default window: ${m.window}`,
        `exclusions: ${m.exclusions}`,
        `breakdowns: ${m.breakdowns.join(', ') || 'none'}`,
        '',
        `SQL (as of ${w.asOf}, window ${w.from} to ${w.to}):`,
        m.sql(w, undefined, {}).replace(/\n\s+/g, '\n  '),
        '',
      ].join('\n'));
    });
}

/** Why the metric cannot be broken down so, naming what it can (undefined: it can). */
function refusal(m: MetricDefinition, by: Breakdown): string | undefined {
  try {
    checkBreakdown(m, by);
    return undefined;
  } catch (e) {
    if (e instanceof BreakdownError) return e.message;
    throw e;
  }
}

export function metricsJson(asOf: string, options: MetricsOptions, results: MetricResult[]) {
  return {
    as_of: asOf,
    from: options.from ?? null,
    to: options.to ?? null,
    metrics: Object.fromEntries(results.map((r) => [r.id, r])),
  };
}

function show(r: { value: number | null; p90?: number | null }, unit: string): string {
  if (r.value === null) return '—';
  if (unit === 'ratio') return `${(r.value * 100).toFixed(1)} %`;
  if (unit === 'dollars') return r.value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return r.p90 !== undefined ? `${r.value} (p90 ${r.p90})` : `${r.value}`;
}

/** Counts as whole numbers, money and daily averages with two decimals. */
function amount(n: number | null | undefined): string {
  if (n === null || n === undefined) return '';
  return Number.isInteger(n) ? n.toLocaleString('en-US') : n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function metricsText(asOf: string, results: MetricResult[]): string {
  const table = new Table({ head: ['metric', 'value', 'numerator', 'denominator', 'window', 'note'], style: { head: [], border: [] } });
  for (const r of results) {
    table.push([r.id, show(r, r.unit), amount(r.numerator), amount(r.denominator), r.from === r.to ? `on ${r.as_of}` : `${r.from} – ${r.to}`, r.unavailable_reason ?? (r.dollars ? `dollars: ${show(r.dollars, 'ratio')}` : '')]);
    for (const b of r.breakdown ?? []) table.push([`  ${b.key ?? '(none)'}`, show(b, r.unit), amount(b.numerator), amount(b.denominator), '', b.unavailable_reason ?? '']);
  }
  return `as of ${asOf}\n${table.toString()}\n`;
}
