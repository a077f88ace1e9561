// `rcm users add|list|disable` and `rcm tokens create|revoke`: who may use the server, and tokens for scripts.
import type { Command } from 'commander';
import Table from 'cli-table3';
import { DEFAULT_DATABASE_PATH } from '../../warehouse/database.ts';
import { withWarehouse } from '../../ingest/cli/with-warehouse.ts';
import { CliError } from '../../ingest/cli/cli-error.ts';
import { generatePassword } from '../auth/passwords.ts';
import { addUser, createToken, disableUser, isRole, listUsers, revokeToken, ROLES, UserError } from '../auth/users.ts';

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
    .option('--db <path>', 'warehouse file', DEFAULT_DATABASE_PATH)
    .action(async (username: string, options: { role: string; practice: string[]; db: string }) => {
      if (!isRole(options.role)) throw new CliError(`--role must be one of ${ROLES.join(', ')}, not "${options.role}"`);
      const role = options.role;
      const given = process.env.RCM_USER_PASSWORD;
      const password = given ?? generatePassword();
      const user = await handled(() => withWarehouse(options.db, (w) => addUser(w, username, role, password, options.practice)));
      process.stdout.write(`added ${user.username} (${user.role}${user.practices.length ? `, practices ${user.practices.join(', ')}` : ', every practice'})\n`);
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
      const table = new Table({ head: ['user', 'role', 'practices', 'status'], style: { head: [], border: [] } });
      for (const u of list) table.push([u.username, u.role, u.role === 'admin' ? 'all' : u.practices.join(' '), u.disabled ? 'disabled' : 'active']);
      process.stdout.write(`${table.toString()}\n`);
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
}
