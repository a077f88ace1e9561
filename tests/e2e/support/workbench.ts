// A workbench for the browser tests: the dashboards built (once, when dist is missing or older than their
// sources), a small demo practice generated, ingested and built into a warehouse, users of two roles, and
// the real HTTP server (the API and the dashboards) on a loopback port. Ingesting the demo's 1,500 files
// takes most of the time, so the built warehouse is kept in the temporary folder under a hash of the code
// that makes it (demo/, ingest/, warehouse/) and copied for each workbench.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { FOLDERS, writeDataset } from '../../../demo/dataset/write-dataset.ts';
import { PRACTICE } from '../../../demo/practice/practice.ts';
import { ingestFiles } from '../../../ingest/loader/ingest-run.ts';
import { createApp } from '../../../server/app.ts';
import { addUser } from '../../../access/users.ts';
import { DEFAULT_SERVER_OPTIONS } from '../../../server/options.ts';
import { readingConnections } from '../../../server/reading.ts';
import { buildModels } from '../../../warehouse/build.ts';
import { Warehouse } from '../../../warehouse/database.ts';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
export const DASHBOARDS = join(REPO, 'dashboards');
export const DIST = join(DASHBOARDS, 'dist');
const CACHE = join(tmpdir(), 'rcm-e2e-cache');

export interface Credentials {
  username: string;
  password: string;
}

export interface Workbench {
  baseUrl: string;
  /** The demo practice's billing NPI. */
  practice: string;
  users: { manager: Credentials; finance: Credentials };
  warehouse: Warehouse;
  close(): Promise<void>;
}

function filesUnder(path: string, skip: (name: string) => boolean = () => false): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).filter((name) => !skip(name)).sort().flatMap((name) => filesUnder(join(path, name), skip));
}

const notBuilt = (name: string) => name === 'dist' || name.startsWith('.');

/** Runs `work` holding a lock folder (test files run in parallel processes); a lock older than 5 minutes is a crashed run's. */
async function withLock<T>(lock: string, work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      mkdirSync(lock, { recursive: false });
      break;
    } catch {
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 300_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`waited 5 minutes for ${lock}`);
      await delay(200);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function builtFresh(): boolean {
  const index = join(DIST, 'index.html');
  return existsSync(index) && statSync(index).mtimeMs >= Math.max(...filesUnder(DASHBOARDS, notBuilt).map((f) => statSync(f).mtimeMs));
}

/** Builds the dashboards (npm run build:dashboards) unless dist is newer than every source. */
export async function ensureDashboards(): Promise<string> {
  if (builtFresh()) return DIST;
  return withLock(join(DASHBOARDS, '.build.lock'), async () => {
    if (builtFresh()) return DIST; // another test file built them while this one waited
    const build = spawnSync(process.execPath, [join(REPO, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(DASHBOARDS, 'vite.config.ts'), '--logLevel', 'warn'], { cwd: REPO, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`the dashboards' build failed:\n${build.stdout}\n${build.stderr}`);
    return DIST;
  });
}

export interface DemoOptions {
  seed: number;
  claims: number;
  months: number;
  start: string;
}

/** Fifteen months: a twelve-month trend and the period before it. */
export const DEMO: DemoOptions = { seed: 7, claims: 1200, months: 15, start: '2024-10-01' };

/** A built demo warehouse file for these options and this code, made once and kept in the cache. */
export async function demoWarehouse(options: DemoOptions): Promise<string> {
  const hash = createHash('sha256').update(JSON.stringify(options));
  // the metrics are computed when asked, not built into the file: editing them keeps the cached warehouse
  const readTime = (name: string) => name === 'metrics' || name.endsWith('.test.ts');
  for (const file of ['demo', 'ingest', 'warehouse'].flatMap((d) => filesUnder(join(REPO, d), readTime))) hash.update(relative(REPO, file)).update(readFileSync(file));
  // one cached file per size of practice (the browser tests' and the benchmark's live side by side)
  const size = `demo-${options.claims}c${options.months}m${options.seed}s-`;
  const name = `${size}${hash.digest('hex').slice(0, 16)}.duckdb`;
  const cached = join(CACHE, name);
  if (existsSync(cached)) return cached;
  mkdirSync(CACHE, { recursive: true });
  return withLock(join(CACHE, '.lock'), async () => {
    if (existsSync(cached)) return cached;
    const dir = mkdtempSync(join(tmpdir(), 'rcm-e2e-demo-'));
    try {
      await writeDataset({ ...options, out: join(dir, 'demo'), truth: false });
      const building = join(dir, name);
      const warehouse = await Warehouse.open(building);
      try {
        await ingestFiles(warehouse, Object.values(FOLDERS).map((f) => join(dir, 'demo', f)));
        await buildModels(warehouse);
      } finally {
        warehouse.close();
      }
      for (const old of readdirSync(CACHE).filter((f) => f.startsWith(size) || /^demo-[0-9a-f]{16}\.duckdb$/.test(f))) rmSync(join(CACHE, old), { force: true });
      renameSync(building, cached);
      return cached;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

export const PASSWORD = 'e2e password, long enough';

export async function startWorkbench(options: DemoOptions = DEMO): Promise<Workbench> {
  const dist = await ensureDashboards();
  const source = await demoWarehouse(options);
  const dir = mkdtempSync(join(tmpdir(), 'rcm-e2e-'));
  copyFileSync(source, join(dir, 'rcm.duckdb'));
  const warehouse = await Warehouse.open(join(dir, 'rcm.duckdb'));
  const practice = PRACTICE.billingNpi;
  await addUser(warehouse, 'manager', 'practice_manager', PASSWORD, [practice]);
  await addUser(warehouse, 'finance', 'finance', PASSWORD, [practice]);

  // as rcm serve runs it (server/start-server.ts): connections for loads, for sessions and the audit trail,
  // and for the metric and claim reads; the dashboards at '/'
  const writer = await warehouse.connect();
  const audit = await warehouse.connect();
  const readers = await readingConnections(warehouse);
  const app = createApp(warehouse, DEFAULT_SERVER_OPTIONS, { writer, audit, readers, dashboards: dist, inbox: join(dir, 'inbox') });
  const server: ServerType = serve({ fetch: (request, env) => app.fetch(request, env), port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl,
    practice,
    users: { manager: { username: 'manager', password: PASSWORD }, finance: { username: 'finance', password: PASSWORD } },
    warehouse,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      writer.close();
      audit.close();
      for (const reader of readers) reader.close();
      warehouse.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
