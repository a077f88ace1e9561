// A/R aging by payer at the month end: ar_aging narrowed to each payer with open A/R (metrics.md's one
// meaning of A/R by payer: a claim's insurance portion is its payer's, its patient portion the patients'),
// the share over 90 days from ar_over_90_pct, and the practice's aging as the total line. The payers' lines
// must add up to the total to the cent.
import { BUCKETS } from '../../warehouse/metrics/ar.ts';
import { centsOf, type Cell, type ReportTable, type Row } from '../table.ts';
import { PackageContext, payerName } from './context.ts';

/** A bucket's column: days_0_30 … days_181_plus. */
export function bucketColumn(bucket: string): string {
  return `days_${bucket.replace('-', '_').replace('+', '_plus')}`;
}

export async function agingTable(ctx: PackageContext): Promise<ReportTable> {
  const over90 = await ctx.atMonthEnd('ar_over_90_pct', { by: 'payer' });
  const { payers: names } = await ctx.names();
  const payers = (over90.breakdown ?? []).map((b) => b.key).filter((k): k is string => k !== null);
  const line = async (payer: string | undefined): Promise<Record<string, Cell>> => {
    const aging = await ctx.atMonthEnd('ar_aging', { payer });
    const cells: Record<string, Cell> = {};
    for (const [bucket] of BUCKETS) cells[bucketColumn(bucket)] = centsOf(aging.breakdown?.find((b) => b.key === bucket)?.numerator ?? 0);
    cells.total = centsOf(aging.denominator ?? 0);
    return cells;
  };
  const rows: Row[] = [];
  for (const payer of payers) {
    const share = over90.breakdown!.find((b) => b.key === payer)!;
    rows.push({ cells: { payer, payer_name: payerName(names, payer), ...(await line(payer)), over_90_pct: share.value } });
  }
  const total: Row = { total: true, cells: { payer: 'TOTAL', payer_name: 'all payers', ...(await line(undefined)), over_90_pct: over90.value } };
  for (const column of [...BUCKETS.map(([b]) => bucketColumn(b)), 'total']) {
    const sum = rows.reduce((s, r) => s + (r.cells[column] as number), 0);
    if (sum !== total.cells[column]) throw new Error(`the aging by payer does not add up in ${column}: ${sum} cents by payer, ${total.cells[column]} in all`);
  }
  return {
    name: 'ar_aging_by_payer', title: 'A-R aging by payer', section: 'closed',
    description: `Open A/R at ${ctx.period.to} (claims served by then with a positive balance) by who owes it (each payer its claims' insurance portions, "patient" the patient portions) and age since the date of service (registry: ar_aging, ar_over_90_pct). Credit balances are not in it.`,
    keyColumns: ['payer'],
    columns: [
      { key: 'payer', label: 'Payer', format: 'text' },
      { key: 'payer_name', label: 'Payer name', format: 'text' },
      ...BUCKETS.map(([bucket]) => ({ key: bucketColumn(bucket), label: `${bucket} days`, format: 'money' as const })),
      { key: 'total', label: 'Total A/R', format: 'money' },
      { key: 'over_90_pct', label: '% over 90 days', format: 'ratio' },
    ],
    rows: [...rows, total],
  };
}
