// The monthly package's denial-outcomes and rejections sheets over the denial lifecycle's hand case
// (tests/support/denial-lifecycle-case.ts), computed by hand: May holds A's overturn (61 days) with B still open
// ($300.00, medical necessity), and March A's appeal (19 days after its denial); June holds B's write-off (88 days, $300.00 of denial write-offs) and nothing
// open; C, a duplicate denial, is in no row. Nothing was rejected.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../warehouse/database.ts';
import { PackageContext } from '../reports/monthly/context.ts';
import { denialOutcomeTable, rejectionReasonTable } from '../reports/monthly/denial-outcomes.ts';
import { monthPeriod } from '../reports/monthly/period.ts';
import type { ReportTable } from '../reports/table.ts';
import { denialLifecycleFiles } from './support/denial-lifecycle-case.ts';
import { caseWarehouse } from './support/case-warehouse.ts';
import { tempDir } from './support/temp.ts';

const OUTCOME_COLUMNS = ['resolved', 'overturned', 'written_off', 'overturn_rate', 'open_at_month_end', 'open_balance', 'denial_write_offs', 'resolution_median'] as const;

/** Each row's outcome cells by category (money in cents). */
const cellsOf = (t: ReportTable) => Object.fromEntries(t.rows.map((r) => [r.cells.category, OUTCOME_COLUMNS.map((k) => r.cells[k])]));

describe('the monthly package’s denial outcomes: the hand case', () => {
  const dir = tempDir('rcm-package-outcomes-');
  let warehouse: Warehouse;

  beforeAll(async () => {
    warehouse = await caseWarehouse(dir, denialLifecycleFiles(), 'outcomes.duckdb');
  }, 60_000);

  const month = (m: string) => new PackageContext(warehouse, monthPeriod(m), undefined);

  it('May: A overturned after 61 days; B open at the month end with its $300.00', async () => {
    expect(cellsOf(await denialOutcomeTable(month('2025-05')))).toEqual({
      authorization: [1, 1, 0, 1, 0, 0, 0, 61],
      medical_necessity: [0, 0, 0, null, 1, 30000, 0, null],
      TOTAL: [1, 1, 0, 1, 1, 30000, 0, 61],
    });
  });

  it('June: B written off after 88 days, $300.00 of denial write-offs (not $450: C is a duplicate), nothing open', async () => {
    expect(cellsOf(await denialOutcomeTable(month('2025-06')))).toEqual({
      medical_necessity: [1, 0, 1, 0, 0, 0, 30000, 88],
      TOTAL: [1, 0, 1, 0, 0, 0, 30000, 88],
    });
  });

  it('March: C, resolved as a duplicate, is in no row; A and B are open at the month end', async () => {
    const march = cellsOf(await denialOutcomeTable(month('2025-03')));
    expect(march.TOTAL).toEqual([0, 0, 0, null, 2, 50000, 0, null]);
    expect(Object.keys(march).sort()).toEqual(['TOTAL', 'authorization', 'medical_necessity']);
    // A appealed on 03-20 (the appeal log), 19 days after its denial of 03-01
    const appeals = (await denialOutcomeTable(month('2025-03'))).rows.map((r) => [r.cells.category, r.cells.appeal_median]);
    expect(appeals).toEqual([['authorization', 19], ['medical_necessity', null], ['TOTAL', 19]]);
  });

  it('rejections by reason: none rejected, the total says so in zeros', async () => {
    const table = await rejectionReasonTable(month('2025-02'));
    expect(table.rows.map((r) => [r.cells.reason, r.cells.rejected_submissions, r.cells.rejection_rate, r.cells.still_rejected])).toEqual([['TOTAL', 0, 0, 0]]);
  });
});
