// What a newcomer's `npm install` does: it sends no install-time telemetry (scarf, through swagger-ui-dist,
// reads its switch from our package.json) and it leaves package-lock.json as it is (docs/testing.md).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (name: string) => JSON.parse(readFileSync(new URL(`../${name}`, import.meta.url), 'utf8'));

describe('npm install on a fresh clone', () => {
  it('keeps scarf’s install-time analytics off', () => {
    expect(read('package.json').scarfSettings).toEqual({ enabled: false });
  });

  it('finds the lockfile as npm 10 writes it: npm 10 (Node 20’s own) and npm 11 both leave it alone', () => {
    // npm 11 records each platform package's libc; npm 10 drops those keys on install, rewriting the file
    const lock = read('package-lock.json');
    expect(lock.lockfileVersion).toBe(3);
    const withLibc = Object.entries(lock.packages as Record<string, { libc?: string[] }>).filter(([, p]) => p.libc).map(([name]) => name);
    expect(withLibc, 'write package-lock.json with npm 10: npx npm@10 install --package-lock-only').toEqual([]);
  });
});
