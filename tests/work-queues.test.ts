// The work queues at an as-of date (metrics.md, "Work queues"), on the hand case of tests/support/queue-fixture.ts:
// each claim in its queue with its clock, its reason and its rank.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFiles } from '../ingest/loader/ingest-run.ts';
import { buildModels } from '../warehouse/build.ts';
import { Warehouse } from '../warehouse/database.ts';
import { workPage, workTotals } from '../warehouse/queries/work-list.ts';
import { workQueues, type QueueRow } from '../warehouse/queries/work-queues.ts';
import { AS_OF, queueFiles } from './support/queue-fixture.ts';
import { addUser } from '../access/users.ts';
import { rcmHere } from './support/cli-here.ts';
import { tempDir, tempWarehouse } from './support/temp.ts';

describe('work queues: the hand case', () => {
  const dir = tempDir();
  let w: Warehouse;
  let rows: QueueRow[];
  const of = (queue: string) => rows.filter((r) => r.queue === queue).map((r) => ({ claim: r.claim_id, balance: r.balance, days_left: r.days_left, days_since: r.days_since, reason: r.reason }));

  beforeAll(async () => {
    const paths = queueFiles().map(([name, text]) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    });
    w = await tempWarehouse(dir);
    const run = await ingestFiles(w, paths);
    expect(run.outcomes.map((o) => o.status)).not.toContain('rejected');
    const build = await buildModels(w);
    expect(build.checks.filter((c) => c.failures > 0n)).toEqual([]);
    rows = await workQueues(w, AS_OF);
  }, 120_000);
  afterAll(() => w?.close());

  it('puts the visit never billed in unbilled, 4 days before its 90-day filing limit (90 − 86)', () => {
    expect(of('unbilled')).toEqual([{ claim: 'Q-UNBILLED', balance: '120.00', days_left: 4, days_since: null, reason: 'not billed' }]);
  });

  it('puts the claim billed and never answered in no_response, 101 days after its submission', () => {
    // DOS 03-20: its filing clock (90 − 102) has run out, though it was sent the next day
    expect(of('no_response')).toEqual([{ claim: 'Q-SILENT', balance: '180.00', days_left: -12, days_since: 101, reason: 'no answer 101 days after the last submission' }]);
  });

  it('puts the denied claim in open_denial with 0 days left to appeal (60 − 60), its CARC and category named', () => {
    expect(of('open_denial')).toEqual([{ claim: 'Q-DENIED', balance: '900.00', days_left: 0, days_since: 60, reason: 'denied 197 N54 (authorization: authorizations)' }]);
  });

  it('ranks the deadlines: the denial first, the unbilled visit second', () => {
    const deadlines = rows.filter((r) => r.deadline_rank !== null).sort((a, b) => a.deadline_rank! - b.deadline_rank!).map((r) => r.claim_id);
    expect(deadlines).toEqual(['Q-DENIED', 'Q-UNBILLED']);
  });

  it('counts each queue and gives a page of one', async () => {
    const counts = {
      unbilled: { count: 1, dollars: '120.00' }, rejected: { count: 0, dollars: '0.00' },
      no_response: { count: 1, dollars: '180.00' }, open_denial: { count: 1, dollars: '900.00' },
      underpaid: { count: 0, dollars: '0.00' }, credit_balance: { count: 0, dollars: '0.00' },
    };
    expect(await workTotals(w, AS_OF, undefined)).toEqual(counts);
    const first = await workPage(w, AS_OF, undefined, 'open_denial', {}, { limit: 1, offset: 0 });
    expect([first.queues, first.rows.map((r) => [r.queue, r.claim_id, r.rank])]).toEqual([counts, [['open_denial', 'Q-DENIED', 1]]]);
    expect((await workPage(w, AS_OF, undefined, 'open_denial', {}, { limit: 1, offset: 1 })).rows).toEqual([]);
  });

  it('has nothing rejected and no credit balance; sees only the practices a reader may', async () => {
    expect([of('rejected'), of('credit_balance')]).toEqual([[], []]);
    expect(await workQueues(w, AS_OF, ['9999999991'])).toEqual([]);
  });

  describe('rcm work', () => {
    beforeAll(async () => {
      // the owner a claim is assigned to is a user of the workbench
      await addUser(w, 'bl_a', 'billing_lead', 'a billing lead password', ['1234567893']);
      w.close();
    }, 60_000);

    it('lists the queues as the documented JSON document', async () => {
      const run = await rcmHere('work', 'list', '--db', w.path, '--as-of', AS_OF, '--json');
      expect(run.status).toBe(0);
      const doc = JSON.parse(run.stdout);
      expect(Object.keys(doc)).toEqual(['as_of', 'queues']);
      expect(doc.as_of).toBe(AS_OF);
      expect(Object.keys(doc.queues)).toEqual(['unbilled', 'rejected', 'no_response', 'open_denial', 'underpaid', 'credit_balance']);
      expect(doc.queues.open_denial).toEqual({
        count: 1, dollars: 900,
        claims: [{ claim_id: 'Q-DENIED', payer: 'ACME', practice: '1234567893', balance: 900, insurance_portion: 900, patient_portion: 0, days_left: 0, days_since: 60, reason: 'denied 197 N54 (authorization: authorizations)', status: 'new', owner: null }],
      });
      expect(doc.queues.unbilled.claims.map((c: { claim_id: string; days_left: number }) => [c.claim_id, c.days_left])).toEqual([['Q-UNBILLED', 4]]);
    });

    it('sets a work state that the list shows, audited, the numbers unchanged; refuses what is not one', async () => {
      const set = await rcmHere('work', 'set', 'Q-DENIED', '--db', w.path, '--status', 'appealed', '--owner', 'bl_a', '--follow-up', '2025-07-15', '--note', 'appeal sent with the authorization');
      expect([set.status, set.stdout]).toEqual([0, 'Q-DENIED: appealed, owner bl_a, follow up 2025-07-15\n']);
      const doc = JSON.parse((await rcmHere('work', 'list', '--db', w.path, '--as-of', AS_OF, '--queue', 'open_denial', '--owner', 'bl_a', '--json')).stdout);
      expect(doc.queues.open_denial.claims.map((c: { claim_id: string; status: string; owner: string; balance: number; days_left: number }) => [c.claim_id, c.status, c.owner, c.balance, c.days_left]))
        .toEqual([['Q-DENIED', 'appealed', 'bl_a', 900, 0]]);
      expect((await rcmHere('work', 'set', 'Q-DENIED', '--db', w.path, '--status', 'lost')).stderr).toMatch(/--status must be one of new, in_progress/);
      expect((await rcmHere('work', 'set', 'Q-DENIED', '--db', w.path, '--owner', 'nobody_here')).stderr).toMatch(/no user nobody_here may work claims/);
      const unknown = await rcmHere('work', 'set', 'NO-SUCH', '--db', w.path, '--status', 'done');
      expect([unknown.status, unknown.stderr]).toEqual([2, expect.stringContaining('no claim NO-SUCH in the warehouse')]);
      const reopened = await Warehouse.open(w.path);
      try {
        expect(await reopened.all("SELECT username, route, parameters FROM audit_event WHERE route = 'rcm work set'")).toEqual([
          { username: expect.stringMatching(/^cli:/), route: 'rcm work set', parameters: expect.stringContaining('"status":"appealed"') },
        ]);
        expect(await reopened.all('SELECT claim_id, status, owner, note FROM work_state_event')).toEqual([
          { claim_id: 'Q-DENIED', status: 'appealed', owner: 'bl_a', note: 'appeal sent with the authorization' },
        ]);
      } finally {
        reopened.close();
      }
      // the claim's history tells it, after the day's other events, and no balance moves
      const history = JSON.parse((await rcmHere('claim', 'show', 'Q-DENIED', '--db', w.path, '--json')).stdout).events;
      const work = history.filter((e: { source: string }) => e.source === 'work');
      expect(work).toEqual([expect.objectContaining({ event: 'appealed', amount: null, balance_delta: 0, balance: 900, detail: expect.stringMatching(/^by cli:.*; owner bl_a; follow up 2025-07-15; note: appeal sent with the authorization$/) })]);
      expect(history.at(-1).source).toBe('work');
    });
  });
});
