// SQL lives in warehouse/: the models and migrations as files, every read the server, reports, CLI verbs and
// demo make as a function of warehouse/queries/, the ingest's writes as functions of warehouse/load/. This
// test reads every TypeScript source outside warehouse/ and fails on a string that holds a SQL statement,
// naming the file and line, unless the file is allowed below.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from './support/source-files.ts';

const ROOT = join(import.meta.dirname, '..');

/** Folders never scanned: SQL's own home, and what is not our source. */
const SKIPPED = new Set(['warehouse', 'node_modules', 'dist', '.git', 'data']);

/**
 * Files that keep their SQL, each with the reason. Adding a file here is a decision: a read belongs in
 * warehouse/queries/, a write of the ingest in warehouse/load/.
 */
const ALLOWED: Record<string, string> = {
  // test support: they build, damage or inspect warehouses on purpose
  'tests/support/die-after.ts': 'kills a process in the middle of a load or a build',
  'tests/support/file-tables.ts': 'lists the loaded tables a test compares',
  'tests/fuzz/fuzz.ts': 'checks a fuzzed load left the tables consistent',
  'tests/bench/bench-worker.ts': 'benchmarks time the warehouse itself',
};

/** Tests check SQL answers directly (a hand-computed figure against a query of the tables). */
const isTest = (path: string) => path.endsWith('.test.ts');

/** A SQL statement as this project writes them: upper-case keywords. */
const STATEMENT = /\b(?:SELECT\b[\s\S]*\bFROM\b|SELECT (?:1|count|nextval|\(|\*)|INSERT INTO\b|UPDATE [a-z_]+ SET\b|DELETE FROM\b|CREATE (?:OR REPLACE )?(?:TEMP )?(?:TABLE|VIEW|SEQUENCE|INDEX|MACRO|SCHEMA)\b|ALTER TABLE\b|DROP (?:TABLE|VIEW)\b|COPY [(a-z_])/;

/** The lines of a source whose string literals (quoted or template) hold a SQL statement. */
export function sqlStrings(fileName: string, text: string): { line: number; text: string }[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: { line: number; text: string }[] = [];
  const check = (node: ts.Node, literal: string) => {
    if (STATEMENT.test(literal)) found.push({ line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, text: literal.trim().slice(0, 80) });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) check(node, node.text);
    else if (ts.isTemplateExpression(node)) check(node, [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ? '));
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}


describe('SQL homes', () => {
  it('finds a SQL statement in a string, quoted or template, and nothing in prose or comments', () => {
    const offending = [
      'const rows = await w.all(`SELECT claim_id FROM mart_claim WHERE payer_id = ${payer}`);',
      "await w.run('INSERT INTO audit_event VALUES ($1)', [x]);",
      'const n = await w.one("SELECT count(*) AS n FROM ingest_file");',
    ].join('\n');
    expect(sqlStrings('offending.ts', offending).map((f) => f.line)).toEqual([1, 2, 3]);
    const harmless = [
      '// SELECT claim_id FROM mart_claim: a comment may show SQL',
      "const label = 'Select a payer from the list';",
      'const help = `update the file and ingest it again`;',
    ].join('\n');
    expect(sqlStrings('harmless.ts', harmless)).toEqual([]);
  });

  it('holds every SQL statement outside warehouse/ to the allow-list', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(ROOT, SKIPPED)) {
      const path = relative(ROOT, file).split('\\').join('/');
      if (isTest(path) || path in ALLOWED) continue;
      for (const f of sqlStrings(path, readFileSync(file, 'utf8'))) offenders.push(`${path}:${f.line}: ${f.text}`);
    }
    expect(offenders, 'SQL outside warehouse/: move it into a function of warehouse/queries/<area>.ts').toEqual([]);
  });

  it('lists only files that exist and still hold SQL', () => {
    for (const path of Object.keys(ALLOWED)) {
      expect(sqlStrings(path, readFileSync(join(ROOT, path), 'utf8')).length, `${path} holds no SQL: take it off the allow-list`).toBeGreaterThan(0);
    }
  });
});
