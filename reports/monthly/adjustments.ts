// Adjustments of the month by group and reason: every CAS amount (group × CARC) on the 835 claim records
// adjudicated in the month (payment date), reversals netted, with the crosswalk's category for it. The
// labels are the project's own (reference tables), never the licensed CARC texts. The records are those the
// models count (int_adjudication): a remittance delivered again is read once (stg_remit_payment), and a
// reversal whose original was never loaded is left out, as it is of the balances the roll-forward ties.
import { adjustmentsByGroupAndReason } from '../../warehouse/queries/monthly-package.ts';
import { centsOf, type ReportTable, type Row } from '../table.ts';
import type { PackageContext } from './context.ts';

export async function adjustmentTable(ctx: PackageContext): Promise<ReportTable> {
  const { from, to } = ctx.period;
  const { rows, total } = await adjustmentsByGroupAndReason(ctx, ctx.period);
  const lines: Row[] = rows.map((r) => ({
    cells: {
      group: r.group_code, reason: r.reason_code, category: r.category, group_label: r.group_label, category_label: r.category_label,
      denial: r.is_denial ? 'yes' : 'no', entries: Number(r.entries), claims: Number(r.claims), amount: centsOf(r.amount),
    },
  }));
  const sum = lines.reduce((s, r) => s + (r.cells.amount as number), 0);
  if (sum !== centsOf(total.amount)) throw new Error(`the adjustments by group and reason do not add up: ${sum} cents by line, ${total.amount} in all`);
  lines.push({ total: true, cells: { group: 'TOTAL', reason: '', category: '', group_label: null, category_label: null, denial: null, entries: Number(total.entries), claims: Number(total.claims), amount: centsOf(total.amount) } });
  return {
    name: 'adjustments_by_group_and_reason', title: 'Adjustments', section: 'closed',
    description: `CAS adjustments on the 835 claim records adjudicated ${from} – ${to} (payment date), by group and CARC, reversals netted (a reversal without its original is left out: rcm errors lists it), a remittance delivered again counted once, with the crosswalk's category (reference: carc_crosswalk). Patient responsibility (PR) moves dollars to the patient; denial categories leave them open.`,
    keyColumns: ['group', 'reason', 'category'],
    columns: [
      { key: 'group', label: 'Group', format: 'text' },
      { key: 'reason', label: 'CARC', format: 'text' },
      { key: 'category', label: 'Category', format: 'text' },
      { key: 'group_label', label: 'Group means', format: 'text' },
      { key: 'category_label', label: 'Category means', format: 'text' },
      { key: 'denial', label: 'Denial', format: 'text' },
      { key: 'entries', label: 'CAS amounts', format: 'count' },
      { key: 'claims', label: 'Claims', format: 'count' },
      { key: 'amount', label: 'Amount', format: 'money' },
    ],
    rows: lines,
  };
}
