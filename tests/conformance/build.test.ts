// Every model built over the public samples (RCM_SAMPLES_DIR), and every check passes.
import { describe, expect, it } from 'vitest';
import { buildModels, loadModels, loadRules } from '../../warehouse/build.ts';
import { ingestFiles } from '../../ingest/loader/ingest-run.ts';
import { SAMPLES_DIR } from '../support/samples.ts';
import { tempWarehouse } from '../support/temp.ts';

describe('the model builder over the public samples', () => {
  it('builds every model over the public samples, and every check passes', async () => {
    const warehouse = await tempWarehouse();
    await ingestFiles(warehouse, [SAMPLES_DIR]);
    const result = await buildModels(warehouse);
    expect(result.models.map((m) => m.name).sort()).toEqual(loadModels().map((m) => m.name).sort());
    expect(result.models.find((m) => m.name === 'mart_claim')!.rows).toBeGreaterThan(10n);
    expect(result.checks.map((c) => c.name)).toEqual(loadRules().map((r) => `${r.model}.${r.rule}`));
    expect(result.checks.map((c) => c.name)).toEqual(expect.arrayContaining(['mart_claim.key', 'mart_claim_balance.not_null', 'int_adjudication.balances']));
    expect(result.checks.filter((c) => c.failures > 0n)).toEqual([]);
    // built beside the live tables and swapped in: nothing left over
    expect(await warehouse.all("SELECT table_name FROM information_schema.tables WHERE table_name LIKE '%\\_\\_next' ESCAPE '\\'")).toEqual([]);
  }, 120_000);
});
