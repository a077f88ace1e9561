// A fee schedule and a fee-schedule rule file sent to the server load as `rcm ingest` loads them (the same
// loader): recognised by their header, a bad row refused with its line, the prices built into stg_fee_schedule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, tempWarehouse } from '../tests/support/temp.ts';
import type { Warehouse } from '../warehouse/database.ts';
import { createApp } from './app.ts';
import { addUser, createToken } from '../access/users.ts';
import { DEFAULT_SERVER_OPTIONS } from './options.ts';

describe('fee schedules through the server', () => {
  let warehouse: Warehouse;
  let app: ReturnType<typeof createApp>;
  let token = '';

  beforeAll(async () => {
    warehouse = await tempWarehouse(tempDir('rcm-fees-'));
    await addUser(warehouse, 'loader', 'admin', 'a long enough password', []);
    token = (await createToken(warehouse, 'loader', 'test')).token;
    const writer = await warehouse.connect();
    afterAll(() => writer.close());
    app = createApp(warehouse, DEFAULT_SERVER_OPTIONS, { writer });
  }, 60_000);

  const upload = async (name: string, body: string, build: boolean) => {
    const answer = await app.request(`/api/ingest?build=${build}&name=${name}`, { method: 'POST', body, headers: { authorization: `Bearer ${token}` } });
    expect(answer.status).toBe(200);
    return ((await answer.json()) as { outcome: Record<string, unknown> }).outcome;
  };

  it('loads both kinds by their header, refuses a bad row by its line and builds the prices', async () => {
    expect(await upload('medicare.csv', 'payer_id,procedure_code,modifier,effective_from,effective_to,allowed\nMCRB1,99213,,2025-01-01,,58.80\nMCRB1,99214,,2025-01-01,,-1\n', false))
      .toMatchObject({ status: 'loaded', contentType: 'csv-fee_schedules', rows: 1, rowErrors: 1 });
    expect(await upload('rules.csv', 'payer_id,base_payer_id,percent,effective_from,effective_to\nNWPPO,MCRB1,110,2025-01-01,\n', true))
      .toMatchObject({ status: 'loaded', contentType: 'csv-fee_schedule_rules', rows: 1 });
    expect(await warehouse.all("SELECT line_number, message FROM ingest_error")).toEqual([{ line_number: 3n, message: expect.stringContaining('medicare.csv, line 3: the allowed amount "-1" is not above zero') }]);
    expect(await warehouse.all('SELECT payer_id, procedure_code, allowed::VARCHAR AS allowed, source FROM stg_fee_schedule ORDER BY payer_id')).toEqual([
      { payer_id: 'MCRB1', procedure_code: '99213', allowed: '58.80', source: 'schedule' },
      { payer_id: 'NWPPO', procedure_code: '99213', allowed: '64.68', source: 'rule: 110 % of MCRB1' },
    ]);
  });
});
