// The test lanes hold: every test file runs in a lane, the files the lanes name exist, and no fast-lane file
// starts a process, listens on a port, drives a browser or reads the public samples (docs/testing.md).
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BROWSER, CONFORMANCE, FUZZ, PROCESS, SERVER, VOLUME } from './lanes.ts';
import { sourceFiles } from './support/source-files.ts';

const ROOT = join(import.meta.dirname, '..');

/** A lane's glob as a regular expression over paths from the repository root. */
function globPattern(glob: string): RegExp {
  const source = glob.split('**/').map((part) => part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')).join('(?:.*/)?');
  return new RegExp(`^${source}$`);
}

const LANES = { process: PROCESS, server: SERVER, browser: BROWSER, volume: VOLUME, fuzz: FUZZ, conformance: CONFORMANCE };

/** The lanes that claim a file; none means the fast lane. */
function lanesOf(path: string): string[] {
  return Object.entries(LANES).filter(([, globs]) => globs.some((g) => globPattern(g).test(path))).map(([lane]) => lane);
}

/** What in a file's text makes it slow or outside-dependent, and so not for the fast lane. */
const NOT_FAST: [RegExp, string][] = [
  [/from '[./]*(?:tests\/)?support\/cli\.ts'/, 'runs rcm in a child process (tests/support/cli.ts)'],
  [/from '[./]*(?:tests\/)?support\/serve-process\.ts'/, 'runs rcm serve (tests/support/serve-process.ts)'],
  [/from 'node:child_process'/, 'starts a child process'],
  [/from '@hono\/node-server'/, 'listens on a port (@hono/node-server)'],
  [/from '[./]*(?:tests\/)?support\/smtp-sink\.ts'/, 'listens as an SMTP server'],
  [/from '[./]*(?:tests\/)?support\/samples\.ts'/, 'reads the public samples'],
  [/playwright/, 'drives a browser'],
];

/** The fast-lane files that should run in another lane, and why. */
function fastLaneOffenders(files: { path: string; text: string }[]): string[] {
  return files.filter((f) => lanesOf(f.path).length === 0).flatMap((f) => NOT_FAST.filter(([pattern]) => pattern.test(f.text)).map(([, why]) => `${f.path} ${why}`));
}

const testFiles = sourceFiles(ROOT, new Set(['node_modules', 'dist', 'data'])).filter((p) => p.endsWith('.test.ts')).map((p) => relative(ROOT, p));
/** This file names what it looks for. */
const SELF = 'tests/lanes.test.ts';

describe('test lanes', () => {
  it('put no file that starts a process, listens, drives a browser or reads the samples in the fast lane', () => {
    const files = testFiles.filter((path) => path !== SELF).map((path) => ({ path, text: readFileSync(join(ROOT, path), 'utf8') }));
    expect(fastLaneOffenders(files)).toEqual([]);
  });

  it('give each test file at most one lane besides the fast lane', () => {
    for (const path of testFiles) expect(lanesOf(path).length, `${path}: ${lanesOf(path).join(', ')}`).toBeLessThanOrEqual(1);
  });

  it('name only files that exist', () => {
    for (const [lane, globs] of Object.entries(LANES)) {
      for (const glob of globs) expect(testFiles.some((p) => globPattern(glob).test(p)), `${lane}: ${glob}`).toBe(true);
    }
  });

  it('name a fast-lane file that runs rcm, listens on a port or reads the samples', () => {
    expect(fastLaneOffenders([
      { path: 'ingest/new.test.ts', text: "import { rcm } from '../tests/support/cli.ts';" },
      { path: 'server/new.test.ts', text: "import { serve } from '@hono/node-server';" },
      { path: 'tests/new.test.ts', text: "import { samplePath } from './support/samples.ts';" },
      { path: 'tests/cli.test.ts', text: "import { rcm } from './support/cli.ts';" },
    ])).toEqual([
      'ingest/new.test.ts runs rcm in a child process (tests/support/cli.ts)',
      'server/new.test.ts listens on a port (@hono/node-server)',
      'tests/new.test.ts reads the public samples',
    ]);
  });
});
