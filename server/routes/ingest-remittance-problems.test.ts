// GET /api/ingest/remittance-problems, which the Ingest page reads: the remittances of the reader's practices
// that a person must look at, each naming the first file of its payment; another practice's reader sees none.
import { beforeAll, describe, expect, it } from 'vitest';
import { npi } from '../../demo/practice/practice.ts';
import { ingestFiles } from '../../ingest/loader/ingest-run.ts';
import { conflictingFixture835, resentFixture835 } from '../../tests/support/fixture-835.ts';
import { tempDir, tempWarehouse, writeFile } from '../../tests/support/temp.ts';
import { buildModels } from '../../warehouse/build.ts';
import type { Warehouse } from '../../warehouse/database.ts';
import { createApp } from '../app.ts';
import { addUser, createToken } from '../../access/users.ts';

/** The fixture's payee: the practice its claims belong to. */
const PRACTICE = '1234567893';

const OTHER = npi('222222222');

/**
 * The fixture's remittance beside a second payment, in the same file, to another payee (another practice) for
 * its own claims: a clearinghouse's file may carry several payees' ERAs.
 */
function twoPayees(n: number): string {
  const text = resentFixture835(n);
  const start = text.indexOf('ST*835*');
  const end = text.indexOf('GE*');
  const other = text.slice(start, end).replaceAll('1234567893', OTHER).replaceAll('CLAIM-', 'OTHER-').replace('TRACE001', 'TRACE002').replaceAll('*0001~', '*0002~');
  return text.slice(0, end) + other + text.slice(end).replace('GE*1*', 'GE*2*');
}

type Problem = { problem: string; file_name: string; first_file_name: string | null; claim_id: string | null; counted: string };

describe('the remittances to look at, through the ingest API', () => {
  let warehouse: Warehouse;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    const dir = tempDir('rcm-remittance-problems-');
    warehouse = await tempWarehouse(dir);
    await ingestFiles(warehouse, [1, 2, 3].map((n) => writeFile(dir, `era-${n}.835`, resentFixture835(n))));
    await ingestFiles(warehouse, [writeFile(dir, 'era-conflict.835', conflictingFixture835())]);
    await buildModels(warehouse);
    for (const [name, role, practices] of [['root', 'admin', []], ['lead', 'billing_lead', [PRACTICE]], ['other', 'billing_lead', [npi('222222222')]]] as const) {
      await addUser(warehouse, name, role, 'a long enough password', [...practices]);
      tokens[name] = (await createToken(warehouse, name, 'test')).token;
    }
  });

  const get = (path: string, user: string) => createApp(warehouse).request(path, { headers: { authorization: `Bearer ${tokens[user]}` } });
  const rows = async (path: string, user: string) => ((await (await get(path, user)).json()) as { rows: Problem[] }).rows;

  it("lists each problem of the reader's practices, newest file first, naming the first file", async () => {
    const response = await get('/api/ingest/remittance-problems', 'lead');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-total-count')).toBe('5');
    const found = ((await response.json()) as { rows: Problem[] }).rows;
    expect(found.map((r) => [r.problem, r.file_name.split('/').pop(), r.first_file_name?.split('/').pop() ?? null, r.claim_id, r.counted])).toEqual([
      ['payment_conflict', 'era-conflict.835', 'era-1.835', null, 'counted'],
      ['orphan_reversal', 'era-conflict.835', null, 'CLAIM-C', 'cash only'],
      ['duplicate_remittance', 'era-3.835', 'era-1.835', null, 'not counted'],
      ['duplicate_remittance', 'era-2.835', 'era-1.835', null, 'not counted'],
      ['orphan_reversal', 'era-1.835', null, 'CLAIM-C', 'cash only'],
    ]);
    expect(await rows('/api/ingest/remittance-problems?batch=1', 'root')).toHaveLength(3);
  });

  it("shows another practice's reader nothing", async () => {
    expect(await rows('/api/ingest/remittance-problems', 'other')).toEqual([]);
  });

  it("shows each payee's practice only its own rows of a file that carries two practices' remittances", async () => {
    const dir = tempDir('rcm-remittance-payees-');
    const w = await tempWarehouse(dir);
    await ingestFiles(w, [1, 2].map((n) => writeFile(dir, `two-payees-${n}.835`, twoPayees(n))));
    await buildModels(w);
    await addUser(w, 'ours', 'billing_lead', 'a long enough password', [PRACTICE]);
    await addUser(w, 'theirs', 'billing_lead', 'a long enough password', [OTHER]);
    await addUser(w, 'root', 'admin', 'a long enough password', []);
    const token = async (name: string) => (await createToken(w, name, 'test')).token;
    const seen = async (name: string) => {
      const response = await createApp(w).request('/api/ingest/remittance-problems', { headers: { authorization: `Bearer ${await token(name)}` } });
      return ((await response.json()) as { rows: (Problem & { trace_number: string })[] }).rows.map((r) => [r.problem, r.trace_number, r.claim_id]);
    };
    expect(await seen('ours')).toEqual([['duplicate_remittance', 'TRACE001', null], ['orphan_reversal', 'TRACE001', 'CLAIM-C']]);
    expect(await seen('theirs')).toEqual([['duplicate_remittance', 'TRACE002', null], ['orphan_reversal', 'TRACE002', 'OTHER-C']]);
    expect(await seen('root')).toHaveLength(4);
  });

  it('downloads as CSV, and every read is audited (the rows name claims)', async () => {
    const csv = await (await get('/api/ingest/remittance-problems?format=csv', 'root')).text();
    expect(csv.split('\n')[0]).toBe('problem,batch_id,file_id,file_name,segment_position,claim_id,payer_id,trace_number,payment_date,amount,first_file_name,first_segment_position,counted,message,hint');
    expect(csv.split('\n').filter(Boolean)).toHaveLength(6);
    expect((await warehouse.all("SELECT route FROM audit_event WHERE route LIKE '/api/ingest/remittance-problems%'")).length).toBeGreaterThanOrEqual(4);
  });
});
