// `rcm claim show <patient control number> [--json]`: a claim's history across 837, 999, 277CA, 835 and postings.
import type { Command } from 'commander';
import Table from 'cli-table3';
import { basename } from 'node:path';
import { DEFAULT_DATABASE_PATH } from '../warehouse/database.ts';
import { withWarehouse } from './kit/with-warehouse.ts';
import { claimHistory, findClaims, type ClaimEvent } from '../warehouse/queries/claims.ts';
import { claimRemittances, type EraAdjustmentRow, type EraRecord } from '../warehouse/queries/claim-remittances.ts';
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
      const { claimId, events, remittances } = await withWarehouse(options.db, async (w): Promise<{ claimId: string; events: ClaimEvent[]; remittances: EraRecord[] }> => {
        const matches = await findClaims(w, pcn);
        if (matches.length > 1) {
          throw new CliError(
            `${pcn} names ${matches.length} claims of different billing providers: ${matches.map((m) => m.claim_id).join(', ')}. Show one by its full number, e.g. rcm claim show ${matches[0].claim_id}`,
          );
        }
        if (matches.length === 0) return { claimId: pcn, events: [], remittances: [] };
        return { claimId: matches[0].claim_id, events: await claimHistory(w, matches[0].claim_id), remittances: await claimRemittances(w, matches[0].claim_id) };
      }, { needsModels: true });
      const reasonsOf = (e: ClaimEvent) => (e.source === '835' && e.event !== 'charged' ? reasons(remittances.find((r) => r.file_name === e.file_name && r.claim_position === Number(e.position))) : undefined);
      if (options.json) {
        process.stdout.write(`${toJson({
          patient_control_number: pcn, claim_id: claimId,
          events: events.map((e) => ({ ...e, amount: e.amount === null ? null : Number(e.amount), balance_delta: Number(e.balance_delta), balance: Number(e.balance), ...(reasonsOf(e) ? { reasons: reasonsOf(e) } : {}) })),
        })}\n`);
      } else if (events.length === 0) {
        process.stdout.write(`no claim ${pcn} in ${options.db}\n`);
      } else {
        const table = new Table({ head: ['date', 'source', 'event', 'amount', 'balance', 'detail', 'file'], style: { head: [], border: [] } });
        for (const e of events) {
          const why = reasonsOf(e);
          table.push([e.event_date ?? '', e.source, e.event, e.amount ?? '', e.balance, why && why.length > 0 ? `${e.detail}\n${why.map(reasonText).join('\n')}` : e.detail, `${basename(e.file_name)}:${e.position}`]);
        }
        process.stdout.write(`claim ${claimId}\n${table.toString()}\n`);
      }
      process.exitCode = events.length === 0 ? 1 : 0;
    });
}

/** Why an 835 record paid what it paid: its claim-level and line-level adjustments (group-CARC, amount, category) and remark codes. */
interface Reason {
  /** 'claim', or the service line (its position and procedure). */
  level: string;
  adjustments: { group: string; carc: string; amount: number; category: string; denial: boolean }[];
  remarks: string[];
}

function reasons(record: EraRecord | undefined): Reason[] | undefined {
  if (!record) return undefined;
  const adjustments = (rows: EraAdjustmentRow[]) => rows.map((a) => ({ group: a.group, carc: a.reason, amount: Number(a.amount), category: a.category, denial: a.is_denial }));
  return [
    { level: 'claim', adjustments: adjustments(record.adjustments), remarks: record.remarks },
    ...record.lines.map((l) => ({ level: `line ${l.line_position}${l.procedure_code ? ` ${l.procedure_code}` : ''}`, adjustments: adjustments(l.adjustments), remarks: l.remarks })),
  ].filter((r) => r.adjustments.length > 0 || r.remarks.length > 0);
}

/** "line 1 99213: CO-45 12.00 contractual; CO-197 100.00 authorization (denial); remarks N54" */
function reasonText(r: Reason): string {
  const cas = r.adjustments.map((a) => `${a.group}-${a.carc} ${a.amount.toFixed(2)} ${a.category}${a.denial ? ' (denial)' : ''}`);
  return `${r.level}: ${[...cas, ...(r.remarks.length ? [`remarks ${r.remarks.join(' ')}`] : [])].join('; ')}`;
}
