// A billing lead at a terminal while `rcm serve` holds the warehouse: `rcm work list|set --server` go through
// the server's work routes with the user's API token (its roles, practices and audit), and say how when the
// file is held. Over real HTTP, with the real server and the real command line.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, createToken } from '../access/users.ts';
import { ingestFiles } from '../ingest/loader/ingest-run.ts';
import { buildModels } from '../warehouse/build.ts';
import { rcmAsync } from './support/cli.ts';
import { AS_OF, queueFiles } from './support/queue-fixture.ts';
import { startServe, type ServeProcess } from './support/serve-process.ts';
import { tempDir, tempWarehouse } from './support/temp.ts';

describe('rcm work through a running server', () => {
  let server: ServeProcess;
  let base = '';
  let db = '';
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    const dir = tempDir('rcm-work-serve-');
    const paths = queueFiles().map(([name, text]) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    });
    const w = await tempWarehouse(dir);
    await ingestFiles(w, paths);
    await buildModels(w);
    await addUser(w, 'bl_a', 'billing_lead', 'a long enough password', ['1234567893']);
    await addUser(w, 'fin', 'finance', 'a long enough password', ['1234567893']);
    for (const user of ['bl_a', 'fin']) tokens[user] = (await createToken(w, user, 'terminal')).token;
    db = w.path;
    w.close();
    server = await startServe(db);
    base = `http://127.0.0.1:${server.port}`;
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('says how to go through the server when the warehouse is held', async () => {
    for (const args of [['work', 'list'], ['work', 'set', 'Q-DENIED', '--status', 'appealed']]) {
      const direct = await rcmAsync({}, ...args, '--db', db);
      expect([direct.status, direct.stderr], args.join(' ')).toEqual([2, expect.stringContaining('--server')]);
    }
  }, 60_000);

  it('sets a claim through the server as the token’s user and lists the queues as the same document', async () => {
    const set = await rcmAsync({}, 'work', 'set', 'Q-DENIED', '--status', 'appealed', '--owner', 'bl_a', '--server', base, '--token', tokens.bl_a);
    expect([set.status, set.stderr, set.stdout]).toEqual([0, '', 'Q-DENIED: appealed, owner bl_a\n']);
    const list = await rcmAsync({ RCM_SERVER: base, RCM_TOKEN: tokens.bl_a }, 'work', 'list', '--as-of', AS_OF, '--json');
    expect(list.status, list.stderr).toBe(0);
    const doc = JSON.parse(list.stdout);
    expect(Object.keys(doc.queues)).toEqual(['unbilled', 'rejected', 'no_response', 'open_denial', 'underpaid', 'credit_balance']);
    expect(doc.queues.open_denial).toEqual({
      count: 1, dollars: 900,
      claims: [{ claim_id: 'Q-DENIED', payer: 'ACME', practice: '1234567893', balance: 900, insurance_portion: 900, patient_portion: 0, days_left: 0, days_since: 60, reason: 'denied 197 N54 (authorization: authorizations)', status: 'appealed', owner: 'bl_a' }],
    });
    expect(doc.queues.no_response.claims.map((c: { claim_id: string; days_since: number }) => [c.claim_id, c.days_since])).toEqual([['Q-SILENT', 101]]);
    // the unbilled visit is known from a charges export that names no practice: a practice's user does not see it
    expect(doc.queues.unbilled).toEqual({ count: 0, dollars: 0, claims: [] });
  }, 60_000);

  it('refuses finance the change (its role reads counts only), saying why', async () => {
    const refused = await rcmAsync({}, 'work', 'set', 'Q-SILENT', '--status', 'in_progress', '--server', base, '--token', tokens.fin);
    expect([refused.status, refused.stderr]).toEqual([2, expect.stringMatching(/403/)]);
  }, 60_000);
});
