// `npm run docs:metrics`: writes the metric table of docs/models-and-metrics.md from the registry, so that the
// manual lists exactly the metrics the workbench computes (tests/docs-metrics.test.ts fails when it is stale).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { METRICS } from '../warehouse/metrics/registry.ts';
import type { MetricDefinition } from '../warehouse/metrics/metric.ts';
import type { WindowName } from '../warehouse/metrics/window.ts';

export const METRICS_DOC = fileURLToPath(new URL('../docs/models-and-metrics.md', import.meta.url));
const START = '<!-- metrics:start -->';
const END = '<!-- metrics:end -->';

const WINDOW_NAMES: Record<WindowName, string> = { snapshot: 'snapshot', month: 'month', quarter: 'quarter', ttm: 'trailing 12 months' };

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function breakdownsOf(m: MetricDefinition): string {
  if (m.breakdowns.length === 0) return '—';
  return m.breakdowns.map((d) => (d === m.defaultBreakdown ? `\`${d}\` (always)` : `\`${d}\``)).join(', ');
}

/** The metric table, one row per metric of the registry, in the registry's order. */
export function metricsTable(metrics: readonly MetricDefinition[] = METRICS): string {
  const rows = metrics.map((m) =>
    `| \`${m.id}\` | ${cell(m.label)} | ${m.unit} | ${WINDOW_NAMES[m.window]} | ${cell(m.dateBasis)} | ${breakdownsOf(m)} | ${cell(m.section)} |`,
  );
  return ['| id | label | unit | window | date basis | breakdowns | metrics.md section |', '|---|---|---|---|---|---|---|', ...rows].join('\n');
}

/** The document with the text between the markers replaced by the table. */
export function withMetricsTable(doc: string, table = metricsTable()): string {
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`the document has no ${START} … ${END} markers`);
  return `${doc.slice(0, start + START.length)}\n${table}\n${doc.slice(end)}`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const doc = readFileSync(METRICS_DOC, 'utf8');
  const next = withMetricsTable(doc);
  if (next !== doc) writeFileSync(METRICS_DOC, next);
  process.stdout.write(`${METRICS_DOC}: ${METRICS.length} metrics${next === doc ? ', already current' : ', table rewritten'}\n`);
}
