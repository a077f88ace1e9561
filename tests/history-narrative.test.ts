// The tree says what the code is and why, never the story of how it was made: passages about sessions or
// rounds of work and dated run logs belong in git, CHANGELOG.md and docs/performance.md (one dated table per
// benchmark), nowhere else. In source files only comments are read; in documents and JSON, every line.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from './support/source-files.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SKIPPED = new Set(['node_modules', 'dist', 'data', 'coverage']);
const EXTENSIONS = ['.ts', '.mjs', '.cjs', '.md', '.sql', '.json'];
/** Where dates and runs are the subject. */
const ALLOWED = new Set(['docs/performance.md', 'CHANGELOG.md', 'package-lock.json']);

const ORDINAL = '(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|\\d+(?:st|nd|rd|th))';
const DATE = '20\\d\\d-\\d\\d-\\d\\d';

/** Each pattern, with what it catches. */
const NARRATIVE: readonly [string, RegExp][] = [
  ['a numbered session or round of work', /\b(?:session|round) (?:\d+|[ivx]+)\b/i],
  ['an ordinal session or round of work', new RegExp(`\\b${ORDINAL} (?:work )?(?:session|round)(?:'s)?\\b`, 'i')],
  ['an earlier or previous session, round or version', /\b(?:earlier|previous|prior|last|this|that|the next) (?:work )?(?:session|round)(?:'s)? (?:code|table|work|machine|changes?|fix|run)\b/i],
  ['an earlier round, session or version of the work', /\bin an? (?:earlier|previous|prior) (?:round|session|version)\b/i],
  ['a dated run log', new RegExp(`\\b${DATE}\\b[^.\\n]{0,20}\\b(?:run|session)\\b|\\b(?:measured|run|ran) (?:on )?${DATE}\\b`, 'i')],
  ['a measurement credited to the README', /\(README, Benchmarks\)/],
];

/** The text of a line a reader takes for prose: a comment in code, any line of a document or JSON. */
function proseOf(line: string, file: string): string | undefined {
  if (/\.(md|json)$/.test(file)) return line;
  const trimmed = line.trim();
  if (file.endsWith('.sql')) return trimmed.startsWith('--') ? trimmed : line.includes(' -- ') ? line.slice(line.indexOf(' -- ')) : undefined;
  if (/^(\/\/|\/\*|\*)/.test(trimmed)) return trimmed;
  const at = line.indexOf(' // ');
  return at >= 0 ? line.slice(at) : undefined;
}

/** Every narrative passage of a file's text: line number, what it is, the line. */
export function narrativeIn(text: string, file: string): { line: number; what: string; text: string }[] {
  const found: { line: number; what: string; text: string }[] = [];
  text.split('\n').forEach((line, i) => {
    const prose = proseOf(line, file);
    if (prose === undefined) return;
    for (const [what, pattern] of NARRATIVE) if (pattern.test(prose)) found.push({ line: i + 1, what, text: line.trim() });
  });
  return found;
}

describe('history narrative', () => {
  it('is nowhere in the tree but docs/performance.md and CHANGELOG.md', () => {
    const found: string[] = [];
    for (const path of sourceFiles(ROOT, SKIPPED, { extensions: EXTENSIONS })) {
      const file = relative(ROOT, path);
      if (ALLOWED.has(file) || file === 'tests/history-narrative.test.ts') continue;
      for (const hit of narrativeIn(readFileSync(join(ROOT, file), 'utf8'), file)) found.push(`${file}:${hit.line}: ${hit.what}: ${hit.text}`);
    }
    expect(found).toEqual([]);
  });

  it('catches the passages it is for, and leaves the domain alone', () => {
    const offending = [
      '// The ninth session made this 20 % faster.',
      '// Measured (README, Benchmarks): 3.5 s against 4.1.',
      ' * The eighth session\'s fix had not ended the spilling.',
      '// In an earlier round this was one transaction.',
      '-- Measured on 2026-11-27 on the machine above.',
      '// 2026-11-28 run: 0 failures, 195 s.',
      '// what session 3 changed',
    ];
    for (const line of offending) expect(narrativeIn(line, line.startsWith('--') ? 'x.sql' : 'x.ts'), line).not.toEqual([]);
    expect(narrativeIn('Measured 2026-12-07 on 2 cores: see the table.', 'README.md')).not.toEqual([]);

    const fine = [
      "const run = await runMonthly({ month: '2025-06', closeDate: '2025-07-10' }); // the run of June",
      '// A session ends after 30 minutes without a request, and at once when its user is disabled.',
      '// the claim payment loaded before its reversal: the reversal undoes it',
      "expect(row.as_of).toBe('2025-06-30');",
      '-- the latest submission of the original claim before this one',
    ];
    for (const line of fine) expect(narrativeIn(line, line.startsWith('--') ? 'x.sql' : 'x.ts'), line).toEqual([]);
  });
});
