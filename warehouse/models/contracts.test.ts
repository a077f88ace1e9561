// The models' contracts: one beside each model, listed once, naming columns the model has; and every
// given/expect case answered as expected (run here, not by rcm build: a case proves the SQL, which is the
// same in every warehouse, where a build's rules prove the data).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModels, LAYERS, loadModels } from '../build.ts';
import type { Warehouse } from '../database.ts';
import { tempWarehouse } from '../../tests/support/temp.ts';
import { CONTRACTS } from './contracts.ts';
import { runCase } from './cases.ts';

const DIR = fileURLToPath(new URL('.', import.meta.url));

describe('the models’ contracts', () => {
  let w: Warehouse;
  beforeAll(async () => {
    w = await tempWarehouse();
    await buildModels(w, { checks: false });
  }, 60_000);

  it('sit beside every model, each listed once in contracts.ts', () => {
    const models = loadModels().map((m) => m.name).sort();
    expect(CONTRACTS.map((c) => c.model).sort()).toEqual(models);
    const files = LAYERS.flatMap((layer) => readdirSync(join(DIR, layer)).filter((f) => f.endsWith('.contract.ts')).map((f) => f.replace('.contract.ts', '')));
    expect(files.sort()).toEqual(models);
  });

  it('keep the grain where an analyst reads it first: the top of the model', () => {
    for (const m of loadModels()) expect(m.sql, m.name).toMatch(/^-- grain: /);
  });

  it('name only columns their model has', async () => {
    for (const c of CONTRACTS) {
      const columns = (await w.all<{ column_name: string }>('SELECT column_name FROM duckdb_columns() WHERE table_name = $1', [c.model])).map((r) => r.column_name);
      for (const column of [...(c.key ?? []), ...c.notNull, ...c.cases.flatMap((k) => k.expect.flatMap(Object.keys))]) expect(columns, `${c.model}: ${column}`).toContain(column);
    }
  });

  const cases = CONTRACTS.flatMap((c) => c.cases.map((k) => [c.model, k.name, k] as const));
  it.each(cases)('%s: %s', async (model, _, k) => {
    expect(await runCase(w, loadModels().find((m) => m.name === model)!, k)).toEqual({ missing: [], unexpected: [] });
  });

  it('has a case for the reversal and its correction, the crossover and a shared patient control number', () => {
    expect(cases.map(([model]) => model)).toEqual(expect.arrayContaining(['mart_claim_balance', 'mart_claim', 'stg_claim_number']));
  });

  it('fails a case whose model answers otherwise, with the rows apart', async () => {
    const model = loadModels().find((m) => m.name === 'mart_claim_balance')!;
    const k = CONTRACTS.find((c) => c.model === 'mart_claim_balance')!.cases[0];
    const wrong = { ...k, expect: k.expect.map((row) => (row.valid_to === null ? { ...row, total_balance: 60 } : row)) };
    const result = await runCase(w, model, wrong);
    expect(result.missing).toEqual([expect.objectContaining({ valid_from: '2025-03-03', total_balance: '60.00' })]);
    expect(result.unexpected).toEqual([expect.objectContaining({ valid_from: '2025-03-03', total_balance: '50.00' })]);
  });
});
