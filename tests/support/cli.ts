// Runs the real `rcm` command in a child process.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function rcm(...args: string[]): CliResult {
  return rcmWithEnv({}, ...args);
}

export function rcmWithEnv(env: Record<string, string>, ...args: string[]): CliResult {
  const result = spawnSync(process.execPath, [`${REPO}bin/rcm.cjs`, ...args], { cwd: REPO, encoding: 'utf8', env: { ...process.env, TZ: 'UTC', ...env }, timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The same without blocking the test's event loop: a test that talks to a server between commands keeps
 * its kept-alive connections (a blocked loop misses the server closing an idle one, and reuses it).
 */
export function rcmAsync(env: Record<string, string>, ...args: string[]): Promise<CliResult> {
  const child = spawn(process.execPath, [`${REPO}bin/rcm.cjs`, ...args], { cwd: REPO, env: { ...process.env, TZ: 'UTC', ...env }, timeout: 120_000 });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}
