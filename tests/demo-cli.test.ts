// `rcm demo` as a user runs it: a real process generates, ingests and summarises, and refuses to overwrite.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rcm } from './support/cli.ts';
import { tempDir } from './support/temp.ts';

describe('rcm demo', () => {
  const dir = tempDir('rcm-demo-cli-');

  it('generates, ingests and summarises; refuses to overwrite without --replace', () => {
    const args = ['demo', '--claims', '200', '--months', '2', '--out', join(dir, 'files'), '--db', join(dir, 'demo.duckdb')];
    const made = rcm(...args, '--json');
    expect(made.stderr).toBe('');
    expect(made.status).toBe(0);
    const summary = JSON.parse(made.stdout);
    expect(summary.claims).toBe(200);
    expect(summary.rejected).toBe(0);
    expect(summary.headline.claimsBilled).toBeGreaterThan(150);
    const again = rcm(...args);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/already exists; pass --replace/);
    const replaced = rcm(...args, '--replace', '--seed', '9');
    expect(replaced.status).toBe(0);
    expect(replaced.stdout).toMatch(/demo practice: 200 claims/);
  }, 120_000);
});
