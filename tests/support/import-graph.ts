// The import graph of the repository's own sources, and the layer rules it must keep (README, "Architecture").
// A file's layer is its top folder; an import of ours may only point at the file's own layer or one the
// rules allow. Test files and tests/ may import anything: they are not part of the product.
import { readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import ts from 'typescript';
import { sourceFiles } from './source-files.ts';

export type Layer = 'kernel' | 'warehouse' | 'ingest' | 'access' | 'reports' | 'demo' | 'server' | 'cli' | 'dashboards' | 'bin';

/** What each layer may import besides itself; no arrow runs back up. */
export const LAYER_RULES: Record<Layer, readonly Layer[]> = {
  kernel: [],
  warehouse: ['kernel'],
  ingest: ['kernel', 'warehouse'],
  access: ['kernel', 'warehouse'],
  reports: ['kernel', 'warehouse', 'access'],
  demo: ['kernel', 'warehouse', 'ingest'],
  server: ['kernel', 'warehouse', 'ingest', 'access', 'reports'],
  cli: ['kernel', 'warehouse', 'ingest', 'access', 'reports', 'demo', 'server'],
  dashboards: ['kernel'],
  bin: ['kernel', 'warehouse', 'ingest', 'access', 'reports', 'demo', 'server', 'cli'],
};

/** Packages the kernel may use: it runs in the browser and in Node alike, so no Node, DOM or DuckDB. */
export const KERNEL_PACKAGES: readonly string[] = ['zod'];

export interface ImportEdge {
  from: string;
  /** A repository path for an import of ours, else the package specifier. */
  to: string;
  ours: boolean;
}

const LAYERS = new Set(Object.keys(LAYER_RULES));

export function layerOf(path: string): Layer | undefined {
  const top = path.split('/')[0];
  return LAYERS.has(top) ? (top as Layer) : undefined;
}

const isTest = (path: string) => path.endsWith('.test.ts') || path.startsWith('tests/');

/** Every import (static, dynamic, re-export, type-only) of the product's sources under `root`. */
export function importGraph(root: string): ImportEdge[] {
  const skipped = new Set(['node_modules', 'dist', 'tests', 'data', 'docs']);
  const edges: ImportEdge[] = [];
  for (const file of sourceFiles(root, skipped, { tests: false })) {
    const from = relative(root, file);
    for (const ref of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
      const spec = ref.fileName;
      const ours = spec.startsWith('.');
      edges.push({ from, to: ours ? normalize(join(dirname(from), spec)) : spec, ours });
    }
  }
  return edges;
}

/** Each import that breaks a layer rule, as "from → to: why". */
export function layerViolations(edges: readonly ImportEdge[]): string[] {
  const out: string[] = [];
  for (const e of edges) {
    const from = layerOf(e.from);
    if (!from || isTest(e.from)) continue;
    if (!e.ours) {
      if (from === 'kernel' && !KERNEL_PACKAGES.includes(e.to)) out.push(`${e.from} → ${e.to}: the kernel uses no package but ${KERNEL_PACKAGES.join(', ')} (no Node, DOM or DuckDB)`);
      continue;
    }
    const to = layerOf(e.to);
    if (to === from) continue;
    if (!to) {
      if (e.to !== 'package.json') out.push(`${e.from} → ${e.to}: outside every layer`);
      continue;
    }
    if (!LAYER_RULES[from].includes(to)) out.push(`${e.from} → ${e.to}: ${from} may import ${LAYER_RULES[from].join(', ') || 'nothing of ours'}, not ${to}`);
  }
  return out;
}

/** The folder a file's concern is: its directory. */
const concernOf = (path: string) => dirname(path);

/** Import circles whose files sit in different folders (Tarjan's strongly connected components). */
export function crossConcernCircles(edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) {
    if (!e.ours || isTest(e.from)) continue;
    const to = e.to.replace(/\.js$/, '.ts');
    if (!next.has(e.from)) next.set(e.from, []);
    next.get(e.from)!.push(to);
  }
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 && new Set(component.map(concernOf)).size > 1) circles.push(component.sort());
    }
  };
  for (const v of next.keys()) if (!index.has(v)) visit(v);
  return circles;
}
