// `rcm claim show <patient control number> [--json]`: a claim's history across 837, 999, 277CA, 835 and postings.
import type { Command } from 'commander';
import Table from 'cli-table3';
import { basename } from 'node:path';
import { DEFAULT_DATABASE_PATH } from '../warehouse/database.ts';
import { withWarehouse } from './kit/with-warehouse.ts';
import { claimHistory, findClaims, type ClaimEvent } from '../warehouse/queries/claims.ts';
import { CliError } from './kit/cli-error.ts';
import { toJson } from './kit/json.ts';

export function registerClaimCommand(program: Command): void {
  const claim = program.command('claim').description('look at one claim');
  claim
    .command('show')
    .description("a claim's history in date order: submitted, acknowledged or rejected, adjudicated, reversed, posted")
    .argument('<patient-control-number>', '837 CLM01 = 835 CLP01; PCN@NPI when two billing providers use the number')
    .option('--db <path>', 'warehouse file', DEFAULT_DATABASE_PATH)
    .option('--json', 'print JSON')
    .action(async (pcn: string, options: { db: string; json?: boolean }) => {
      const { claimId, events } = await withWarehouse(options.db, async (w): Promise<{ claimId: string; events: ClaimEvent[] }> => {
        const matches = await findClaims(w, pcn);
        if (matches.length > 1) {
          throw new CliError(
            `${pcn} names ${matches.length} claims of different billing providers: ${matches.map((m) => m.claim_id).join(', ')}. Show one by its full number, e.g. rcm claim show ${matches[0].claim_id}`,
          );
        }
        return { claimId: matches[0]?.claim_id ?? pcn, events: matches.length === 0 ? [] : await claimHistory(w, matches[0].claim_id) };
      }, { needsModels: true });
      if (options.json) {
        process.stdout.write(`${toJson({ patient_control_number: pcn, claim_id: claimId, events: events.map((e) => ({ ...e, amount: e.amount === null ? null : Number(e.amount), balance_delta: Number(e.balance_delta), balance: Number(e.balance) })) })}\n`);
      } else if (events.length === 0) {
        process.stdout.write(`no claim ${pcn} in ${options.db}\n`);
      } else {
        const table = new Table({ head: ['date', 'source', 'event', 'amount', 'balance', 'detail', 'file'], style: { head: [], border: [] } });
        for (const e of events) table.push([e.event_date ?? '', e.source, e.event, e.amount ?? '', e.balance, e.detail, `${basename(e.file_name)}:${e.position}`]);
        process.stdout.write(`claim ${claimId}\n${table.toString()}\n`);
      }
      process.exitCode = events.length === 0 ? 1 : 0;
    });
}
