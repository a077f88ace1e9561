// The monthly close package's tables, computed over one warehouse for a month and the practices in scope:
// the summary, A/R aging by payer, the A/R roll-forward (which must tie, or nothing is written), collections
// by payer, provider and location, denials by payer and category, what became of the denials by category and
// the rejections by reason, expected against actual allowed by payer and code, adjustments by group and reason, and payer lags. The renderers (xlsx, csv, and later pdf) and the run record all take these tables as they are.
import type { Warehouse } from '../../warehouse/database.ts';
import type { ReportTable } from '../table.ts';
import { adjustmentTable } from './adjustments.ts';
import { agingTable } from './aging.ts';
import { collectionTables } from './collections.ts';
import { PackageContext } from './context.ts';
import { denialOutcomeTable, rejectionReasonTable } from './denial-outcomes.ts';
import { denialTables } from './denials.ts';
import { expectedPaymentTable } from './expected-payment.ts';
import { lagTable } from './lags.ts';
import { monthPeriod } from './period.ts';
import { RollForwardError, rollForward, rollForwardTable, type RollForward } from './roll-forward.ts';
import { kpiValues, summaryTable } from './summary.ts';
import type { Cell } from '../table.ts';

export interface MonthlyTables {
  /** Summary first, then one table per sheet, in the package's order. */
  tables: ReportTable[];
  rollForward: RollForward;
  /** The month's headline KPI values (the post-close comparison starts from them). */
  kpis: Map<string, { cell: Cell; reason: string | null }>;
}

/** The closed tables of a month for the practices (undefined: all) over a warehouse; throws RollForwardError when the roll-forward does not tie. */
export async function computeMonthlyTables(warehouse: Warehouse, month: string, practices: readonly string[] | undefined): Promise<MonthlyTables> {
  const ctx = new PackageContext(warehouse, monthPeriod(month), practices);
  const rf = await rollForward(ctx);
  if (!rf.ties) throw new RollForwardError(rf);
  const tables = [
    await summaryTable(ctx),
    await agingTable(ctx),
    rollForwardTable(rf),
    ...(await collectionTables(ctx)),
    ...(await denialTables(ctx)),
    await denialOutcomeTable(ctx),
    await rejectionReasonTable(ctx),
    await expectedPaymentTable(ctx),
    await adjustmentTable(ctx),
    await lagTable(ctx),
  ];
  return { tables, rollForward: rf, kpis: await kpiValues(ctx, month) };
}
