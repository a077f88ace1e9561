// `rcm denials patterns [--as-of DATE] [--from DATE --to DATE] [--min-claims N] [--limit N] [--json]`
import type { Command } from 'commander';
import Table from 'cli-table3';
import { DEFAULT_DATABASE_PATH } from '../warehouse/database.ts';
import { findDenialPatterns, type DenialPattern } from '../warehouse/patterns/denial-patterns.ts';
import { latestEventDate, windowFor, type Window } from '../warehouse/metrics/window.ts';
import { isIsoDate } from '../kernel/dates.ts';
import { withWarehouse } from './kit/with-warehouse.ts';
import { CliError } from './kit/cli-error.ts';

interface Options { db: string; asOf?: string; from?: string; to?: string; minClaims: string; limit: string; json?: boolean }

export function registerDenialsCommand(program: Command): void {
  const denials = program.command('denials').description('denial analysis');
  denials
    .command('patterns')
    .description('the payer × procedure × modifier × diagnosis × provider combinations, and the code pairs billed on one claim, whose denial rate most exceeds the payer’s baseline, ranked by excess denied dollars, with their CARCs (mixed causes marked and split by CARC), the owning team, a fix and example claims')
    .option('--db <path>', 'warehouse file', DEFAULT_DATABASE_PATH)
    .option('--as-of <date>', 'as-of date (default: the latest event date in the warehouse)')
    .option('--from <date>', 'window start (default: twelve months ending at the as-of date)')
    .option('--to <date>', 'window end (default: the as-of date)')
    .option('--min-claims <n>', 'least number of claims a combination needs', '10')
    .option('--limit <n>', 'how many patterns to show', '15')
    .option('--json', 'print { as_of, from, to, min_claims, baseline, patterns: [...] }')
    .action(async (options: Options) => {
      for (const [name, value] of [['--as-of', options.asOf], ['--from', options.from], ['--to', options.to]] as const) {
        if (value !== undefined && !isIsoDate(value)) throw new CliError(`${name} must be a date like 2025-06-30, not "${value}"`);
      }
      if ((options.from === undefined) !== (options.to === undefined)) throw new CliError('--from and --to go together');
      const minClaims = Number(options.minClaims);
      const limit = Number(options.limit);
      if (!Number.isInteger(minClaims) || minClaims < 1) throw new CliError(`--min-claims must be a whole number of at least 1, not "${options.minClaims}"`);
      if (!Number.isInteger(limit) || limit < 1) throw new CliError(`--limit must be a whole number of at least 1, not "${options.limit}"`);
      await withWarehouse(options.db, async (w) => {
        const asOf = options.asOf ?? (await latestEventDate(w));
        if (!asOf) throw new CliError(`the warehouse ${options.db} holds no claims yet: ingest files first (rcm ingest) or create the demo (rcm demo)`);
        const ttm = windowFor('ttm', asOf);
        const window: Window = { asOf, from: options.from ?? ttm.from, to: options.to ?? ttm.to };
        const found = await findDenialPatterns(w, { window, minClaims, limit });
        if (options.json) {
          process.stdout.write(`${JSON.stringify({ as_of: asOf, from: window.from, to: window.to, min_claims: minClaims, ...found }, null, 2)}\n`);
        } else process.stdout.write(patternsText(window, found.patterns));
      }, { needsModels: true });
    });
}

function percent(x: number): string {
  return `${(x * 100).toFixed(1)} %`;
}

/** The CARCs of a pattern's denied lines; a mixed row says so and lists its top three. */
function causes(p: DenialPattern): string {
  if (!p.mixed_causes) return p.top_carc ? `${p.top_carc} (${percent(p.top_carc_share ?? 0)})` : '—';
  return `mixed: ${p.carcs.map((c) => `${c.carc} ${percent(c.share)}`).join(', ') || 'no CARC'}`;
}

export function patternsText(window: Window, patterns: DenialPattern[]): string {
  const table = new Table({
    head: ['#', 'pattern', 'claims', 'lines denied', 'rate', 'payer baseline', 'lift', 'excess denied $', 'CARCs', 'owner', 'fix', 'examples'],
    colWidths: [null, 36, null, null, null, null, null, null, 22, 16, 44, null], wordWrap: true, style: { head: [], border: [] },
  });
  for (const p of patterns) {
    table.push([p.rank, p.label, p.claims, `${p.denied_lines}/${p.lines}`, `${percent(p.rate)} (≥ ${percent(p.lower_bound)})`, percent(p.baseline_rate), p.lift ?? '—',
      p.excess_denied_dollars.toLocaleString('en-US', { minimumFractionDigits: 2 }), causes(p), p.owner ?? '—', p.fix ?? '—', p.example_claims.slice(0, 3).join(' ')]);
  }
  return `lines first adjudicated ${window.from} to ${window.to}\n${patterns.length ? table.toString() : 'no combination is denied significantly more often than its payer’s baseline'}\n`;
}
