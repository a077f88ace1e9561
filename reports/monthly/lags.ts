// Payer lags of the month: days from first submission to first adjudication for the claims first
// adjudicated in the month, and days from service to first submission for the claims first sent in it,
// median and p90, by payer (registry: payer_lag_days, charge_lag_days).
import type { BreakdownRow, MetricResult } from '../../warehouse/metrics/compute.ts';
import { labelOf } from '../../warehouse/metrics/registry.ts';
import type { Cell, ReportTable, Row } from '../table.ts';
import { PackageContext, payerName } from './context.ts';

const lag = (prefix: string, r?: BreakdownRow | MetricResult): Record<string, Cell> => ({
  [`${prefix}_claims`]: r?.n ?? 0, [`${prefix}_median`]: r?.value ?? null, [`${prefix}_p90`]: r?.p90 ?? null,
});

export async function lagTable(ctx: PackageContext): Promise<ReportTable> {
  const payer = await ctx.monthly('payer_lag_days', { by: 'payer' });
  const charge = await ctx.monthly('charge_lag_days', { by: 'payer' });
  const { payers: names } = await ctx.names();
  const keys = [...new Set([...(payer.breakdown ?? []), ...(charge.breakdown ?? [])].map((b) => b.key).filter((k): k is string => k !== null))].sort();
  const rows: Row[] = keys.map((k) => ({
    cells: { payer: k, payer_name: payerName(names, k), ...lag('payer_lag', payer.breakdown?.find((b) => b.key === k)), ...lag('charge_lag', charge.breakdown?.find((b) => b.key === k)) },
  }));
  rows.push({ total: true, cells: { payer: 'TOTAL', payer_name: 'all payers', ...lag('payer_lag', await ctx.monthly('payer_lag_days')), ...lag('charge_lag', await ctx.monthly('charge_lag_days')) } });
  const { from, to } = ctx.period;
  return {
    name: 'payer_lags', title: 'Payer lags', section: 'closed',
    description: `Payer lag: days from first submission to first adjudication, claims first adjudicated ${from} – ${to}; charge lag: days from service to first submission, claims first sent in the month (registry: payer_lag_days, charge_lag_days; quantiles interpolated).`,
    keyColumns: ['payer'],
    columns: [
      { key: 'payer', label: 'Payer', format: 'text' },
      { key: 'payer_name', label: 'Payer name', format: 'text' },
      { key: 'payer_lag_claims', label: 'Claims first adjudicated', format: 'count' },
      { key: 'payer_lag_median', label: `${labelOf('payer_lag_days', true)}, median (days)`, format: 'days' },
      { key: 'payer_lag_p90', label: `${labelOf('payer_lag_days', true)}, p90 (days)`, format: 'days' },
      { key: 'charge_lag_claims', label: 'Claims first sent', format: 'count' },
      { key: 'charge_lag_median', label: `${labelOf('charge_lag_days', true)}, median (days)`, format: 'days' },
      { key: 'charge_lag_p90', label: `${labelOf('charge_lag_days', true)}, p90 (days)`, format: 'days' },
    ],
    rows,
  };
}
