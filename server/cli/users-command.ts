// `rcm users add|list|disable` and `rcm tokens create|revoke`: who may use the server, and tokens for scripts.
import type { Command } from 'commander';
import Table from 'cli-table3';
import { DEFAULT_DATABASE_PATH } from '../../warehouse/database.ts';
import { withWarehouse } from '../../ingest/cli/with-warehouse.ts';
import { CliError } from '../../ingest/cli/cli-error.ts';
import { generatePassword } from '../auth/passwords.ts';
import { addUser, createToken, disableUser, isRole, listUsers, revokeToken, ROLES, setUserEmail, UserError } from '../auth/users.ts';
import { listAudit } from '../auth/audit.ts';
import { isIsoDate } from '../../warehouse/metrics/window.ts';

async function handled<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UserError) throw new CliError(error.message);
    throw error;
  }
}

export function registerUserCommands(program: Command): void {
  const users = program.command('users').description('the users of the server, their roles and practices');
  users
    .command('add')
    .description('add a user; the password comes from RCM_USER_PASSWORD, else one is generated and printed once')
    .argument('<username>')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--practice <npi...>', 'billing NPIs the user may see (every practice for an admin)', [])
    .option('--email <address>', 'where scheduled reports for the user go (rcm schedule)')
    .option('--db <path>', 'warehouse file', DEFAULT_DATABASE_PATH)
    .action(async (username: string, options: { role: string; practice: string[]; email?: string; db: string }) => {
      if (!isRole(options.role)) throw new CliError(`--role must be one of ${ROLES.join(', ')}, not "${options.role}"`);
      const role = options.role;
      const given = process.env.RCM_USER_PASSWORD;
      const password = given ?? generatePassword();
      const user = await handled(() => withWarehouse(options.db, (w) => addUser(w, username, role, password, options.practice, { email: options.email })));
      process.stdout.write(`added ${user.username} (${user.role}${user.practices.length ? `, practices ${user.practices.join(', ')}` : ', every practice'}${user.email ? `, e-mail ${user.email}` : ''})\n`);
      if (!given) process.stdout.write(`password (shown once): ${password}\n`);
    });
  users
    .command('list')
    .description('list the users')
    .option('--db <path>', 'warehouse file', DEFAULT_DATABASE_PATH)
    .option('--json', 'print as JSON')
    .action(async (options: { db: string; json?: boolean }) => {
      const list = await withWarehouse(options.db, listUsers);
      if (options.json) {
        process.stdout.write(`${JSON.stringify(list.map((u) => ({ ...u, userId: Number(u.userId) })), null, 2)}\n`);
        return;
      }
      const table = new Table({ head: ['user', 'role', 'practices', 'e-mail', 'status'], style: { head: [], border: [] } });
      for (const u of list) table.push([u.username, u.role, u.role === 'admin' ? 'all' : u.practices.join(' '), u.email ?? '', u.disabled ? 'disabled' : 'active']);
      process.stdout.write(`${table.toString()}\n`);
    });
  users
    .command('email')
    .description('set the e-mail address scheduled reports for a user go to (--clear: none)')
    .argument('<username>')
    .argument('[address]')
    .option('--clear', 'remove the address')
    .option('--db <path>', 'warehouse file', DEFAULT_DATABASE_PATH)
    .action(async (username: string, address: string | undefined, options: { clear?: boolean; db: string }) => {
      if ((address === undefined) === !options.clear) throw new CliError('give an address, or --clear to remove it');
      await handled(() => withWarehouse(options.db, (w) => setUserEmail(w, username, address ?? null)));
      process.stdout.write(address ? `${username}: e-mail ${address}\n` : `${username}: no e-mail\n`);
    });
  users
    .command('disable')
    .description('disable a user and revoke their tokens')
    .argument('<username>')
    .option('--db <path>', 'warehouse file', DEFAULT_DATABASE_PATH)
    .action(async (username: string, options: { db: string }) => {
      await handled(() => withWarehouse(options.db, (w) => disableUser(w, username)));
      process.stdout.write(`disabled ${username}\n`);
    });

  const tokens = program.command('tokens').description('API tokens for scripts');
  tokens
    .command('create')
    .description('create a token for a user (printed once; only its hash is kept)')
    .argument('<username>')
    .option('--name <name>', 'what the token is for', 'script')
    .option('--db <path>', 'warehouse file', DEFAULT_DATABASE_PATH)
    .action(async (username: string, options: { name: string; db: string }) => {
      const { tokenId, token } = await handled(() => withWarehouse(options.db, (w) => createToken(w, username, options.name)));
      process.stdout.write(`token ${tokenId} for ${username} (shown once): ${token}\n`);
    });
  tokens
    .command('revoke')
    .description('revoke a token')
    .argument('<token id>')
    .option('--db <path>', 'warehouse file', DEFAULT_DATABASE_PATH)
    .action(async (id: string, options: { db: string }) => {
      if (!/^\d+$/.test(id)) throw new CliError(`a token id is a number, not "${id}"`);
      await handled(() => withWarehouse(options.db, (w) => revokeToken(w, BigInt(id))));
      process.stdout.write(`revoked token ${id}\n`);
    });

  program
    .command('audit')
    .description('the audit trail: reads of patient-level data and exports, newest first')
    .option('--user <name>', 'only this user')
    .option('--since <date>', 'only from this date (YYYY-MM-DD)')
    .option('--limit <n>', 'at most this many', '100')
    .option('--db <path>', 'warehouse file', DEFAULT_DATABASE_PATH)
    .option('--json', 'print as JSON')
    .action(async (options: { user?: string; since?: string; limit: string; db: string; json?: boolean }) => {
      if (options.since !== undefined && !isIsoDate(options.since)) throw new CliError(`--since must be a date like 2025-06-30, not "${options.since}"`);
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new CliError(`--limit must be a whole number of at least 1, not "${options.limit}"`);
      const events = await withWarehouse(options.db, (w) => listAudit(w, { username: options.user, since: options.since, limit }));
      if (options.json) {
        process.stdout.write(`${JSON.stringify(events.map((e) => ({ ...e, eventId: Number(e.eventId), rowCount: Number(e.rowCount) })), null, 2)}\n`);
        return;
      }
      const table = new Table({ head: ['when (UTC)', 'user', 'route', 'parameters', 'rows'], style: { head: [], border: [] } });
      for (const e of events) table.push([e.occurredAt, e.username ?? '—', e.route, e.parameters, String(e.rowCount)]);
      process.stdout.write(`${table.toString()}\n`);
    });
}
