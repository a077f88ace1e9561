// `rcm report monthly` as a user runs it: a real process over a warehouse file makes the month's package,
// prints the run as JSON and writes its files.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FOLDERS, writeDataset } from '../demo/dataset/write-dataset.ts';
import { ingestFiles } from '../ingest/loader/ingest-run.ts';
import { buildModels } from '../warehouse/build.ts';
import { rcm } from './support/cli.ts';
import { tempDir, tempWarehouse } from './support/temp.ts';

describe('rcm report monthly', () => {
  const dir = tempDir('rcm-reports-cli-');
  let db = '';

  beforeAll(async () => {
    const files = join(dir, 'files');
    await writeDataset({ seed: 7, claims: 300, months: 6, start: '2025-01-01', out: files });
    const w = await tempWarehouse(dir);
    await ingestFiles(w, Object.values(FOLDERS).map((f) => join(files, f)));
    await buildModels(w);
    db = w.path;
    w.close();
  }, 120_000);

  it('makes the package of a month in a process of its own, and prints the run', () => {
    const made = rcm('report', 'monthly', '--month', '2025-05', '--db', db, '--out', join(dir, 'cli'), '--format', 'csv', '--json');
    expect(made.status, made.stderr).toBe(0);
    const run = JSON.parse(made.stdout);
    // the files were all loaded today, after the month end + 10 days: the close is the first load (the rule's own test: reports-monthly.test.ts)
    expect(run.close_date).toBe(new Date().toISOString().slice(0, 10));
    expect(run.roll_forward.ties).toBe(true);
    expect(run.files.length).toBeGreaterThan(0);
    expect(run.files.every((f: { format: string }) => f.format === 'csv')).toBe(true);
    for (const f of run.files as { path: string }[]) expect(existsSync(f.path), f.path).toBe(true);
  }, 120_000);
});
