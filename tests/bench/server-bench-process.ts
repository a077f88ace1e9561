// The child processes of bench:server: `rcm` verbs run to their end, and `rcm serve` kept running while its
// resident memory (VmRSS) is sampled every second.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

export interface Finished {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/rcm.cjs <args>` to its end. */
export function rcm(args: string[], env: Record<string, string> = {}): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/rcm.cjs', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** The same, for a verb that must succeed: its stdout, else an error with what it said. */
export async function rcmOk(args: string[], env: Record<string, string> = {}): Promise<string> {
  const run = await rcm(args, env);
  if (run.status !== 0) throw new Error(`rcm ${args.slice(0, 2).join(' ')} exited with ${run.status}: ${(run.stderr.trim() || run.stdout.trim()).slice(-2000)}`);
  return run.stdout;
}

export interface Server {
  pid: number;
  url: string;
  /** SIGTERM, then waits for a clean exit (code 0) for up to 30 s. */
  stop(): Promise<void>;
  /** SIGKILL, when the run has failed; resolves once the process is gone. */
  kill(): Promise<void>;
  /** The server's last lines of output, for a failure report. */
  tail(): string;
  running(): boolean;
}

/** Starts `rcm serve` on a free port of the loopback and resolves once it says it is listening. */
export async function startServer(db: string): Promise<Server> {
  const child = spawn(process.execPath, ['bin/rcm.cjs', 'serve', '--db', db, '--port', '0', '--host', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const remember = (line: string) => {
    lines.push(line);
    if (lines.length > 20) lines.shift();
  };
  const tail = () => lines.join('\n');
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exited = new Promise<void>((resolve) => child.once('exit', (code, signal) => {
    exit = { code, signal };
    resolve();
  }));
  createInterface({ input: child.stderr }).on('line', remember);
  const stdout = createInterface({ input: child.stdout });
  stdout.on('line', remember);

  // it may rebuild the models first (when they were built by other code), which takes minutes at a million claims
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`rcm serve did not say "listening" within 15 minutes:\n${tail()}`)), 900_000);
    const untilListening = (line: string) => {
      const listening = /listening on (http:\/\/\S+)/.exec(line);
      if (!listening) {
        process.stderr.write(`${line}\n`);
        return;
      }
      clearTimeout(timer);
      stdout.off('line', untilListening);
      resolve(listening[1]);
    };
    stdout.on('line', untilListening);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`rcm serve exited (${exit?.signal ?? exit?.code}) before listening:\n${tail()}`));
    });
  }).catch(async (error: unknown) => {
    if (!exit) child.kill('SIGKILL');
    await exited;
    throw error;
  });

  return {
    pid: child.pid!,
    url,
    tail,
    running: () => exit === undefined,
    async stop() {
      if (exit === undefined) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
      if (exit?.code !== 0) throw new Error(`rcm serve did not stop cleanly on SIGTERM (${exit?.signal ?? `exit code ${exit?.code}`}):\n${tail()}`);
    },
    async kill() {
      if (exit === undefined) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** A process's resident memory in MB (VmRSS), or undefined once it is gone. */
export function rssMegabytes(pid: number): number | undefined {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    return undefined;
  }
}

export interface RssSample {
  at: number;
  mb: number;
}

/** Samples a process's RSS now and every second after, until stopped. */
export function sampleRss(pid: number): { samples: RssSample[]; now(): number; stop(): void } {
  const samples: RssSample[] = [];
  const now = () => {
    const mb = rssMegabytes(pid);
    if (mb !== undefined) samples.push({ at: performance.now(), mb });
    return mb ?? NaN;
  };
  now();
  const timer = setInterval(now, 1000);
  return { samples, now, stop: () => clearInterval(timer) };
}
