// `rcm serve` as a process: the first start creates the admin, the server listens and answers, a second
// start creates no one.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServe } from '../tests/support/serve-process.ts';
import { tempDir } from '../tests/support/temp.ts';

describe('rcm serve', () => {
  it('creates the first admin once, listens on loopback and answers health', async () => {
    const db = join(tempDir(), 'serve.duckdb');
    const first = await startServe(db, { RCM_ADMIN_PASSWORD: 'a long admin password' });
    expect(first.output()).toMatch(/created the first user, admin \(password from RCM_ADMIN_PASSWORD\)/);
    expect((await fetch(`http://127.0.0.1:${first.port}/api/health`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${first.port}/api/metrics`)).status).toBe(401);
    await first.stop();
    const second = await startServe(db);
    expect(second.output()).not.toMatch(/created the first user/);
    await second.stop();
  }, 120_000);
});
