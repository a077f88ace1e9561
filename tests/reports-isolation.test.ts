// The monthly close package keeps practices apart: in a warehouse holding the demo practice and a copy of it
// under another billing NPI (its own claim numbers and submitter), the package of either practice holds
// exactly the numbers of the package of a warehouse holding the demo practice alone, and its files name
// nothing of the other; the package of every practice adds both up.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FOLDERS, writeDataset } from '../demo/dataset/write-dataset.ts';
import { PRACTICE, npi } from '../demo/practice/practice.ts';
import { ingestFiles } from '../ingest/loader/ingest-run.ts';
import { buildModels } from '../warehouse/build.ts';
import type { Warehouse } from '../warehouse/database.ts';
import { runMonthlyPackage, type MonthlyPackageRun } from '../reports/monthly/run.ts';
import { tempDir, tempWarehouse } from './support/temp.ts';
import { copyPractice } from './support/practice-copy.ts';

const A = PRACTICE.billingNpi;
const B = npi('987654321');
const MONTH = '2025-03';
const CLOSE = '2099-12-31';

describe('the monthly close package of one practice', () => {
  const dir = tempDir('rcm-reports-isolation-');
  let alone: Warehouse;
  let both: Warehouse;
  let aloneRun: MonthlyPackageRun;

  beforeAll(async () => {
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    await writeDataset({ seed: 11, claims: 500, months: 4, start: '2025-01-01', out: a });
    copyPractice(a, b, { billingNpi: B, claimPrefix: 'OTH', submitterId: 'OTHERSUB' });
    alone = await tempWarehouse(dir);
    both = await tempWarehouse(dir);
    await ingestFiles(alone, Object.values(FOLDERS).map((f) => join(a, f)));
    await ingestFiles(both, [a, b].flatMap((root) => Object.values(FOLDERS).map((f) => join(root, f))));
    await buildModels(alone);
    await buildModels(both);
    aloneRun = await runMonthlyPackage(alone, { month: MONTH, practices: [A], closeDate: CLOSE, outDir: join(dir, 'alone'), user: { username: 'test' } });
  }, 120_000);

  it('holds the numbers of the practice alone, for either practice, and names nothing of the other', async () => {
    expect(aloneRun.rollForward.ties).toBe(true);
    for (const [practice, other] of [[A, B], [B, A]] as const) {
      const run = await runMonthlyPackage(both, { month: MONTH, practices: [practice], closeDate: CLOSE, outDir: join(dir, 'both'), user: { username: 'test' } });
      expect(run.numbers, practice).toEqual(aloneRun.numbers);
      expect(run.numbersSha256).toBe(aloneRun.numbersSha256);
      // nothing in the files names the other practice or its claims
      const foreign = other === B ? [B, 'OTH'] : [A, 'MFH'];
      for (const f of run.files.filter((x) => x.format === 'csv')) {
        const text = readFileSync(f.path, 'utf8');
        for (const word of foreign) expect(text.includes(word), `${f.name} names ${word}`).toBe(false);
      }
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(run.files.find((x) => x.format === 'xlsx')!.path);
      book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => {
        for (const word of foreign) expect(String(cell.value).includes(word), `${sheet.name} ${cell.address} names ${word}`).toBe(false);
      })));
    }
  }, 60_000);

  it('adds both practices up in the package of every practice', async () => {
    const all = await runMonthlyPackage(both, { month: MONTH, closeDate: CLOSE, outDir: join(dir, 'all'), user: { username: 'test' } });
    expect(all.rollForward.ties).toBe(true);
    for (const key of ['ar_roll_forward/closing_ar/amount', 'collections_by_payer/TOTAL/total', 'ar_aging_by_payer/TOTAL/total', 'adjustments_by_group_and_reason/TOTAL||/amount']) {
      expect(Math.round(Number(all.numbers[key]) * 100), key).toBe(2 * Math.round(Number(aloneRun.numbers[key]) * 100));
    }
    expect(Number(all.numbers['denials_by_payer/TOTAL/claims_adjudicated'])).toBe(2 * Number(aloneRun.numbers['denials_by_payer/TOTAL/claims_adjudicated']));
  }, 60_000);
});
