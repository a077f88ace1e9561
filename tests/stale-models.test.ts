// Marts older than the loaded data are never read as they are. A load killed during its rebuild (after its
// files were committed), rcm ingest --no-build, or the server's ingest with build=false leave them so: the
// reading verbs refuse (exit 2, run rcm build), rcm ingest rebuilds them even when every file is a duplicate,
// and rcm serve rebuilds them at start. Real processes, a real kill, real DuckDB files.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../warehouse/database.ts';
import { buildModels, modelsState } from '../warehouse/build.ts';
import { expandPaths, ingestFiles } from '../ingest/loader/ingest-run.ts';
import { addUser, createToken } from '../access/users.ts';
import { FOLDERS } from '../demo/dataset/write-dataset.ts';
import { REPO, rcm } from './support/cli.ts';
import { startServe } from './support/serve-process.ts';
import { tempDir } from './support/temp.ts';

const dir = tempDir('rcm-stale-');
const files = join(dir, 'files');
/** What is submitted first (claims, their acknowledgments), then what pays them. */
const SUBMITTED = [FOLDERS['837'], FOLDERS['999'], FOLDERS['277ca']].map((f) => join(files, f));
const PAID = [FOLDERS['835'], FOLDERS.postings, FOLDERS.charges].map((f) => join(files, f));
/** A/R with every file loaded and built (rcm demo loads them all). */
let arTotal: number;

function ar(db: string): number {
  const run = rcm('metrics', '--db', db, '--metric', 'ar_total', '--json');
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout).metrics.ar_total.value as number;
}

/** A warehouse built from the submitted files, then the paying files loaded by `load`: its marts are older than its data. */
function builtThenLoaded(name: string, load: (db: string) => void): { db: string; before: number } {
  const db = join(dir, name);
  const first = rcm('ingest', ...SUBMITTED, '--db', db);
  expect(first.status, first.stderr).toBe(0);
  const before = ar(db);
  expect(before).not.toBe(arTotal); // the payments lower it
  load(db);
  return { db, before };
}

/** Every reading verb refuses the stale marts with exit 2 and says to run rcm build. */
function readingVerbsRefuse(db: string): void {
  for (const args of [['metrics'], ['claim', 'show', 'ANY'], ['denials', 'patterns'], ['report', 'monthly', '--month', '2025-01', '--out', join(dir, 'reports')]]) {
    const run = rcm(...args, '--db', db);
    expect(run.status, `${args.join(' ')}: ${run.stdout}`).toBe(2);
    expect(run.stderr).toContain('files were loaded after the models were last built');
    expect(run.stderr).toContain(`run rcm build --db ${db}`);
  }
}

beforeAll(() => {
  const made = rcm('demo', '--claims', '300', '--months', '6', '--out', files, '--db', join(dir, 'all.duckdb'), '--json');
  expect(made.status, made.stderr).toBe(0);
  arTotal = ar(join(dir, 'all.duckdb'));
}, 180_000);

describe('rcm ingest killed with SIGKILL while it rebuilds the models', () => {
  it('leaves marts that no verb reads; run again on the same files, it rebuilds them and the metrics count every file', () => {
    const { db } = builtThenLoaded('killed.duckdb', (db) => {
      const killed = spawnSync(process.execPath, [join(REPO, 'bin/run-ts.mjs'), join(REPO, 'tests/support/die-after.ts'), 'build', db, 'ingest', ...PAID], { cwd: REPO, encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
      expect(killed.signal, killed.stderr).toBe('SIGKILL');
    });
    readingVerbsRefuse(db);

    const again = rcm('ingest', ...PAID, '--db', db, '--json');
    expect(again.status, again.stderr).toBe(0);
    const summary = JSON.parse(again.stdout);
    expect(summary.files.loaded).toBe(0); // every file committed before the kill
    expect(summary.files.skipped_duplicates).toBe(summary.files.total);
    expect(summary.models).toBe('rebuilt');
    expect(ar(db)).toBe(arTotal);

    // nothing new and the models current: nothing to rebuild
    const third = rcm('ingest', ...PAID, '--db', db, '--json');
    expect(third.status, third.stderr).toBe(0);
    expect(JSON.parse(third.stdout)).toMatchObject({ models: 'current' });
    expect(JSON.parse(third.stdout).build).toBeUndefined();
  }, 240_000);
});

describe('rcm ingest --no-build', () => {
  it('says the models are left older than the data; the reading verbs refuse them; rcm ingest of the same files rebuilds them', () => {
    let loaded = '';
    const { db } = builtThenLoaded('no-build.duckdb', (db) => {
      const run = rcm('ingest', '--no-build', ...PAID, '--db', db);
      expect(run.status, run.stderr).toBe(0);
      loaded = run.stdout;
    });
    expect(loaded).toContain(`models not rebuilt (--no-build): they are older than the loaded data, and rcm metrics, claim show, denials and report refuse them until rcm build --db ${db}`);
    readingVerbsRefuse(db);

    const again = rcm('ingest', ...PAID, '--db', db);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/models rebuilt in [\d.]+ s: files loaded before had not been built into them/);
    expect(ar(db)).toBe(arTotal);
  }, 240_000);
});

describe('the server', () => {
  it('loading with build=false leaves its marts older than the data, and it rebuilds them at its next start', async () => {
    const db = join(dir, 'serve.duckdb');
    expect(rcm('ingest', ...SUBMITTED, '--db', db).status).toBe(0);
    const w = await Warehouse.open(db);
    let token: string;
    try {
      await addUser(w, 'loader', 'admin', 'a long enough password', []);
      token = (await createToken(w, 'loader', 'test')).token;
    } finally {
      w.close();
    }
    const first = await startServe(db);
    try {
      const post = (path: string, body?: string) =>
        fetch(`http://127.0.0.1:${first.port}${path}`, { method: 'POST', body, headers: { authorization: `Bearer ${token}` } });
      const set = ((await (await post('/api/uploads')).json()) as { upload: string }).upload;
      for (const path of expandPaths(PAID)) expect((await post(`/api/uploads/${set}/files?name=${basename(path)}`, readFileSync(path, 'utf8'))).status).toBe(200);
      const loaded = (await (await post(`/api/uploads/${set}/ingest?build=false`)).json()) as { built: boolean; outcomes: { status: string }[] };
      expect(loaded.built).toBe(false);
      expect(loaded.outcomes.every((o) => o.status === 'loaded')).toBe(true);
    } finally {
      await first.stop();
    }
    const reopened = await Warehouse.open(db);
    try {
      expect(await modelsState(reopened)).toBe('older than the data');
    } finally {
      reopened.close();
    }

    const second = await startServe(db);
    try {
      expect(second.output()).toContain('files were loaded after the models were last built: rebuilding them first');
    } finally {
      await second.stop();
    }
    expect(ar(db)).toBe(arTotal);
  }, 240_000);
});

describe('the load generation', () => {
  it('moves with every commit of files, including the server’s ingest without a build, and a build catches up with it', async () => {
    const w = await Warehouse.open(join(dir, 'generation.duckdb'));
    try {
      expect(await modelsState(w)).toBe('never built');
      await ingestFiles(w, SUBMITTED);
      await buildModels(w, { checks: false });
      expect(await modelsState(w)).toBe('current');
      // what POST /api/ingest?build=false and the upload sets do: load on the writer, no build
      await ingestFiles(w, [PAID[0]]);
      expect(await modelsState(w)).toBe('older than the data');
      await ingestFiles(w, [PAID[0]]); // duplicates only: nothing committed, still older
      expect(await modelsState(w)).toBe('older than the data');
      await buildModels(w, { checks: false });
      expect(await modelsState(w)).toBe('current');
    } finally {
      w.close();
    }
  }, 120_000);
});
