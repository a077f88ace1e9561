// The monthly package's adjustments, through the real path (files → ingest → models → package), for a month
// holding the same remittance delivered twice and a reversal whose original was never loaded: the table
// reads the adjustments as the models count them (int_adjudication), so the copy's CAS are counted once,
// the orphan reversal's not at all, and the roll-forward of the month still ties.
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestFiles } from '../../ingest/loader/ingest-run.ts';
import { resentFixture835 } from '../../tests/support/fixture-835.ts';
import { tempDir, tempWarehouse, writeFile } from '../../tests/support/temp.ts';
import { buildModels } from '../../warehouse/build.ts';
import type { Warehouse } from '../../warehouse/database.ts';
import { adjustmentTable } from './adjustments.ts';
import { PackageContext } from './context.ts';
import { monthPeriod } from './period.ts';
import { rollForward } from './roll-forward.ts';

/** The fixture's payee: the practice its claims belong to. */
const PRACTICE = '1234567893';

describe('the adjustments of a month with a remittance delivered twice and an orphan reversal', () => {
  let w: Warehouse;

  beforeAll(async () => {
    const dir = tempDir();
    w = await tempWarehouse(dir);
    await ingestFiles(w, [1, 2].map((n) => writeFile(dir, `era-${n}.835`, resentFixture835(n))));
    await buildModels(w);
    // the models' view: the second delivery repeats the first, CLAIM-C's reversal has no original
    expect(await w.all('SELECT problem, claim_id FROM mart_remittance_problem ORDER BY problem')).toEqual([
      { problem: 'duplicate_remittance', claim_id: null },
      { problem: 'orphan_reversal', claim_id: 'CLAIM-C' },
    ]);
  });

  it('counts the copy once and leaves the orphan reversal out, by group and reason and in total', async () => {
    const table = await adjustmentTable(new PackageContext(w, monthPeriod('2024-03'), [PRACTICE]));
    const rows = table.rows.map((r) => [r.cells.group, r.cells.reason, r.cells.entries, r.cells.claims, r.cells.amount]);
    // one copy's CAS (fixture-835.ts): CLAIM-A CO A2 20, CO 45 50 + 50, PR 2 50, PR 1 50; CLAIM-B CO 197 150;
    // CLAIM-C's correction CO 45 10. Not the orphan reversal's CO 45 −20 (it would make CO 45 90.00 over
    // four entries), nor the second delivery's (twice each).
    expect(rows).toEqual([
      ['CO', '45', 3, 2, 11_000],
      ['CO', '197', 1, 1, 15_000],
      ['CO', 'A2', 1, 1, 2_000],
      ['PR', '1', 1, 1, 5_000],
      ['PR', '2', 1, 1, 5_000],
      ['TOTAL', '', 7, 3, 38_000],
    ]);
    expect(table.description).toContain('without its original');
  });

  it('ties the roll-forward of the month', async () => {
    const rf = await rollForward(new PackageContext(w, monthPeriod('2024-03'), [PRACTICE]));
    expect(rf.ties).toBe(true);
    // the payer adjustments the balances moved by, class contractual: CLAIM-A's CO 120, CLAIM-C's correction 10
    // (CLAIM-B's CO 197 is a denial: it stays open)
    expect(rf.movements.find((m) => m.kind === 'contractual')?.amount).toBe(-13_000);
  });
});
