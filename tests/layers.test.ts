// The layers and their import rules (README, "Architecture"): no import runs back up a layer, the kernel
// stays pure, and no import circle joins files of different folders.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crossConcernCircles, importGraph, layerViolations, type ImportEdge } from './support/import-graph.ts';

const ROOT = join(import.meta.dirname, '..');

describe('layers', () => {
  const edges = importGraph(ROOT);

  it('reads the graph of the whole product', () => {
    const layers = new Set(edges.flatMap((e) => (e.ours ? [e.from, e.to] : [e.from])).map((path) => path.split('/')[0]));
    for (const layer of ['kernel', 'warehouse', 'ingest', 'access', 'reports', 'demo', 'server', 'cli', 'dashboards', 'bin']) expect(layers).toContain(layer);
    expect(edges.length).toBeGreaterThan(500);
  });

  it('keeps every import rule', () => {
    expect(layerViolations(edges)).toEqual([]);
  });

  it('has no import circle between files of different folders', () => {
    expect(crossConcernCircles(edges)).toEqual([]);
  });

  it('names an import that runs back up, a kernel that uses Node, and a file outside every layer', () => {
    const broken: ImportEdge[] = [
      { from: 'warehouse/queries/claims.ts', to: 'server/app.ts', ours: true },
      { from: 'dashboards/src/main.ts', to: 'warehouse/metrics/registry.ts', ours: true },
      { from: 'kernel/money.ts', to: 'node:fs', ours: false },
      { from: 'reports/table.ts', to: 'scripts/helper.ts', ours: true },
      // allowed: a layer below, a test importing anything, a package outside the kernel
      { from: 'server/app.ts', to: 'warehouse/database.ts', ours: true },
      { from: 'warehouse/build.test.ts', to: 'cli/build-command.ts', ours: true },
      { from: 'warehouse/database.ts', to: '@duckdb/node-api', ours: false },
    ];
    expect(layerViolations(broken)).toEqual([
      'warehouse/queries/claims.ts → server/app.ts: warehouse may import kernel, not server',
      'dashboards/src/main.ts → warehouse/metrics/registry.ts: dashboards may import kernel, not warehouse',
      'kernel/money.ts → node:fs: the kernel uses no package but zod (no Node, DOM or DuckDB)',
      'reports/table.ts → scripts/helper.ts: outside every layer',
    ]);
  });

  it('finds a circle across folders, and lets one folder keep its own', () => {
    const edge = (from: string, to: string): ImportEdge => ({ from, to, ours: true });
    expect(crossConcernCircles([edge('server/a.ts', 'server/auth/b.ts'), edge('server/auth/b.ts', 'server/a.ts'), edge('ingest/x.ts', 'ingest/y.ts'), edge('ingest/y.ts', 'ingest/x.ts')]))
      .toEqual([['server/a.ts', 'server/auth/b.ts']]);
  });
});
