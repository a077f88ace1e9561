// `rcm serve [--db PATH] [--port 8080] [--host 127.0.0.1]`: the workbench (dashboards and HTTP API) on the warehouse.
import type { Command } from 'commander';
import { DEFAULT_DATABASE_PATH, Warehouse } from '../warehouse/database.ts';
import { CliError } from './kit/cli-error.ts';
import { generatePassword } from '../access/passwords.ts';
import { addUser, listUsers } from '../access/users.ts';
import { serverOptionsFor } from '../server/options.ts';

/** On first start (no user yet) an admin is created: password from RCM_ADMIN_PASSWORD, else one printed once. */
async function firstAdmin(warehouse: Warehouse): Promise<void> {
  if ((await listUsers(warehouse)).length > 0) return;
  const given = process.env.RCM_ADMIN_PASSWORD;
  const password = given ?? generatePassword();
  await addUser(warehouse, 'admin', 'admin', password, []);
  process.stdout.write(`rcm serve: created the first user, admin${given ? ' (password from RCM_ADMIN_PASSWORD)' : `, password (shown once): ${password}`}\n`);
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the workbench: the dashboards (when built) and the HTTP API (/api/docs lists it); every route but health and login needs a session or an API token')
    .option('--db <path>', 'warehouse file', DEFAULT_DATABASE_PATH)
    .option('--port <n>', 'port (0: any free one)', '8080')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--schedules <path>', 'run the scheduled reports of this file (default: $RCM_SCHEDULES, else ./config/schedules.json when present)')
    .option('--trust-proxy', 'behind a reverse proxy (TLS): read the client\'s scheme and address from X-Forwarded-Proto and X-Forwarded-For (default: $RCM_TRUST_PROXY, else off)')
    .option('--secure-cookies <when>', 'auto (when the request came over HTTPS), always or never (default: $RCM_SECURE_COOKIES, else auto)')
    .option('--upload-limit <size>', 'the largest file one upload may send, e.g. 2GB or 500MB (default: $RCM_UPLOAD_LIMIT, else 2GB)')
    .option('--reports <dir>', 'where packages made through the server (POST /api/reports/monthly) are written, a folder per run (default: reports beside the warehouse file, ./data/reports)')
    .action(async (options: { db: string; port: string; host: string; schedules?: string; reports?: string; trustProxy?: boolean; secureCookies?: string; uploadLimit?: string }) => {
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be a port number, not "${options.port}"`);
      let server;
      try {
        server = serverOptionsFor({ trustProxy: options.trustProxy, secureCookies: options.secureCookies, uploadLimit: options.uploadLimit });
      } catch (error) {
        throw new CliError((error as Error).message);
      }
      const warehouse = await Warehouse.open(options.db);
      await firstAdmin(warehouse);
      let running;
      try {
        // loaded here, not at the top: every other rcm verb would pay for the server's modules at start
        const { startServer } = await import('../server/start-server.ts');
        running = await startServer(warehouse, { port, host: options.host, schedules: options.schedules, reports: options.reports, server });
      } catch (error) {
        warehouse.close();
        throw new CliError((error as Error).message);
      }
      if (running.schedules) process.stdout.write(`rcm serve: running ${running.schedules.count} schedule(s) of ${running.schedules.path} (rcm schedule list)\n`);
      process.stdout.write(`rcm serve: listening on ${running.url} (warehouse ${options.db}${running.dashboards ? '' : '; dashboards not built: npm run build:dashboards'})\n`);
      await running.stopped;
    });
}
