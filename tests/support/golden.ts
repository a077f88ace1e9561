// Golden files (tests/golden/): a failing run shows the difference; RCM_UPDATE_GOLDEN=1 rewrites them (then
// review the diff).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';

const GOLDEN = new URL('../golden/', import.meta.url);

/** Compares with a golden file. */
export function expectGolden(name: string, actual: string): void {
  const path = new URL(name, GOLDEN);
  if (process.env.RCM_UPDATE_GOLDEN) writeFileSync(path, actual);
  expect(existsSync(path), `golden file ${name} is missing: run with RCM_UPDATE_GOLDEN=1 and review it`).toBe(true);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
