// `rcm serve` as a process: the first start creates the admin, the server listens and answers, a second
// start creates no one.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../tests/support/cli.ts';
import { tempDir } from '../tests/support/temp.ts';

function start(db: string, env: Record<string, string>): Promise<{ output: string; port: number; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [`${REPO}bin/rcm.mjs`, 'serve', '--db', db, '--port', '0'], { cwd: REPO, env: { ...process.env, ...env } });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line: ${output}`)), 60_000);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const port = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1];
      if (port) {
        clearTimeout(timer);
        resolve({ output, port: Number(port), stop: () => new Promise((r) => { child.once('exit', () => r()); child.kill('SIGTERM'); }) });
      }
    });
  });
}

describe('rcm serve', () => {
  it('creates the first admin once, listens on loopback and answers health', async () => {
    const db = join(tempDir(), 'serve.duckdb');
    const first = await start(db, { RCM_ADMIN_PASSWORD: 'a long admin password' });
    expect(first.output).toMatch(/created the first user, admin \(password from RCM_ADMIN_PASSWORD\)/);
    expect((await fetch(`http://127.0.0.1:${first.port}/api/health`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${first.port}/api/metrics`)).status).toBe(401);
    await first.stop();
    const second = await start(db, {});
    expect(second.output).not.toMatch(/created the first user/);
    await second.stop();
  }, 120_000);
});
