// Adjustment classes of write-offs (metrics.md, "Adjustment classes"): the built-in reasons, a practice's own
// reasons from a mapping file (saved in the warehouse, later files winning), a class that does not exist
// refused before anything loads, and the reasons of no class listed as a data-quality count.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFiles } from '../ingest/loader/ingest-run.ts';
import { loadMapping } from '../ingest/postings/csv-mapping.ts';
import { buildModels, modelsState } from '../warehouse/build.ts';
import type { Warehouse } from '../warehouse/database.ts';
import { computeMetric } from '../warehouse/metrics/compute.ts';
import { metric } from '../warehouse/metrics/registry.ts';
import { unclassifiedReasons } from '../warehouse/queries/adjustment-reasons.ts';
import { tempDir, tempWarehouse } from './support/temp.ts';

const CHARGES = [
  'Claim ID,DOS,Provider,Payer,Location,CPT,Charge',
  'AC-1,2025-03-03,1999999984,ACME,MAIN,99213,300.00',
  'AC-2,2025-03-04,1999999984,ACME,MAIN,99214,500.00',
].join('\n');
const POSTINGS = [
  'Claim #,Post Date,Type,Amount,Paid By,Reason',
  'AC-1,2025-04-01,Write Off,40.00,patient,BAD_DEBT',
  'AC-1,2025-04-02,Write Off,25.00,patient,charity care',
  'AC-2,2025-04-03,Write Off,60.00,ACME,Mystery',
  'AC-2,2025-04-04,Write Off,15.00,ACME,Mystery',
  'AC-2,2025-04-05,Adjustment,10.00,ACME,RECLASS',
].join('\n');

describe('adjustment classes of write-offs', () => {
  const dir = tempDir();
  let w: Warehouse;
  const files = [join(dir, 'charges.csv'), join(dir, 'postings.csv')];
  const byClass = async () => {
    const r = await computeMetric(w, metric('adjustments')!, { asOf: '2025-04-30', from: '2025-04-01', to: '2025-04-30', by: ['adjustment_class'] });
    return Object.fromEntries(r.breakdown!.map((b) => [b.key, b.value]));
  };
  const mapping = (reasons: Record<string, string>) => {
    const path = join(dir, `mapping-${Object.values(reasons).join('-')}.json`);
    writeFileSync(path, JSON.stringify({ payments: { reasons } }));
    return loadMapping(path);
  };

  beforeAll(async () => {
    writeFileSync(files[0], CHARGES);
    writeFileSync(files[1], POSTINGS);
    w = await tempWarehouse(dir);
    await ingestFiles(w, files);
    await buildModels(w);
  }, 120_000);
  afterAll(() => w?.close());

  it('classes the built-in reasons; a write-off of no known reason is unclassified, an adjustment contractual', async () => {
    expect(await byClass()).toEqual({ bad_debt: 40, unclassified: 100, contractual: 10 });
    expect(await unclassifiedReasons(w)).toEqual([
      { reason_code: 'Mystery', write_offs: 2n, amount: '75.00' },
      { reason_code: 'charity care', write_offs: 1n, amount: '25.00' },
    ]);
  });

  it("takes a practice's own reasons from a mapping file, the models older until rebuilt, a later file winning", async () => {
    await ingestFiles(w, files, undefined, mapping({ 'Charity Care': 'policy', MYSTERY: 'denial' }));
    expect(await modelsState(w)).toBe('older than the data');
    await buildModels(w);
    expect(await byClass()).toEqual({ bad_debt: 40, policy: 25, denial: 75, contractual: 10 });
    expect(await unclassifiedReasons(w)).toEqual([]);
    await ingestFiles(w, files, undefined, mapping({ mystery: 'duplicate' }));
    await buildModels(w);
    expect(await byClass()).toEqual({ bad_debt: 40, policy: 25, duplicate: 75, contractual: 10 });
  }, 120_000);

  it('refuses a class that does not exist, naming the file and the classes, before anything loads', async () => {
    const before = await w.one<{ n: bigint }>('SELECT count(*) AS n FROM ingest_batch');
    const bad = mapping({ mystery: 'gift' });
    await expect(ingestFiles(w, files, undefined, bad)).rejects.toThrow(/mapping-gift\.json gives the reason MYSTERY the class "gift": a class is one of .*contractual.*bad_debt/);
    expect(await w.one('SELECT count(*) AS n FROM ingest_batch')).toEqual(before);
    expect(await w.one("SELECT class FROM posting_reason_mapping WHERE reason_code = 'MYSTERY'")).toEqual({ class: 'duplicate' });
  });
});
