// Runs the real `rcm` command in a child process.
import { spawnSync } from 'node:child_process';
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
