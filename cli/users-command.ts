// `rcm users add|list|email|disable`, `rcm tokens create|list|revoke` and `rcm audit`: who may use the
// server, tokens for scripts, and the audit trail. They open the warehouse file, or, with --server (or
// RCM_SERVER), go through a running rcm serve, which holds the file open (DuckDB lets one process open it):
// /api/admin, with an admin's API token. A revocation or a disabled user then holds from the next request.
import type { Command } from 'commander';
import Table from 'cli-table3';
import { DEFAULT_DATABASE_PATH, type Warehouse } from '../warehouse/database.ts';
import { withWarehouse } from './kit/with-warehouse.ts';
import { CliError } from './kit/cli-error.ts';
import { call } from './ingest-remote.ts';
import { generatePassword } from '../access/passwords.ts';
import { addUser, createToken, disableUser, isRole, listTokens, listUsers, revokeToken, ROLES, setUserEmail, UserError, type TokenInfo, type User } from '../access/users.ts';
import { listAudit, type AuditEvent } from '../access/audit.ts';
import { isIsoDate } from '../kernel/dates.ts';
import type { AuditAnswer, TokenAnswer, UserAnswer } from '../server/routes/admin.ts';

const HELD = 'run this through it with --server http://127.0.0.1:8080 --token <admin API token> (or set RCM_SERVER and RCM_TOKEN), or stop it for this command';

interface Where {
  db: string;
  server?: string;
  token?: string;
}

/** A call of the server's /api/admin routes: method, path, JSON body. */
type Api = (method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown) => Promise<Record<string, unknown>>;

/** Does the verb on the warehouse file, or through the server named by --server or RCM_SERVER. */
async function accounts<T>(where: Where, here: (w: Warehouse) => Promise<T>, there: (api: Api) => Promise<T>): Promise<T> {
  const server = where.server ?? process.env.RCM_SERVER;
  if (!server) {
    try {
      return await withWarehouse(where.db, here, { whenHeld: HELD });
    } catch (error) {
      if (error instanceof UserError) throw new CliError(error.message);
      throw error;
    }
  }
  const token = where.token ?? process.env.RCM_TOKEN;
  if (!token) throw new CliError('--server needs an admin API token: --token <token> or RCM_TOKEN (rcm tokens create)');
  const base = server.replace(/\/+$/, '');
  return there((method, path, body) =>
    call(`${base}${path}`, token, { method, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }) }));
}

/** The options every verb takes: the file, or the server and a token. */
function where(command: Command): Command {
  return command
    .option('--db <path>', 'warehouse file', DEFAULT_DATABASE_PATH)
    .option('--server <url>', 'go through a running rcm serve (which holds the warehouse open) instead of opening the file (default: RCM_SERVER)')
    .option('--token <token>', 'an admin API token for --server (default: RCM_TOKEN)');
}

const fromAnswer = (u: UserAnswer): User => ({ userId: BigInt(u.user_id), username: u.username, role: u.role, practices: u.practices, disabled: u.disabled, email: u.email });

export function registerUserCommands(program: Command): void {
  const users = program.command('users').description('the users of the server, their roles and practices');
  where(users
    .command('add')
    .description('add a user; the password comes from RCM_USER_PASSWORD, else one is generated and printed once')
    .argument('<username>')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--practice <npi...>', 'billing NPIs the user may see (every practice for an admin)', [])
    .option('--email <address>', 'where scheduled reports for the user go (rcm schedule)'))
    .action(async (username: string, options: Where & { role: string; practice: string[]; email?: string }) => {
      if (!isRole(options.role)) throw new CliError(`--role must be one of ${ROLES.join(', ')}, not "${options.role}"`);
      const role = options.role;
      const given = process.env.RCM_USER_PASSWORD;
      const { user, password } = await accounts(options,
        async (w) => {
          const password = given ?? generatePassword();
          return { user: await addUser(w, username, role, password, options.practice, { email: options.email }), password };
        },
        async (api) => {
          const answer = (await api('POST', '/api/admin/users', { username, role, practices: options.practice, email: options.email, password: given })) as { user: UserAnswer; password?: string };
          return { user: fromAnswer(answer.user), password: answer.password ?? given! };
        });
      process.stdout.write(`added ${user.username} (${user.role}${user.practices.length ? `, practices ${user.practices.join(', ')}` : ', every practice'}${user.email ? `, e-mail ${user.email}` : ''})\n`);
      if (!given) process.stdout.write(`password (shown once): ${password}\n`);
    });
  where(users
    .command('list')
    .description('list the users')
    .option('--json', 'print as JSON'))
    .action(async (options: Where & { json?: boolean }) => {
      const list = await accounts(options, listUsers, async (api) => ((await api('GET', '/api/admin/users')).users as UserAnswer[]).map(fromAnswer));
      if (options.json) {
        process.stdout.write(`${JSON.stringify(list.map((u) => ({ ...u, userId: Number(u.userId) })), null, 2)}\n`);
        return;
      }
      const table = new Table({ head: ['user', 'role', 'practices', 'e-mail', 'status'], style: { head: [], border: [] } });
      for (const u of list) table.push([u.username, u.role, u.role === 'admin' ? 'all' : u.practices.join(' '), u.email ?? '', u.disabled ? 'disabled' : 'active']);
      process.stdout.write(`${table.toString()}\n`);
    });
  where(users
    .command('email')
    .description('set the e-mail address scheduled reports for a user go to (--clear: none)')
    .argument('<username>')
    .argument('[address]')
    .option('--clear', 'remove the address'))
    .action(async (username: string, address: string | undefined, options: Where & { clear?: boolean }) => {
      if ((address === undefined) === !options.clear) throw new CliError('give an address, or --clear to remove it');
      await accounts(options, (w) => setUserEmail(w, username, address ?? null), async (api) => void (await api('PUT', `/api/admin/users/${encodeURIComponent(username)}/email`, { email: address ?? null })));
      process.stdout.write(address ? `${username}: e-mail ${address}\n` : `${username}: no e-mail\n`);
    });
  where(users
    .command('disable')
    .description('disable a user, revoke their tokens and end their sessions'))
    .argument('<username>')
    .action(async (username: string, options: Where) => {
      await accounts(options, (w) => disableUser(w, username), async (api) => void (await api('POST', `/api/admin/users/${encodeURIComponent(username)}/disable`)));
      process.stdout.write(`disabled ${username}\n`);
    });

  const tokens = program.command('tokens').description('API tokens for scripts');
  where(tokens
    .command('create')
    .description('create a token for a user (printed once; only its hash is kept)')
    .argument('<username>')
    .option('--name <name>', 'what the token is for', 'script'))
    .action(async (username: string, options: Where & { name: string }) => {
      const { tokenId, token } = await accounts(options, (w) => createToken(w, username, options.name), async (api) => {
        const answer = (await api('POST', '/api/admin/tokens', { username, name: options.name })) as { token_id: number; token: string };
        return { tokenId: BigInt(answer.token_id), token: answer.token };
      });
      process.stdout.write(`token ${tokenId} for ${username} (shown once): ${token}\n`);
    });
  where(tokens
    .command('list')
    .description('list the tokens (never the tokens themselves), newest first')
    .option('--user <name>', 'only this user’s')
    .option('--json', 'print as JSON'))
    .action(async (options: Where & { user?: string; json?: boolean }) => {
      const list = await accounts(options, (w) => listTokens(w, options.user), async (api) =>
        ((await api('GET', `/api/admin/tokens${options.user ? `?user=${encodeURIComponent(options.user)}` : ''}`)).tokens as TokenAnswer[]).map(
          (t): TokenInfo => ({ tokenId: BigInt(t.token_id), username: t.username, name: t.name, createdAt: t.created_at, revokedAt: t.revoked_at })));
      if (options.json) {
        process.stdout.write(`${JSON.stringify(list.map((t) => ({ ...t, tokenId: Number(t.tokenId) })), null, 2)}\n`);
        return;
      }
      const table = new Table({ head: ['id', 'user', 'name', 'created (UTC)', 'revoked (UTC)'], style: { head: [], border: [] } });
      for (const t of list) table.push([String(t.tokenId), t.username, t.name, t.createdAt, t.revokedAt ?? '']);
      process.stdout.write(`${table.toString()}\n`);
    });
  where(tokens
    .command('revoke')
    .description('revoke a token')
    .argument('<token id>'))
    .action(async (id: string, options: Where) => {
      if (!/^\d+$/.test(id)) throw new CliError(`a token id is a number, not "${id}"`);
      await accounts(options, (w) => revokeToken(w, BigInt(id)), async (api) => void (await api('POST', `/api/admin/tokens/${id}/revoke`)));
      process.stdout.write(`revoked token ${id}\n`);
    });

  where(program
    .command('audit')
    .description('the audit trail: reads of patient-level data and exports, newest first')
    .option('--user <name>', 'only this user')
    .option('--since <date>', 'only from this date (YYYY-MM-DD)')
    .option('--limit <n>', 'at most this many', '100')
    .option('--json', 'print as JSON'))
    .action(async (options: Where & { user?: string; since?: string; limit: string; json?: boolean }) => {
      if (options.since !== undefined && !isIsoDate(options.since)) throw new CliError(`--since must be a date like 2025-06-30, not "${options.since}"`);
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new CliError(`--limit must be a whole number of at least 1, not "${options.limit}"`);
      const events = await accounts(options, (w) => listAudit(w, { username: options.user, since: options.since, limit }), async (api) => {
        const query = new URLSearchParams({ ...(options.user ? { user: options.user } : {}), ...(options.since ? { since: options.since } : {}), limit: String(limit) });
        return ((await api('GET', `/api/admin/audit?${query}`)).events as AuditAnswer[]).map(
          (e): AuditEvent => ({ eventId: BigInt(e.event_id), occurredAt: e.occurred_at, username: e.username, route: e.route, parameters: e.parameters, rowCount: BigInt(e.row_count) }));
      });
      if (options.json) {
        process.stdout.write(`${JSON.stringify(events.map((e) => ({ ...e, eventId: Number(e.eventId), rowCount: Number(e.rowCount) })), null, 2)}\n`);
        return;
      }
      const table = new Table({ head: ['when (UTC)', 'user', 'route', 'parameters', 'rows'], style: { head: [], border: [] } });
      for (const e of events) table.push([e.occurredAt, e.username ?? '—', e.route, e.parameters, String(e.rowCount)]);
      process.stdout.write(`${table.toString()}\n`);
    });
}
