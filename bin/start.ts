// `npm start`: on first use, creates the demo practice (generated files in ./data/demo, warehouse in
// ./data/rcm.duckdb) and builds the dashboards; shows the headline metrics and the strongest denial
// patterns; then serves the workbench on http://127.0.0.1:8080 (PORT to change it) and prints how to sign in.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Warehouse } from '../warehouse/database.ts';
import { NOT_CURRENT, buildModels, modelsState } from '../warehouse/build.ts';
import { DASHBOARDS_DIST, startServer } from '../server/start-server.ts';
import { generatePassword } from '../access/passwords.ts';
import { addUser, listUsers } from '../access/users.ts';
import { DEFAULT_DATABASE_PATH } from '../warehouse/database.ts';
import { withWarehouse } from '../cli/kit/with-warehouse.ts';
import { demoText } from '../cli/demo-command.ts';
import { headline } from '../warehouse/queries/demo.ts';
import { DEMO_DEFAULTS, runDemo } from '../cli/run-demo.ts';
import { metric } from '../warehouse/metrics/registry.ts';
import { computeMetric } from '../warehouse/metrics/compute.ts';
import { latestEventDate, windowFor } from '../warehouse/metrics/window.ts';
import { metricsText } from '../cli/metrics-command.ts';
import { findDenialPatterns } from '../warehouse/patterns/denial-patterns.ts';
import { patternsText } from '../cli/denials-command.ts';

const HEADLINE = ['ar_total', 'days_in_ar', 'ar_over_90_pct', 'initial_denial_rate', 'first_pass_acceptance', 'first_pass_yield', 'net_collection_rate', 'payer_lag_days'];

if (!existsSync(DEFAULT_DATABASE_PATH)) {
  process.stdout.write(`no warehouse at ${DEFAULT_DATABASE_PATH} yet: creating the demo practice (${DEMO_DEFAULTS.claims} claims)…\n`);
  const run = await runDemo({ ...DEMO_DEFAULTS, db: DEFAULT_DATABASE_PATH, replace: false });
  process.stdout.write(demoText(run, await withWarehouse(DEFAULT_DATABASE_PATH, headline), DEFAULT_DATABASE_PATH));
}
await withWarehouse(DEFAULT_DATABASE_PATH, async (w) => {
  // marts built by older code, or before the last load (a build that did not finish), are rebuilt before anything reads them
  const state = await modelsState(w);
  if (state !== 'current' && (await latestEventDate(w)) !== null) {
    process.stdout.write(`${NOT_CURRENT[state]}: rebuilding them first…\n`);
    await buildModels(w);
  }
  const asOf = await latestEventDate(w);
  if (!asOf) {
    process.stdout.write(`${DEFAULT_DATABASE_PATH} holds no claims: npm run --silent rcm -- ingest <folder>\n`);
    return;
  }
  const results = [];
  for (const id of HEADLINE) results.push(await computeMetric(w, metric(id)!, { asOf }));
  process.stdout.write(`\n${metricsText(asOf, results)}`);
  const window = windowFor('ttm', asOf);
  const { patterns } = await findDenialPatterns(w, { window, minClaims: 10, limit: 3 });
  process.stdout.write(`\nstrongest denial patterns, ${patternsText(window, patterns)}`);
});

// The dashboards, built once (npm run build:dashboards rebuilds them).
if (!existsSync(join(DASHBOARDS_DIST, 'index.html'))) {
  process.stdout.write('\nbuilding the dashboards (once)…\n');
  const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'dashboards/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (build.status !== 0) process.stdout.write('the dashboards did not build; the API still serves (npm run build:dashboards to retry)\n');
}

// The demo's sign-in: the first admin's password, kept beside the demo warehouse (synthetic data only).
const LOGIN_FILE = join(dirname(DEFAULT_DATABASE_PATH), 'demo-login.json');
const warehouse = await Warehouse.open(DEFAULT_DATABASE_PATH);
let login: { username: string; password: string } | undefined;
/** Only the demo's warehouse (beside its generated files) keeps its password in a file. */
const isDemo = existsSync(join(dirname(DEFAULT_DATABASE_PATH), 'demo'));
if ((await listUsers(warehouse)).length === 0) {
  login = { username: 'admin', password: process.env.RCM_ADMIN_PASSWORD ?? generatePassword() };
  await addUser(warehouse, login.username, 'admin', login.password, []);
  if (isDemo) {
    writeFileSync(LOGIN_FILE, `${JSON.stringify(login)}\n`);
    chmodSync(LOGIN_FILE, 0o600);
  }
} else if (isDemo && existsSync(LOGIN_FILE)) {
  login = JSON.parse(readFileSync(LOGIN_FILE, 'utf8')) as { username: string; password: string };
}
const port = Number(process.env.PORT ?? 8080);
let running;
try {
  running = await startServer(warehouse, { port, host: '127.0.0.1' });
} catch (error) {
  warehouse.close();
  process.stderr.write(`npm start: ${(error as Error).message}\n`);
  process.exit(1);
}
process.stdout.write(
  `\nthe workbench is running: open ${running.url}${running.dashboards ? '' : '/api/docs'}\n` +
    (login ? `sign in as ${login.username}, password ${login.password}${isDemo ? ` (kept in ${LOGIN_FILE}; synthetic demo data)` : ' (shown once)'}\n` : 'sign in with your user (rcm users add)\n') +
    (running.schedules ? `running ${running.schedules.count} scheduled report(s) of ${running.schedules.path} (npm run --silent rcm -- schedule list)\n` : '') +
    'Ctrl-C stops it.   On the command line: npm run --silent rcm -- --help\n',
);
await running.stopped;
