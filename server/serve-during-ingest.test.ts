// The server keeps answering while files load: `rcm serve` holds the warehouse (so a direct `rcm ingest`
// is told to go through it), `rcm ingest --server` sends a second practice's files to it, and reads sent
// all along answer 200, each with the numbers from before the load or after it, never from half of it.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FOLDERS, writeDataset } from '../demo/dataset/write-dataset.ts';
import { npi } from '../demo/practice/practice.ts';
import { ingestFiles } from '../ingest/loader/ingest-run.ts';
import { buildModels } from '../warehouse/build.ts';
import { REPO, rcm } from '../tests/support/cli.ts';
import { startServe } from '../tests/support/serve-process.ts';
import { tempDir, tempWarehouse } from '../tests/support/temp.ts';
import { addUser, createToken } from '../access/users.ts';
import { copyPractice } from '../tests/support/practice-copy.ts';

const OTHER = npi('987654321');

describe('serving during an ingest', () => {
  it('answers every read while another practice’s files load through it, before or after, never half', async () => {
    const dir = tempDir('rcm-live-');
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    await writeDataset({ seed: 8, claims: 400, months: 3, start: '2025-01-01', out: a });
    copyPractice(a, b, { billingNpi: OTHER, claimPrefix: 'OTH', submitterId: 'OTHERSUB' });
    const w = await tempWarehouse(dir);
    await ingestFiles(w, Object.values(FOLDERS).map((f) => join(a, f)));
    await buildModels(w);
    await addUser(w, 'loader', 'admin', 'a long enough password', []);
    const { token } = await createToken(w, 'loader', 'test');
    const db = w.path;
    w.close();

    const server = await startServe(db);
    try {
      const base = `http://127.0.0.1:${server.port}`;
      const auth = { authorization: `Bearer ${token}` };
      const arTotal = async () => {
        const response = await fetch(`${base}/api/metrics?metric=ar_total&as_of=2025-03-31`, { headers: auth });
        expect(response.status).toBe(200);
        return ((await response.json()) as { metrics: { ar_total: { numerator: number } } }).metrics.ar_total.numerator;
      };
      const before = await arTotal();

      // the file is the server's: a direct load is told how to go through it
      const direct = rcm('ingest', '--db', db, join(b, '835'));
      expect(direct.status).toBe(2);
      expect(direct.stderr).toContain('rcm ingest --server');

      const loading = spawn(process.execPath, [`${REPO}bin/rcm.cjs`, 'ingest', '--server', base, '--json', ...Object.values(FOLDERS).map((f) => join(b, f))], {
        cwd: REPO, env: { ...process.env, RCM_TOKEN: token },
      });
      let output = '';
      loading.stdout.on('data', (chunk) => (output += chunk));
      loading.stderr.on('data', (chunk) => (output += chunk));
      const done = new Promise<number | null>((resolve) => loading.once('exit', resolve));
      let finished = false;
      void done.then(() => (finished = true));

      const seen: number[] = [];
      let claimLists = 0;
      while (!finished) {
        seen.push(await arTotal());
        const list = await fetch(`${base}/api/claims?as_of=2025-03-31&status=open&page_size=10`, { headers: auth });
        expect(list.status).toBe(200);
        claimLists++;
        await new Promise((r) => setTimeout(r, 100)); // a user's pace, not a flood
      }
      expect(await done, output).toBe(0);
      const after = await arTotal();

      expect(seen.length).toBeGreaterThan(3); // reads answered while the files loaded
      expect(claimLists).toBe(seen.length);
      expect(Math.round(after * 100)).toBe(2 * Math.round(before * 100)); // the second practice is a copy of the first
      for (const value of seen) expect([before, after], `a read during the load saw ${value}`).toContain(value);
      const report = JSON.parse(output) as { files: { status: string; file: string }[]; failed_checks: string[] };
      // the copy's payer profile and fee schedules are the same files as the first practice's (they name no practice): loaded once
      const notLoaded = report.files.filter((f) => f.status !== 'loaded');
      expect(notLoaded.map((f) => [f.status, f.file.split('/').pop()]).sort()).toEqual([['duplicate', 'fee-schedule-rules.csv'], ['duplicate', 'fee-schedule.csv'], ['duplicate', 'payer-profiles.csv']]);
      expect(report.failed_checks).toEqual([]);
    } finally {
      await server.stop();
    }
  }, 240_000);
});
