// Refused rows of a billing company's exports that mix practices: each practice's users see the refused rows
// that name their practice (the row's Billing NPI, else its claim's practice when one practice has that
// claim), in JSON and CSV; a row naming no practice, a claim two practices use, or a rejected file only an
// admin sees.
import { beforeAll, describe, expect, it } from 'vitest';
import { npi } from '../../demo/practice/practice.ts';
import { ingestFiles } from '../../ingest/loader/ingest-run.ts';
import { tempDir, tempWarehouse, writeFile } from '../../tests/support/temp.ts';
import { buildModels } from '../../warehouse/build.ts';
import type { Warehouse } from '../../warehouse/database.ts';
import { createApp } from '../app.ts';
import { addUser, createToken } from '../../access/users.ts';

const A = npi('111111111');
const B = npi('222222222');
const C = npi('333333333');

const CHARGES = [
  'Claim ID,DOS,CPT,Charge,Billing NPI,Patient',
  `A-1,2025-03-01,99213,120.00,${A},ALPHA ANNA`,
  `B-1,2025-03-01,99213,120.00,${B},BRAVO BEN`,
  `C-1,2025-03-01,99213,120.00,${C},CHARLIE CAT`,
  `S-1,2025-03-02,99214,150.00,${A},SHARED SAM`,
  `S-1,2025-03-02,99214,150.00,${C},SHARED SUE`,
  `A-2,2025-03-03,99213,oops,${A},ALPHA ADAM`, // line 7: A's
  `B-2,2025-03-03,99213,nope,${B},BRAVO BELLA`, // line 8: B's
  `C-2,2025-02-31,99213,80.00,${C},CHARLIE CORA`, // line 9: C's
  'X-9,2025-03-03,,80.00,,NOBODY NED', // line 10: names no practice, an unknown claim
];
// no Billing NPI column: a refused row belongs to its claim's practice, when one practice has that claim
const POSTINGS = [
  'Claim ID,Date,Amount,Type,Paid By',
  'B-1,2025-03-10,20.00,Mystery,BRAVO BEN', // line 2: B's claim
  'S-1,2025-03-10,20.00,Mystery,SHARED SAM', // line 3: a claim number A and C both use
  'A-1,2025-03-10,20.00,Patient Payment,ALPHA ANNA',
];

describe('refused rows of a mixed export', () => {
  let warehouse: Warehouse;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    const dir = tempDir('rcm-row-errors-');
    warehouse = await tempWarehouse(dir);
    const run = await ingestFiles(warehouse, [
      writeFile(dir, 'charges.csv', CHARGES.join('\n')),
      writeFile(dir, 'postings.csv', POSTINGS.join('\n')),
      writeFile(dir, 'unknown.csv', `Patient,Billing NPI\nALPHA ANNA,${A}\n`), // not an export rcm knows: the whole file is refused
    ]);
    expect(run.outcomes.map((o) => o.status)).toEqual(['loaded', 'loaded', 'rejected']);
    await buildModels(warehouse);
    for (const [name, role, practices] of [['root', 'admin', []], ['alpha', 'billing_lead', [A]], ['bravo', 'practice_manager', [B]], ['charlie', 'billing_lead', [C]]] as const) {
      await addUser(warehouse, name, role, 'a long enough password', [...practices]);
      tokens[name] = (await createToken(warehouse, name, 'test')).token;
    }
  }, 60_000);

  const errors = async (user: string, format: 'json' | 'csv' = 'json') => {
    const app = createApp(warehouse);
    const response = await app.request(`/api/ingest/errors?format=${format}`, { headers: { authorization: `Bearer ${tokens[user]}` } });
    expect(response.status, user).toBe(200);
    return response;
  };
  const seen = async (user: string) => ((await (await errors(user)).json()) as { rows: { file_name: string; line_number: number; raw_row: string }[] }).rows
    .map((r) => `${r.file_name.replace(/^.*\//, '')}:${r.line_number}`).sort();

  it('records the practice each refused row names', async () => {
    expect(await warehouse.all("SELECT regexp_replace(file_name, '^.*/', '') AS file, line_number, billing_npi FROM ingest_error ORDER BY file, line_number")).toEqual([
      { file: 'charges.csv', line_number: 7n, billing_npi: A },
      { file: 'charges.csv', line_number: 8n, billing_npi: B },
      { file: 'charges.csv', line_number: 9n, billing_npi: C },
      { file: 'charges.csv', line_number: 10n, billing_npi: null },
      { file: 'postings.csv', line_number: 2n, billing_npi: B },
      { file: 'postings.csv', line_number: 3n, billing_npi: null },
      { file: 'unknown.csv', line_number: null, billing_npi: null },
    ]);
  });

  it('shows each practice its own refused rows only, and an admin all of them', async () => {
    expect(await seen('alpha')).toEqual(['charges.csv:7']);
    expect(await seen('bravo')).toEqual(['charges.csv:8', 'postings.csv:2']);
    expect(await seen('charlie')).toEqual(['charges.csv:9']);
    expect(await seen('root')).toEqual(['charges.csv:10', 'charges.csv:7', 'charges.csv:8', 'charges.csv:9', 'postings.csv:2', 'postings.csv:3', 'unknown.csv:null']);
  });

  it('exports the same rows as CSV', async () => {
    const csv = async (user: string) => (await (await errors(user, 'csv')).text()).trim().split('\n');
    const alpha = (await csv('alpha')).join('\n');
    expect(await csv('alpha')).toHaveLength(2);
    expect(alpha).toContain('ALPHA ADAM');
    for (const name of ['BRAVO', 'CHARLIE', 'NOBODY', 'SHARED']) expect(alpha).not.toContain(name);
    const bravo = (await csv('bravo')).join('\n');
    expect(await csv('bravo')).toHaveLength(3);
    for (const name of ['ALPHA', 'CHARLIE', 'NOBODY', 'SHARED']) expect(bravo).not.toContain(name);
    const charlie = (await csv('charlie')).join('\n');
    expect(await csv('charlie')).toHaveLength(2);
    for (const name of ['ALPHA', 'BRAVO', 'NOBODY', 'SHARED']) expect(charlie).not.toContain(name);
    expect(await csv('root')).toHaveLength(8);
  });
});
