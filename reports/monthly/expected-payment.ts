// Expected payment in the month, by payer × procedure code (metrics.md, "Expected payment"): the paid lines
// adjudicated in the month and how many a fee schedule prices (schedule_coverage), what the schedules expected
// and the payers allowed, the lines and dollars underpaid beyond the tolerance (underpayment_rate,
// underpaid_lines) and the lines overpaid, kept apart. Counts and rates from the registry; the actual allowed
// and the overpaid lines, which it does not measure, from the package's own read over the same lines.
import type { BreakdownRow, MetricResult } from '../../warehouse/metrics/compute.ts';
import { labelOf } from '../../warehouse/metrics/registry.ts';
import { allowedByPayerCode, type AllowedByPayerCode } from '../../warehouse/queries/monthly-package.ts';
import { centsOf, type Cell, type ReportTable, type Row } from '../table.ts';
import { payerName, type PackageContext } from './context.ts';

type Counts = Pick<BreakdownRow, 'value' | 'numerator' | 'denominator'> | undefined;

/** The registry joins a crossed breakdown's keys with this. */
const CROSS = ' × ';

function cells(rate: Counts, underpaid: Counts, coverage: Counts, allowed: { actual: string; overpaid: number } | undefined): Record<string, Cell> {
  const expectedLines = coverage?.numerator ?? 0;
  return {
    paid_lines: coverage?.denominator ?? 0,
    expected_lines: expectedLines,
    schedule_coverage: coverage?.denominator ? coverage.value : null,
    expected_allowed: centsOf(rate?.denominator ?? 0),
    actual_allowed: centsOf(allowed?.actual ?? '0'),
    underpaid_lines: underpaid?.value ?? 0,
    underpaid_dollars: centsOf(rate?.numerator ?? 0),
    underpayment_rate: rate?.denominator ? rate.value : null,
    overpaid_lines: allowed?.overpaid ?? 0,
  };
}

export async function expectedPaymentTable(ctx: PackageContext): Promise<ReportTable> {
  const by = { by: ['payer', 'cpt'] } as const;
  // one after another, as the package's other tables ask (one connection)
  const [rate, underpaid, coverage, rateAll, underpaidAll, coverageAll] = [
    await ctx.monthly('underpayment_rate', by), await ctx.monthly('underpaid_lines', by), await ctx.monthly('schedule_coverage', by),
    await ctx.monthly('underpayment_rate'), await ctx.monthly('underpaid_lines'), await ctx.monthly('schedule_coverage'),
  ];
  const allowedRows = await allowedByPayerCode(ctx, ctx.period);
  const allowed = new Map(allowedRows.map((r: AllowedByPayerCode) => [`${r.payer_id}${CROSS}${r.procedure_code ?? ''}`, { actual: r.actual_allowed, overpaid: Number(r.overpaid_lines) }]));
  const total = allowedRows.reduce((t, r) => ({ cents: t.cents + (centsOf(r.actual_allowed) ?? 0), overpaid: t.overpaid + Number(r.overpaid_lines) }), { cents: 0, overpaid: 0 });
  const rowsOf = (r: MetricResult) => new Map((r.breakdown ?? []).filter((b) => b.key !== null).map((b) => [b.key!, b]));
  const [rates, underpaids, coverages] = [rowsOf(rate), rowsOf(underpaid), rowsOf(coverage)];
  const { payers } = await ctx.names();
  const keys = [...new Set([...coverages.keys(), ...rates.keys()])]
    .sort((a, b) => (rates.get(b)?.numerator ?? 0) - (rates.get(a)?.numerator ?? 0) || a.localeCompare(b, 'en', { numeric: true }));
  const rows: Row[] = keys.map((key) => {
    const [payer, code = ''] = key.split(CROSS);
    return { cells: { payer, payer_name: payerName(payers, payer), procedure_code: code || null, ...cells(rates.get(key), underpaids.get(key), coverages.get(key), allowed.get(key)) } };
  });
  const totalCells = cells(rateAll, underpaidAll, coverageAll, undefined);
  rows.push({ total: true, cells: { payer: 'TOTAL', payer_name: 'every payer', procedure_code: null, ...totalCells, actual_allowed: total.cents, overpaid_lines: total.overpaid } });
  const { from, to } = ctx.period;
  return {
    name: 'expected_payment', title: 'Expected payment', section: 'closed',
    description: `The paid (not denied) service lines of primary 835 records adjudicated ${from} – ${to}, standing at ${to} (a line reversed by then gives way to its re-adjudication), by payer and procedure code, the most underpaid dollars first. Lines priced: those a fee schedule row prices (schedule_coverage); expected allowed = fee schedule × units; actual allowed = AMT*B6, else paid + PR + CO 253. Underpaid: short of the expected by more than the tolerance (the larger of $0.50 and 1 % of expected, ref_underpayment_tolerance), its lines (underpaid_lines) and dollars over the expected allowed (underpayment_rate); overpaid beyond the tolerance counted apart, never netted against the underpaid dollars. Denied lines are denials, not underpayments, and are in no column.`,
    keyColumns: ['payer', 'procedure_code'],
    columns: [
      { key: 'payer', label: 'Payer', format: 'text' },
      { key: 'payer_name', label: 'Payer name', format: 'text' },
      { key: 'procedure_code', label: 'Procedure code', format: 'text' },
      { key: 'paid_lines', label: 'Paid lines', format: 'count' },
      { key: 'expected_lines', label: 'Lines with an expected amount', format: 'count' },
      { key: 'schedule_coverage', label: labelOf('schedule_coverage', true), format: 'ratio' },
      { key: 'expected_allowed', label: 'Expected allowed', format: 'money' },
      { key: 'actual_allowed', label: 'Actual allowed', format: 'money' },
      { key: 'underpaid_lines', label: labelOf('underpaid_lines', true), format: 'count' },
      { key: 'underpaid_dollars', label: labelOf('underpaid_dollars', true), format: 'money' },
      { key: 'underpayment_rate', label: labelOf('underpayment_rate', true), format: 'ratio' },
      { key: 'overpaid_lines', label: 'Overpaid lines', format: 'count' },
    ],
    rows,
  };
}
