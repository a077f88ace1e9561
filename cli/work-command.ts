// `rcm work list` and `rcm work set`: the work queues at an as-of date, and a claim's work state (status,
// owner, follow-up date, note). On the warehouse file a change is audited under the operating system's user
// (cli:<name>); through a running server (--server, RCM_SERVER) under the API token's user, with its roles.
import type { Command } from 'commander';
import Table from 'cli-table3';
import { userInfo } from 'node:os';
import { recordCommandAudit } from '../access/audit.ts';
import { listUsers } from '../access/users.ts';
import { isIsoDate } from '../kernel/dates.ts';
import { DEFAULT_DATABASE_PATH } from '../warehouse/database.ts';
import { latestEventDate } from '../warehouse/metrics/window.ts';
import { QUEUES, workQueues, type QueueRow } from '../warehouse/queries/work-queues.ts';
import { setWorkState, WORK_STATUSES, type WorkStatus } from '../warehouse/queries/work-state.ts';
import { CliError } from './kit/cli-error.ts';
import { toJson } from './kit/json.ts';
import { withWarehouse } from './kit/with-warehouse.ts';
import { call } from './ingest-remote.ts';

interface Remote { server?: string; token?: string }
interface ListOptions extends Remote { db: string; queue?: string; asOf?: string; practice?: string; owner?: string; json?: boolean }
interface SetOptions extends Remote { db: string; status?: string; owner?: string; followUp?: string; note?: string }

const HELD = 'run this through it with --server http://127.0.0.1:8080 --token <API token> (or set RCM_SERVER and RCM_TOKEN), or stop it for this command';

/** The server to go through (--server, else RCM_SERVER) and its token, or undefined for the warehouse file. */
function remote(options: Remote): { base: string; token: string } | undefined {
  const server = options.server ?? process.env.RCM_SERVER;
  if (!server) return undefined;
  const token = options.token ?? process.env.RCM_TOKEN;
  if (!token) throw new CliError('--server needs an API token of a user who may work claims: --token <token> or RCM_TOKEN (rcm tokens create)');
  return { base: server.replace(/\/+$/, ''), token };
}

/** Every claim of the queues through the server's GET /api/work, page by page, as the warehouse's rows. */
async function listThroughServer(to: { base: string; token: string }, queues: readonly string[], options: ListOptions): Promise<{ asOf: string; rows: QueueRow[] }> {
  let asOf = options.asOf ?? '';
  const rows: QueueRow[] = [];
  for (const queue of queues) {
    for (let page = 1; ; page++) {
      const query = new URLSearchParams({ queue, page: String(page), page_size: '500', ...(asOf ? { as_of: asOf } : {}), ...(options.practice ? { practice: options.practice } : {}), ...(options.owner ? { owner: options.owner } : {}) });
      const answer = (await call(`${to.base}/api/work?${query}`, to.token, { method: 'GET' })) as { as_of: string; total: number; rows: QueueRow[] };
      asOf = answer.as_of;
      rows.push(...answer.rows.map((r) => ({ ...r, queue: queue as QueueRow['queue'] })));
      if (answer.rows.length === 0 || page * 500 >= answer.total) break;
    }
  }
  return { asOf, rows };
}

const money = (text: string) => Number(text);

/** The `--json` document: as_of, and per queue its count, dollars and ranked claims. */
function queuesDocument(asOf: string, rows: QueueRow[], queues: readonly string[]) {
  return {
    as_of: asOf,
    queues: Object.fromEntries(queues.map((q) => {
      const claims = rows.filter((r) => r.queue === q);
      return [q, {
        count: claims.length,
        dollars: Math.round(claims.reduce((s, r) => s + money(r.balance) * 100, 0)) / 100,
        claims: claims.map((r) => ({
          claim_id: r.claim_id, payer: r.payer_id, practice: r.practice, balance: money(r.balance), insurance_portion: money(r.insurance_portion),
          patient_portion: money(r.patient_portion), days_left: r.days_left, days_since: r.days_since, reason: r.reason, status: r.status, owner: r.owner,
        })),
      }];
    })),
  };
}

export function registerWorkCommand(program: Command): void {
  const work = program.command('work').description('the work queues: which claim to work, why and by when');
  work
    .command('list')
    .description('the claims of each queue at the as-of date, ranked (unbilled, rejected, no_response, open_denial, underpaid, credit_balance)')
    .option('--db <path>', 'warehouse file', DEFAULT_DATABASE_PATH)
    .option('--queue <queue>', `one queue: ${QUEUES.join(', ')}`)
    .option('--as-of <date>', 'as-of date (default: the latest event date in the warehouse)')
    .option('--practice <npi>', "only this practice's claims")
    .option('--owner <user>', 'only the claims this user owns')
    .option('--json', 'print { as_of, queues: { <queue>: { count, dollars, claims: [...] } } }')
    .option('--server <url>', 'go through a running rcm serve (which holds the warehouse open) instead of opening the file (default: RCM_SERVER)')
    .option('--token <token>', 'an API token for --server (default: RCM_TOKEN)')
    .action(async (options: ListOptions) => {
      if (options.queue !== undefined && !(QUEUES as readonly string[]).includes(options.queue)) throw new CliError(`--queue must be one of ${QUEUES.join(', ')}, not "${options.queue}"`);
      if (options.asOf !== undefined && !isIsoDate(options.asOf)) throw new CliError(`--as-of must be a date like 2025-06-30, not "${options.asOf}"`);
      if (options.practice !== undefined && !/^\d{10}$/.test(options.practice)) throw new CliError(`--practice must be a 10-digit NPI, not "${options.practice}"`);
      const queues = options.queue ? [options.queue] : [...QUEUES];
      const to = remote(options);
      const { asOf, rows } = to ? await listThroughServer(to, queues, options) : await withWarehouse(options.db, async (w) => {
        const asOf = options.asOf ?? (await latestEventDate(w));
        if (!asOf) throw new CliError(`the warehouse ${options.db} holds no claims yet: ingest files first (rcm ingest) or create the demo (rcm demo)`);
        return { asOf, rows: await workQueues(w, asOf, options.practice ? [options.practice] : undefined) };
      }, { needsModels: true, whenHeld: HELD });
      const kept = rows.filter((r) => queues.includes(r.queue) && (options.owner === undefined || r.owner === options.owner));
      const doc = queuesDocument(asOf, kept, queues);
      if (options.json) return void process.stdout.write(`${toJson(doc)}\n`);
      for (const q of queues) {
        const claims = kept.filter((r) => r.queue === q);
        process.stdout.write(`${q} at ${asOf}: ${claims.length} claims, $${doc.queues[q].dollars.toFixed(2)}\n`);
        if (claims.length === 0) continue;
        const table = new Table({ head: ['#', 'claim', 'payer', 'balance', 'days left', 'days since', 'reason', 'status', 'owner'], style: { head: [], border: [] } });
        for (const r of claims) table.push([r.rank, r.claim_id, r.payer_id, r.balance, r.days_left ?? '', r.days_since ?? '', r.reason, r.status, r.owner ?? '']);
        process.stdout.write(`${table.toString()}\n`);
      }
    });
  work
    .command('set')
    .description("set a claim's work state: status, owner, follow-up date, a note (audited)")
    .argument('<claim>', 'the claim (its number as rcm claim show names it)')
    .option('--db <path>', 'warehouse file', DEFAULT_DATABASE_PATH)
    .option('--status <status>', WORK_STATUSES.join(', '))
    .option('--owner <user>', 'who works it ("" to clear)')
    .option('--follow-up <date>', 'when to look again ("" to clear)')
    .option('--note <text>', 'a note kept in its history')
    .option('--server <url>', 'go through a running rcm serve (which holds the warehouse open) instead of opening the file (default: RCM_SERVER)')
    .option('--token <token>', 'an API token for --server (default: RCM_TOKEN)')
    .action(async (claim: string, options: SetOptions) => {
      if (options.status === undefined && options.owner === undefined && options.followUp === undefined && options.note === undefined) {
        throw new CliError('say what to set: --status, --owner, --follow-up or --note');
      }
      if (options.status !== undefined && !(WORK_STATUSES as readonly string[]).includes(options.status)) throw new CliError(`--status must be one of ${WORK_STATUSES.join(', ')}, not "${options.status}"`);
      if (options.followUp && !isIsoDate(options.followUp)) throw new CliError(`--follow-up must be a date like 2025-06-30, not "${options.followUp}"`);
      const to = remote(options);
      const actor = `cli:${userInfo().username}`;
      const state = to ? await setThroughServer(to, claim, options) : await withWarehouse(options.db, async (w) => {
        const change = {
          claimId: claim,
          status: options.status as WorkStatus | undefined,
          owner: options.owner === undefined ? undefined : options.owner || null,
          followUp: options.followUp === undefined ? undefined : options.followUp || null,
          note: options.note,
        };
        if (change.owner) {
          const [owner] = await listUsers(w, change.owner);
          if (!owner || owner.disabled) throw new CliError(`no user ${change.owner} may work claims: assign it to a user of the workbench (rcm users list), or to nobody (--owner "")`);
        }
        let next;
        try {
          next = await setWorkState(w, change, actor);
        } catch (error) {
          throw new CliError(error instanceof Error ? error.message : String(error));
        }
        await recordCommandAudit(w, actor, 'rcm work set', Object.fromEntries(Object.entries({ claim, ...options, db: undefined }).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])), 1);
        return next;
      }, { needsModels: true, whenHeld: HELD });
      process.stdout.write(`${state.claim_id}: ${state.status}${state.owner ? `, owner ${state.owner}` : ''}${state.follow_up ? `, follow up ${state.follow_up}` : ''}\n`);
    });
}

/** A claim's change through the server's POST /api/work/state (the token's user: its roles, practices and audit). */
async function setThroughServer(to: { base: string; token: string }, claim: string, options: SetOptions): Promise<{ claim_id: string; status: string; owner: string | null; follow_up: string | null }> {
  const body = {
    claims: [claim],
    ...(options.status === undefined ? {} : { status: options.status }),
    ...(options.owner === undefined ? {} : { owner: options.owner || null }),
    ...(options.followUp === undefined ? {} : { follow_up: options.followUp || null }),
    ...(options.note === undefined ? {} : { note: options.note }),
  };
  const answer = (await call(`${to.base}/api/work/state`, to.token, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } })) as { states: { claim_id: string; status: string; owner: string | null; follow_up: string | null }[] };
  return answer.states[0];
}
