// The work queues over HTTP, through app.request() over the queue hand case (tests/support/queue-fixture.ts) held by
// two practices: A's own files and a copy under another billing NPI with its own claim numbers. Who may read the
// claims, the counts, and write; a reader of A never reaches B's claims (404, and nothing changes); a change shows
// in the list, goes on the audit trail with who and what, and is still there once the warehouse is closed and opened.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { npi } from '../../demo/practice/practice.ts';
import { ingestFiles } from '../../ingest/loader/ingest-run.ts';
import { buildModels } from '../../warehouse/build.ts';
import { Warehouse } from '../../warehouse/database.ts';
import { WORK_STATUSES } from '../../warehouse/queries/work-state.ts';
import { QUEUES } from '../../warehouse/queries/work-queues.ts';
import { listAudit } from '../../access/audit.ts';
import { addUser, createToken, type Role } from '../../access/users.ts';
import { WORK_QUEUES, WORK_STATUSES as API_STATUSES, WorkList, type WorkCounts } from '../../kernel/api/work.ts';
import { AS_OF, queueFiles } from '../../tests/support/queue-fixture.ts';
import { PRACTICE } from '../../tests/support/fixture-practice.ts';
import { tempDir } from '../../tests/support/temp.ts';
import { createApp } from '../app.ts';

const A = PRACTICE.billingNpi;
const B = npi('987654321');
const PASSWORD = 'a long enough password';

/** A charges export naming its practice (Billing NPI), as one of several practices' must. */
function withBillingNpi(name: string, text: string, practice: string): string {
  if (!name.startsWith('charges-')) return text;
  return text.trimEnd().split('\n').map((line, i) => `${line},${i === 0 ? 'Billing NPI' : practice}`).join('\n') + '\n';
}

/** The hand case as another practice: its billing NPI, claim numbers (B-…) and submitter id. */
function otherPractice(text: string): string {
  return text.replaceAll(A, B).replaceAll('Q-UNBILLED', 'B-UNBILLED').replaceAll('Q-SILENT', 'B-SILENT').replaceAll('Q-DENIED', 'B-DENIED').replaceAll('FIXCLINIC', 'OTHERSUB');
}

describe('/api/work: the queues, their counts and the work state', () => {
  const dir = tempDir('rcm-work-route-');
  const path = join(dir, 'work.duckdb');
  let warehouse: Warehouse;
  let app: ReturnType<typeof createApp>;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    const paths: string[] = [];
    for (const [name, text] of queueFiles()) {
      paths.push(join(dir, `a-${name}`));
      writeFileSync(paths.at(-1)!, withBillingNpi(name, text, A));
    }
    for (const [name, text] of queueFiles()) {
      if (name.endsWith('.csv') && text.startsWith('payer_id,')) continue;
      paths.push(join(dir, `b-${name}`));
      writeFileSync(paths.at(-1)!, withBillingNpi(name, otherPractice(text), B));
    }
    warehouse = await Warehouse.open(path);
    const run = await ingestFiles(warehouse, paths);
    expect(run.outcomes.map((o) => o.status)).not.toContain('rejected');
    await buildModels(warehouse);
    const users: [string, Role, string[]][] = [['root', 'admin', []], ['bl_a', 'billing_lead', [A]], ['pm_b', 'practice_manager', [B]], ['fin', 'finance', [A]]];
    for (const [name, role, practices] of users) {
      await addUser(warehouse, name, role, PASSWORD, practices);
      tokens[name] = (await createToken(warehouse, name, 'test')).token;
    }
    app = createApp(warehouse);
  }, 120_000);
  afterAll(() => warehouse?.close());

  const get = (url: string, as: string) => app.request(url, { headers: { authorization: `Bearer ${tokens[as]}` } });
  const post = (body: unknown, as: string) => app.request('/api/work/state', { method: 'POST', headers: { authorization: `Bearer ${tokens[as]}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const list = async (query: string, as = 'bl_a') => {
    const response = await get(`/api/work?as_of=${AS_OF}&${query}`, as);
    expect(response.status, await response.clone().text()).toBe(200);
    return (await response.json()) as WorkList;
  };

  it('names the same queues and statuses as the warehouse', () => {
    expect([...WORK_QUEUES]).toEqual([...QUEUES]);
    expect([...API_STATUSES]).toEqual([...WORK_STATUSES]);
  });

  it("gives a billing lead their practice's queues: counts and dollars, and a queue's claims in rank order", async () => {
    const denials = await list('queue=open_denial');
    expect(WorkList.safeParse(denials).success).toBe(true);
    expect(denials.queues).toEqual({
      unbilled: { count: 1, dollars: '120.00' }, rejected: { count: 0, dollars: '0.00' }, no_response: { count: 1, dollars: '180.00' },
      open_denial: { count: 1, dollars: '900.00' }, underpaid: { count: 0, dollars: '0.00' }, credit_balance: { count: 0, dollars: '0.00' },
    });
    expect(denials.rows).toEqual([expect.objectContaining({
      queue: 'open_denial', rank: 1, claim_id: 'Q-DENIED', practice: A, payer_id: 'ACME', payer_name: 'ACME HEALTH PLAN', balance: '900.00',
      days_left: 0, days_since: 60, reason: 'denied 197 N54 (authorization: authorizations)', status: 'new', owner: null, follow_up: null,
    })]);
    expect(denials.total).toBe(1);
    expect([denials.rows[0].provider, denials.rows[0].provider_name]).toEqual(['1999999984', expect.stringMatching(/SMITH/)]);
    expect((await list('')).rows.map((r) => [r.claim_id, r.days_left])).toEqual([['Q-UNBILLED', 4]]);
    // the clock: the silent claim's filing limit has passed (−12), the unbilled visit's is 4 days away
    expect((await list('clock=overdue')).queues.no_response.count).toBe(1);
    expect((await list('clock=overdue')).queues.unbilled.count).toBe(0);
    expect((await list('clock=week')).queues.unbilled.count).toBe(1);
    expect((await list('payer=OTHER')).queues.unbilled.count).toBe(0);
  });

  it('answers the counts to finance, and refuses finance the claims and the writes', async () => {
    const counts = (await (await get(`/api/work/counts?as_of=${AS_OF}`, 'fin')).json()) as WorkCounts;
    expect(counts).toEqual({ as_of: AS_OF, queues: expect.objectContaining({ open_denial: { count: 1, dollars: '900.00' } }) });
    expect((await get(`/api/work?as_of=${AS_OF}`, 'fin')).status).toBe(403);
    expect((await post({ claims: ['Q-DENIED'], status: 'appealed' }, 'fin')).status).toBe(403);
    // an admin sees both practices
    const all = (await (await get(`/api/work/counts?as_of=${AS_OF}`, 'root')).json()) as WorkCounts;
    expect(all.queues.open_denial).toEqual({ count: 2, dollars: '1800.00' });
  });

  it("answers 404 for another practice's claim, and changes nothing", async () => {
    const refused = await post({ claims: ['Q-UNBILLED', 'B-DENIED'], status: 'in_progress' }, 'bl_a');
    expect(refused.status).toBe(404);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('not_found');
    expect((await list('')).rows[0].status).toBe('new');
    expect((await get(`/api/work?as_of=${AS_OF}&practice=${B}`, 'bl_a')).status).toBe(404);
    const b = (await (await get(`/api/work?as_of=${AS_OF}&queue=open_denial`, 'pm_b')).json()) as WorkList;
    expect(b.rows.map((r) => r.claim_id)).toEqual(['B-DENIED']);
  });

  it('refuses a change that says nothing, an unknown status or a malformed date', async () => {
    expect((await post({ claims: ['Q-DENIED'] }, 'bl_a')).status).toBe(400);
    expect((await post({ claims: ['Q-DENIED'], status: 'lost' }, 'bl_a')).status).toBe(400);
    expect((await post({ claims: ['Q-DENIED'], follow_up: '2025-13-01' }, 'bl_a')).status).toBe(400);
    // an owner must be a user of the workbench
    const nobody = await post({ claims: ['Q-DENIED'], owner: 'nobody_here' }, 'bl_a');
    expect([nobody.status, (await nobody.json()).error.code]).toEqual([400, 'unknown_user']);
  });

  it('shows a claim appealed through the work state in days_to_appeal at once, though the metric answer was kept', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const appealed = async () => {
      const response = await get(`/api/metrics?metric=days_to_appeal&as_of=${today}&from=2025-01-01&to=${today}`, 'bl_a');
      expect(response.status, await response.clone().text()).toBe(200);
      const { metrics } = (await response.json()) as { metrics: Record<string, { n?: number | null; value: number | null }> };
      return metrics.days_to_appeal;
    };
    expect((await appealed()).value).toBeNull();
    expect((await post({ claims: ['Q-DENIED'], status: 'appealed' }, 'bl_a')).status).toBe(200);
    // denied on the 835 of 2025-05-01, appealed today
    const days = (Date.parse(today) - Date.parse('2025-05-01')) / 86_400_000;
    expect(await appealed()).toMatchObject({ n: 1, value: days });
  });

  it('sets owner, status, follow-up and note in bulk: the list shows them, the audit trail says who and what', async () => {
    const response = await post({ claims: ['Q-DENIED', 'Q-UNBILLED'], status: 'in_progress', owner: 'bl_a', follow_up: '2025-07-07', note: 'auth on file' }, 'bl_a');
    expect(response.status, await response.clone().text()).toBe(200);
    const { states } = (await response.json()) as { states: { claim_id: string; status: string; owner: string; updated_by: string }[] };
    expect(states.map((s) => [s.claim_id, s.status, s.owner, s.updated_by])).toEqual([['Q-DENIED', 'in_progress', 'bl_a', 'bl_a'], ['Q-UNBILLED', 'in_progress', 'bl_a', 'bl_a']]);
    await post({ claims: ['Q-DENIED'], status: 'appealed' }, 'bl_a');
    const denial = (await list('queue=open_denial')).rows[0];
    expect([denial.status, denial.owner, denial.follow_up, denial.balance]).toEqual(['appealed', 'bl_a', '2025-07-07', '900.00']);
    expect((await list('status=in_progress')).rows.map((r) => r.claim_id)).toEqual(['Q-UNBILLED']);
    expect((await list('owner=bl_a')).queues.open_denial.count).toBe(1);
    expect((await list('status=new')).queues.no_response.count).toBe(1);
    const audit = await listAudit(warehouse, { username: 'bl_a', limit: 100 });
    const changes = audit.filter((e) => e.route === 'POST /api/work/state').map((e) => [JSON.parse(e.parameters), Number(e.rowCount)]);
    expect(changes).toContainEqual([{ claim: 'Q-DENIED', status: 'in_progress', owner: 'bl_a', follow_up: '2025-07-07', note: 'auth on file' }, 1]);
    expect(changes).toContainEqual([{ claim: 'Q-DENIED', status: 'appealed' }, 1]);
    expect(changes).toContainEqual([expect.objectContaining({ claim: 'B-DENIED', refused: 'no claim B-DENIED' }), 0]);
    expect(audit.some((e) => e.route === '/api/work')).toBe(true);
  });

  it('exports the whole queue as CSV (or Arrow), audited', async () => {
    const response = await get(`/api/work?as_of=${AS_OF}&queue=no_response&format=csv`, 'bl_a');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="work-no_response-${AS_OF}.csv"`);
    const lines = (await response.text()).trim().split('\n');
    expect(lines[0]).toBe('queue,rank,claim_id,practice,payer_id,payer_name,provider,provider_name,balance,insurance_portion,patient_portion,days_left,days_since,reason,status,owner,follow_up');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual(['no_response,1,Q-SILENT']);
    const audit = await listAudit(warehouse, { username: 'bl_a', limit: 5 });
    expect(audit.some((e) => e.route === '/api/work (csv export)')).toBe(true);
    const arrow = await app.request(`/api/work?as_of=${AS_OF}&queue=no_response`, { headers: { authorization: `Bearer ${tokens.bl_a}`, accept: 'application/vnd.apache.arrow.stream' } });
    expect([arrow.status, arrow.headers.get('content-type'), arrow.headers.get('x-total-count')]).toEqual([200, 'application/vnd.apache.arrow.stream', '1']);
  });

  it('asks the session for its CSRF token before a change', async () => {
    const signIn = await app.request('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bl_a', password: PASSWORD }) });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0];
    const { csrf_token: csrf } = (await signIn.json()) as { csrf_token: string };
    const change = (headers: Record<string, string>) => app.request('/api/work/state', { method: 'POST', headers: { cookie, 'content-type': 'application/json', ...headers }, body: JSON.stringify({ claims: ['Q-SILENT'], status: 'waiting_on_payer' }) });
    expect((await change({})).status).toBe(403);
    expect((await change({ 'x-csrf-token': csrf })).status).toBe(200);
  });

  it('keeps the work state once the warehouse is closed and opened again', async () => {
    warehouse.close();
    warehouse = await Warehouse.open(path);
    app = createApp(warehouse);
    const denial = (await list('queue=open_denial')).rows[0];
    expect([denial.claim_id, denial.status, denial.owner]).toEqual(['Q-DENIED', 'appealed', 'bl_a']);
    expect((await list('queue=no_response')).rows[0].status).toBe('waiting_on_payer');
  });
});
