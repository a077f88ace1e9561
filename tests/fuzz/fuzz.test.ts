// The fuzz run: a small count in the fast lane, the full count (and the public samples among the seeds) in
// the fuzz lane, which sets RCM_FUZZ=full (vitest.config.ts).
import { describe, expect, it } from 'vitest';
import { tempDir, tempWarehouse } from '../support/temp.ts';
import { checkLoader, checkReader, describeFailure, makeCase, seeds, type Failure } from './fuzz.ts';

const FULL = process.env.RCM_FUZZ === 'full';
const READER_CASES = FULL ? 3000 : 300;
const LOADER_CASES = FULL ? 300 : 30;

describe('fuzzing (seeded)', async () => {
  const all = await seeds(FULL);

  it(`reader: ${READER_CASES} mutated files never throw anything but X12Error and never hang`, async () => {
    const failures: Failure[] = [];
    for (let n = 0; n < READER_CASES; n++) {
      const failure = await checkReader(makeCase(n, all, 1), 2_000);
      if (failure) failures.push(failure);
    }
    expect(failures.map(describeFailure)).toEqual([]);
  }, 300_000);

  it(`loader: ${LOADER_CASES} mutated files load whole or leave nothing`, async () => {
    const dir = tempDir();
    const w = await tempWarehouse(dir);
    const failures: Failure[] = [];
    for (let n = 0; n < LOADER_CASES; n++) {
      const failure = await checkLoader(makeCase(n, all, 2), w, dir, 0n);
      if (failure) failures.push(failure);
    }
    expect(failures.map(describeFailure)).toEqual([]);
    const outcomes = await w.all<{ n: bigint }>('SELECT (SELECT count(*) FROM ingest_file) + (SELECT count(*) FROM ingest_error) AS n');
    expect(outcomes[0].n).toBeGreaterThan(LOADER_CASES / 2);
  }, 300_000);
});
