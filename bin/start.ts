// `npm start`: on first use, creates the demo practice (generated files in ./data/demo, warehouse in
// ./data/rcm.duckdb); then shows the headline metrics and the strongest denial patterns. The server takes
// over from here once it exists.
import { existsSync } from 'node:fs';
import { DEFAULT_DATABASE_PATH } from '../warehouse/database.ts';
import { withWarehouse } from '../ingest/cli/with-warehouse.ts';
import { demoText } from '../demo/cli/demo-command.ts';
import { headline } from '../demo/cli/headline.ts';
import { DEMO_DEFAULTS, runDemo } from '../demo/cli/run-demo.ts';
import { metric } from '../warehouse/metrics/registry.ts';
import { computeMetric } from '../warehouse/metrics/compute.ts';
import { latestEventDate, windowFor } from '../warehouse/metrics/window.ts';
import { metricsText } from '../warehouse/cli/metrics-command.ts';
import { findDenialPatterns } from '../warehouse/patterns/denial-patterns.ts';
import { patternsText } from '../warehouse/cli/denials-command.ts';

const HEADLINE = ['ar_total', 'days_in_ar', 'ar_over_90_pct', 'initial_denial_rate', 'first_pass_acceptance', 'first_pass_yield', 'net_collection_rate', 'payer_lag_days'];

if (!existsSync(DEFAULT_DATABASE_PATH)) {
  process.stdout.write(`no warehouse at ${DEFAULT_DATABASE_PATH} yet: creating the demo practice (${DEMO_DEFAULTS.claims} claims)…\n`);
  const run = await runDemo({ ...DEMO_DEFAULTS, db: DEFAULT_DATABASE_PATH, replace: false });
  process.stdout.write(demoText(run, await withWarehouse(DEFAULT_DATABASE_PATH, headline), DEFAULT_DATABASE_PATH));
}
await withWarehouse(DEFAULT_DATABASE_PATH, async (w) => {
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
process.stdout.write('\nnext: npm run --silent rcm -- metrics --by payer   |   rcm denials patterns   |   rcm claim show <claim id>   |   rcm --help\n');
