// `npm start`: on first use, creates the demo practice (generated files in ./data/demo, warehouse in
// ./data/rcm.duckdb); then shows what is in the warehouse. The server takes over from here once it exists.
import { existsSync } from 'node:fs';
import { DEFAULT_DATABASE_PATH } from '../warehouse/database.ts';
import { withWarehouse } from '../ingest/cli/with-warehouse.ts';
import { demoText, headlineText } from '../demo/cli/demo-command.ts';
import { headline } from '../demo/cli/headline.ts';
import { DEMO_DEFAULTS, runDemo } from '../demo/cli/run-demo.ts';

if (!existsSync(DEFAULT_DATABASE_PATH)) {
  process.stdout.write(`no warehouse at ${DEFAULT_DATABASE_PATH} yet: creating the demo practice (${DEMO_DEFAULTS.claims} claims)…\n`);
  const run = await runDemo({ ...DEMO_DEFAULTS, db: DEFAULT_DATABASE_PATH, replace: false });
  process.stdout.write(demoText(run, await withWarehouse(DEFAULT_DATABASE_PATH, headline), DEFAULT_DATABASE_PATH));
} else {
  process.stdout.write(headlineText(await withWarehouse(DEFAULT_DATABASE_PATH, headline), DEFAULT_DATABASE_PATH));
}
process.stdout.write('next: npm run --silent rcm -- claim show <claim id>   |   npm run --silent rcm -- demo --help   |   npm run --silent rcm -- --help\n');
