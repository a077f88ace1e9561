// Runs an `rcm` verb in this process, as bin/rcm.cjs would call it: its exit status and what it wrote. For
// tests of what a verb answers; what only a process shows (signals, a second process holding the warehouse,
// the compiled CLI) is for tests/support/cli.ts in the process lane.
import { vi } from 'vitest';
import { main } from '../../cli/program.ts';
import type { CliResult } from './cli.ts';

/** Serialises the calls: each one owns stdout, stderr, the exit code and the environment while it runs. */
let queue: Promise<unknown> = Promise.resolve();

export function rcmHere(...args: string[]): Promise<CliResult & { status: number }> {
  return rcmHereWithEnv({}, ...args);
}

export function rcmHereWithEnv(env: Record<string, string>, ...args: string[]): Promise<CliResult & { status: number }> {
  const run = queue.then(() => runMain(env, args));
  queue = run.catch(() => undefined);
  return run;
}

async function runMain(env: Record<string, string>, args: string[]): Promise<CliResult & { status: number }> {
  const out: string[] = [];
  const err: string[] = [];
  const before = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
  try {
    const status = await main(['node', 'rcm', ...args]);
    return { status, stdout: out.join(''), stderr: err.join('') };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
    process.exitCode = undefined;
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
