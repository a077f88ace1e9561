// The CLI as a user runs it: a real process, a real DuckDB file.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rcm } from './support/cli.ts';
import { fixture835 } from './support/fixture-835.ts';
import { fixtureFiles } from './support/fixture-files.ts';
import { expectGolden } from './support/golden.ts';
import { tempDir, writeFile } from './support/temp.ts';

describe('rcm ingest', () => {
  const dir = tempDir();
  const db = join(dir, 'cli.duckdb');

  it('loads good files, rejects the bad one, exits 1 and prints a JSON summary', () => {
    const good = writeFile(dir, 'good.835', fixture835());
    const bad = writeFile(dir, 'bad.835', fixture835().slice(0, 700));
    // the demo fixture's Medicare remittance: one claim, 53.34 paid
    const medicare = writeFile(dir, 'medicare.835', fixtureFiles().find(([name]) => name === '12-medicare.835')![1]);
    const result = rcm('ingest', good, bad, medicare, '--db', db, '--json');
    expect(result.status).toBe(1);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({
      batch_id: 1, database: db, files: { total: 3, loaded: 2, skipped_duplicates: 0, rejected: 1 }, claims: 5, warnings: 0,
      claims_paid: 343.34, payments: 333.34,
    });
    expect(summary.results[1]).toMatchObject({ file: bad, status: 'rejected', error: { code: 'truncated' } });
    expect(summary.results[1].error.hint).toMatch(/truncated/);
  });

  it('says so and changes nothing when the same files come again; exit 0', () => {
    const result = rcm('ingest', join(dir, 'good.835'), '--db', db);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('skipped: already loaded as good.835');
    expect(result.stdout).toContain('0 loaded, 1 skipped, 0 rejected');
  });

  it('prints a table with the rejected file and what to do', () => {
    const result = rcm('ingest', join(dir, 'bad.835'), '--db', db);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/bad\.835.*REJECTED/);
    expect(result.stdout).toMatch(/rejected: .*bad\.835, segment \d+: the file ends inside transaction set 835 0001/);
    expect(result.stdout).toContain('what to do:');
  });

  it('lists the batches and the rejected files (rcm batches, rcm errors)', () => {
    const batches = JSON.parse(rcm('batches', '--db', db, '--json').stdout);
    expect(batches.map((b: { batch_id: number; files_loaded: number; files_rejected: number; files: number; claims: number }) => [b.batch_id, b.files_loaded, b.files_rejected, b.files, b.claims])).toEqual([
      [3, 0, 1, 0, 0], [2, 0, 0, 0, 0], [1, 2, 1, 2, 5],
    ]);
    const errors = JSON.parse(rcm('errors', '--db', db, '--batch', '1', '--json').stdout);
    expect(errors).toEqual([expect.objectContaining({ batch_id: 1, error_code: 'truncated', file_name: join(dir, 'bad.835') })]);
    const text = rcm('errors', '--db', db);
    expect(text.stdout).toContain('what to do:');
    const bad = rcm('errors', '--db', db, '--batch', 'x');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--batch must be a positive whole number');
  });

  it('refuses a memory limit that is not a size', () => {
    const result = rcm('ingest', join(dir, 'good.835'), '--db', db, '--memory-limit', 'lots');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--memory-limit must be a size like 128MB or 1GB, not "lots"');
  });

  it('refuses a call without files', () => {
    const result = rcm('ingest', '--db', db);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("missing required argument 'paths'");
  });
});

describe('rcm era show', () => {
  it('prints the stable JSON document (golden file)', () => {
    const result = rcm('era', 'show', writeFile(tempDir(), 'fixture.835', fixture835()), '--json');
    expect(result.status).toBe(0);
    expectGolden('era-fixture.json', result.stdout);
    const doc = JSON.parse(result.stdout);
    expect(Object.keys(doc)).toEqual(['transactions', 'errors']);
    expect(Object.keys(doc.transactions[0])).toEqual(['control_number', 'payment', 'payer', 'payee', 'claims', 'provider_adjustments', 'warnings']);
  });

  it('prints the fixture the way a biller reads it (golden file)', () => {
    const dir = tempDir();
    const result = rcm('era', 'show', writeFile(dir, 'fixture.835', fixture835()));
    expect(result.status).toBe(0);
    expectGolden('era-fixture.txt', result.stdout);
    expect(result.stdout).toContain('REVERSAL of a previous payment');
    expect(result.stdout).toContain('L6 ref INT1  -5.00');
  });

  it('reports an unreadable file in errors[] and exits 1', () => {
    const dir = tempDir();
    const result = rcm('era', 'show', writeFile(dir, 'notes.txt', 'hello'), '--json');
    expect(result.status).toBe(1);
    const doc = JSON.parse(result.stdout);
    expect(doc.transactions).toEqual([]);
    expect(doc.errors).toEqual([expect.objectContaining({ segment: 1, message: expect.stringContaining('not an X12 file') })]);
  });
});

describe('rcm --help', () => {
  it('lists the verbs', () => {
    const result = rcm('--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('ingest');
    expect(result.stdout).toContain('era');
  });
});
