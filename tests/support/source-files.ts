// The repository's own TypeScript sources, for the tests that read the tree (where SQL and metric labels live).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Every .ts file below `dir` (declaration files apart), skipping hidden folders and the folders named. */
export function sourceFiles(dir: string, skipped: ReadonlySet<string>, options: { tests?: boolean } = {}): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!skipped.has(entry.name) && !entry.name.startsWith('.')) out.push(...sourceFiles(join(dir, entry.name), skipped, options));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && (options.tests !== false || !entry.name.endsWith('.test.ts'))) {
      out.push(join(dir, entry.name));
    }
  }
  return out;
}
