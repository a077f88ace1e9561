// Labels come from the registry: every metric label (full or short) shown by a page, a report, an e-mail or
// the CLI is read from warehouse/metrics/, never typed again. This test reads every TypeScript source
// outside warehouse/ and fails on a string literal that is a registry label, naming the file and line,
// unless it is allowed below with its reason.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from './support/source-files.ts';
import { METRICS } from '../warehouse/metrics/registry.ts';

const ROOT = join(import.meta.dirname, '..');
const SKIPPED = new Set(['warehouse', 'node_modules', 'dist', '.git', 'data', 'tests']);

/** Literals equal to a label that name something else (a page, a heading), each with its reason. */
const ALLOWED: Record<string, string> = {
  'dashboards/src/routes.ts:Collections': 'the page’s title in the navigation, not the metric',
  'dashboards/src/pages/collections.ts:Collections': 'the page’s heading, not the metric',
  'dashboards/src/routes.ts:A/R': 'the page’s title in the navigation, not the metric',
  'dashboards/src/pages/ar.ts:A/R': 'the page’s heading, not the metric',
};

const LABELS = new Set(METRICS.flatMap((m) => [m.label, m.shortLabel]));

/** The lines of a source whose string literals are exactly a registry label. */
export function retypedLabels(fileName: string, text: string, labels: ReadonlySet<string> = LABELS): { line: number; label: string }[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: { line: number; label: string }[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && labels.has(node.text)) {
      found.push({ line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, label: node.text });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}


describe('metric labels live in the registry', () => {
  it('finds a retyped label', () => {
    expect(retypedLabels('x.ts', "const head = ['Month', 'Net collection rate'];")).toEqual([{ line: 1, label: 'Net collection rate' }]);
    expect(retypedLabels('x.ts', "const head = labelOf('net_collection_rate');")).toEqual([]);
  });

  it('no source outside warehouse/ types a metric’s label', () => {
    const found: string[] = [];
    for (const file of sourceFiles(ROOT, SKIPPED, { tests: false })) {
      const path = relative(ROOT, file);
      for (const hit of retypedLabels(path, readFileSync(file, 'utf8'))) {
        if (!ALLOWED[`${path}:${hit.label}`]) found.push(`${path}:${hit.line} "${hit.label}"`);
      }
    }
    expect(found).toEqual([]);
  });
});
