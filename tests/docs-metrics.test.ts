// The manual's metric table is the registry's: a metric added, renamed or re-windowed without
// `npm run docs:metrics` fails here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { METRICS_DOC, metricsTable, withMetricsTable } from '../bin/docs-metrics.ts';
import { METRICS } from '../warehouse/metrics/registry.ts';

describe('the metric table of docs/models-and-metrics.md', () => {
  it('is the one the registry gives (run `npm run docs:metrics` when this fails)', () => {
    const doc = readFileSync(METRICS_DOC, 'utf8');
    expect(withMetricsTable(doc)).toBe(doc);
  });

  it('has one row per metric, and a stale table is caught', () => {
    const table = metricsTable();
    for (const m of METRICS) expect(table).toContain(`| \`${m.id}\` | ${m.label.replaceAll('|', '\\|')} |`);
    const doc = readFileSync(METRICS_DOC, 'utf8');
    const stale = withMetricsTable(doc, metricsTable(METRICS.slice(1)));
    expect(withMetricsTable(stale)).not.toBe(stale);
    expect(() => withMetricsTable('no markers')).toThrow(/markers/);
  });
});
