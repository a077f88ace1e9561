// Runs the real `rcm serve` in a child process and waits for its "listening" line.
import { spawn } from 'node:child_process';
import { REPO } from './cli.ts';

export interface ServeProcess {
  output: () => string;
  port: number;
  /** SIGTERM, then resolves once the process has exited. */
  stop: () => Promise<void>;
  /** SIGKILL (a test whose server did not stop). */
  kill: () => void;
}

export function startServe(db: string, env: Record<string, string> = {}, args: string[] = []): Promise<ServeProcess> {
  const child = spawn(process.execPath, [`${REPO}bin/rcm.cjs`, 'serve', '--db', db, '--port', '0', ...args], { cwd: REPO, env: { ...process.env, ...env } });
  let output = '';
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line: ${output}`)), 60_000);
    child.once('exit', (code) => reject(new Error(`rcm serve exited (${code}): ${output}`)));
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const port = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1];
      if (port) {
        clearTimeout(timer);
        resolve({ output: () => output, port: Number(port), stop: () => new Promise((r) => { child.once('exit', () => r()); child.kill('SIGTERM'); }), kill: () => child.kill('SIGKILL') });
      }
    });
  });
}
