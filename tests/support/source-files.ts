// The repository's own sources, for the tests that read the tree (where SQL and metric labels live, the
// import graph, history narrative).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every .ts file below `dir` (declaration files apart), or every file with one of `extensions`, skipping hidden
 * folders and the folders named.
 */
export function sourceFiles(dir: string, skipped: ReadonlySet<string>, options: { tests?: boolean; extensions?: readonly string[] } = {}): string[] {
  const extensions = options.extensions ?? ['.ts'];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!skipped.has(entry.name) && !entry.name.startsWith('.')) out.push(...sourceFiles(join(dir, entry.name), skipped, options));
    } else if (extensions.some((e) => entry.name.endsWith(e)) && !entry.name.endsWith('.d.ts') && (options.tests !== false || !entry.name.endsWith('.test.ts'))) {
      out.push(join(dir, entry.name));
    }
  }
  return out;
}
