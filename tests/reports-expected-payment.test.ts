// The monthly package's expected-payment sheet over expected payment's hand case
// (tests/support/expected-payment-case.ts), computed by hand. March: SUMMT 99214 underpaid $6.80 twice
// ($13.60 of the expected $243.60), SUMMT 99213 and MCRB1 99213 as expected, MCRB1's denied line in no
// column; in all $13.60 of $383.60 (3.55 %). April: SUMMT 99214 overpaid (apart, no underpaid dollars), SUMMT
// 99213 $0.40 short within the tolerance, ACME 99213 paid with no schedule (coverage 0, no rate).
import { readFileSync } from 'node:fs';
import { formatCents } from '../kernel/money.ts';
import { FOLDERS, writeDataset } from '../demo/dataset/write-dataset.ts';
import type { Truth } from '../demo/truth/truth-types.ts';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestFiles } from '../ingest/loader/ingest-run.ts';
import { buildModels } from '../warehouse/build.ts';
import type { Warehouse } from '../warehouse/database.ts';
import { computeMetric } from '../warehouse/metrics/compute.ts';
import { metric } from '../warehouse/metrics/registry.ts';
import { PackageContext } from '../reports/monthly/context.ts';
import { expectedPaymentTable } from '../reports/monthly/expected-payment.ts';
import { monthPeriod } from '../reports/monthly/period.ts';
import { tableCsv } from '../reports/render/csv.ts';
import { TABLE_HEADER_ROW, writeWorkbook } from '../reports/render/xlsx.ts';
import type { ReportTable } from '../reports/table.ts';
import { expectedPaymentFiles } from './support/expected-payment-case.ts';
import { caseWarehouse } from './support/case-warehouse.ts';
import { tempDir, tempWarehouse } from './support/temp.ts';

const COLUMNS = ['paid_lines', 'expected_lines', 'schedule_coverage', 'expected_allowed', 'actual_allowed', 'underpaid_lines', 'underpaid_dollars', 'underpayment_rate', 'overpaid_lines'] as const;

/** Each row's cells by payer × code, in the sheet's order (money in cents). */
const cellsOf = (t: ReportTable) => t.rows.map((r) => [`${r.cells.payer} ${r.cells.procedure_code ?? ''}`.trim(), COLUMNS.map((k) => r.cells[k])]);

describe('the monthly package’s expected payment: the hand case', () => {
  const dir = tempDir('rcm-package-expected-');
  let warehouse: Warehouse;

  beforeAll(async () => {
    warehouse = await caseWarehouse(dir, expectedPaymentFiles(), 'expected.duckdb');
  }, 60_000);

  const month = (m: string) => new PackageContext(warehouse, monthPeriod(m), undefined);

  it('March: $13.60 underpaid on SUMMT 99214’s 2 lines, 3.55 % of the expected $383.60 in all; the denied line in no column', async () => {
    const table = await expectedPaymentTable(month('2025-03'));
    const rate = (cents: number, of: number) => expect.closeTo(cents / of, 5);
    expect(cellsOf(table)).toEqual([
      ['SUMMT 99214', [2, 2, 1, 24360, 23000, 2, 1360, rate(1360, 24360), 0]],
      ['MCRB1 99213', [1, 1, 1, 5880, 5880, 0, 0, 0, 0]],
      ['SUMMT 99213', [1, 1, 1, 8120, 8120, 0, 0, 0, 0]],
      ['TOTAL', [4, 4, 1, 38360, 37000, 2, 1360, rate(1360, 38360), 0]],
    ]);
    expect(Number(table.rows.at(-1)!.cells.underpayment_rate)).toBeCloseTo(0.0355, 4);
    expect(table.rows[0].cells.payer_name).toBe('SUMMIT HEALTH PLAN');
  });

  it('April: the overpaid line apart, $0.40 short within the tolerance, ACME’s line without a schedule', async () => {
    expect(cellsOf(await expectedPaymentTable(month('2025-04')))).toEqual([
      ['ACME 99213', [1, 0, 0, 0, 0, 0, 0, null, 0]],
      ['SUMMT 99213', [2, 2, 1, 16240, 16200, 0, 0, 0, 0]],
      ['SUMMT 99214', [1, 1, 1, 12180, 13000, 0, 0, 0, 1]],
      ['TOTAL', [4, 3, 0.75, 28420, 29200, 0, 0, 0, 1]],
    ]);
  });

  it('its counts and dollars are the registry’s, payer × code and in all', async () => {
    const table = await expectedPaymentTable(month('2025-03'));
    const ask = { asOf: '2025-03-31', from: '2025-03-01', to: '2025-03-31' };
    const rate = await computeMetric(warehouse, metric('underpayment_rate')!, { ...ask, by: ['payer', 'cpt'] });
    const coverage = await computeMetric(warehouse, metric('schedule_coverage')!, ask);
    for (const b of rate.breakdown!) {
      const row = table.rows.find((r) => `${r.cells.payer} × ${r.cells.procedure_code}` === b.key)!;
      expect([row.cells.underpaid_dollars, row.cells.expected_allowed], b.key!).toEqual([Math.round(b.numerator! * 100), Math.round(b.denominator! * 100)]);
    }
    const total = table.rows.at(-1)!.cells;
    expect([total.expected_lines, total.paid_lines]).toEqual([coverage.numerator, coverage.denominator]);
  });

  it('goes into the workbook and the CSV as it is', async () => {
    const table = await expectedPaymentTable(month('2025-03'));
    const path = join(dir, 'package.xlsx');
    await writeWorkbook({ title: 'Monthly close package', about: [], summary: { ...table, title: 'Summary' }, sheets: [table], generatedAt: new Date('2025-04-10T12:00:00Z') }, path);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const sheet = book.worksheets.at(-1)!;
    expect(sheet.name).toBe('Expected payment');
    expect(sheet.getCell(TABLE_HEADER_ROW, 10).value).toBe(metric('underpaid_dollars')!.shortLabel);
    expect(sheet.getCell(TABLE_HEADER_ROW + 1, 10).value).toBe(13.6);
    const csv = tableCsv(table).split(/\r?\n/);
    expect(csv[0].split(',').slice(0, 3)).toEqual(['payer', 'payer_name', 'procedure_code']);
    expect(csv[1]).toContain('SUMMT,SUMMIT HEALTH PLAN,99214,2,2,');
    expect(csv[1]).toContain(',243.60,230.00,2,13.60,');
    expect(readFileSync(path).length).toBeGreaterThan(0);
  });
});

describe('the monthly package’s expected payment: the demo against truth.json', () => {
  const dir = tempDir('rcm-package-expected-demo-');
  const files = join(dir, 'files');
  let truth: Truth;
  let w: Warehouse;

  beforeAll(async () => {
    await writeDataset({ seed: 7, claims: 1200, months: 9, start: '2025-01-01', out: files });
    truth = JSON.parse(readFileSync(join(files, 'truth.json'), 'utf8')) as Truth;
    w = await tempWarehouse(dir);
    await ingestFiles(w, Object.values(FOLDERS).map((f) => join(files, f)));
    await buildModels(w);
  }, 180_000);

  it('the data’s last month: each payer × code as truth.json counts it, the planted SUMMT 99214 underpayment among them', async () => {
    const MONTH = '2025-09';
    const table = await expectedPaymentTable(new PackageContext(w, monthPeriod(MONTH), undefined));
    const money = (c: unknown) => formatCents(Number(c));
    const fromSheet = table.rows.filter((r) => !r.total && Number(r.cells.expected_lines) > 0).map((r) => ({
      payerId: r.cells.payer, procedureCode: r.cells.procedure_code, lines: r.cells.expected_lines, expected: money(r.cells.expected_allowed),
      actual: money(r.cells.actual_allowed), underpaidLines: r.cells.underpaid_lines, underpaid: money(r.cells.underpaid_dollars),
    }));
    const fromTruth = truth.underpayment.byPayerCodeMonth.filter((c) => c.month === MONTH).map((c) => ({
      payerId: c.payerId, procedureCode: c.procedureCode, lines: c.lines, expected: formatCents(c.expected),
      actual: formatCents(c.actual), underpaidLines: c.underpaidLines, underpaid: formatCents(c.underpaid),
    }));
    const key = (r: { payerId: unknown; procedureCode: unknown }) => `${r.payerId} ${r.procedureCode}`;
    expect(fromSheet.sort((a, b) => key(a).localeCompare(key(b)))).toEqual(fromTruth.sort((a, b) => key(a).localeCompare(key(b))));
    const planted = fromSheet.find((r) => r.payerId === 'SUMMT' && r.procedureCode === '99214')!;
    expect(planted.underpaidLines).toBeGreaterThan(0);
    expect(fromSheet.filter((r) => Number(r.underpaidLines) > 0).map(key)).toEqual(['SUMMT 99214']);
    expect(table.rows[0].cells.payer).toBe('SUMMT');
  });
});
