// What became of the denials in the month, by denial category, and the month's front-end rejections by
// reason, all from the registry. Outcomes: the denied claims resolved in the month, overturned (the
// overturn rate's numerator) or written off (resolved, not overturned); the overturn rate; the denials open
// at the month end and their balance; the denial write-offs of the month; the days from the denial to the
// resolution and to the first appeal. Rejections: the submissions sent in the month an acknowledgment rejected, by reason code with
// our own words for it; those still rejected at the month end; the days to the resubmission.
import type { BreakdownRow, MetricResult } from '../../warehouse/metrics/compute.ts';
import { labelOf } from '../../warehouse/metrics/registry.ts';
import { denialCategories, rejectionReasonWords } from '../../warehouse/queries/monthly-package.ts';
import { centsOf, type Cell, type ReportTable, type Row } from '../table.ts';
import type { PackageContext } from './context.ts';

type Counts = BreakdownRow | MetricResult | undefined;

const find = (r: MetricResult, key: string): BreakdownRow | undefined => r.breakdown?.find((b) => b.key === key);
const keysOf = (...results: MetricResult[]) => [...new Set(results.flatMap((r) => (r.breakdown ?? []).map((b) => b.key)).filter((k): k is string => k !== null))];
const money = (n: number | null | undefined): Cell => centsOf(n ?? 0);

function outcomeCells(rate: Counts, open: Counts, openDollars: Counts, writeOffs: Counts, resolution: Counts, appeal: Counts): Record<string, Cell> {
  const resolved = rate?.denominator ?? 0;
  const overturned = rate?.numerator ?? 0;
  return {
    resolved, overturned, written_off: resolved - overturned, overturn_rate: resolved ? rate?.value ?? null : null,
    open_at_month_end: open?.numerator ?? 0, open_balance: money(openDollars?.numerator),
    denial_write_offs: money(writeOffs?.value), resolution_median: resolution?.value ?? null, resolution_p90: resolution?.p90 ?? null,
    appeal_median: appeal?.value ?? null,
  };
}

export async function denialOutcomeTable(ctx: PackageContext): Promise<ReportTable> {
  const by = { by: 'denial_category' } as const;
  // one after another, as the package's other tables ask (one connection)
  const [rate, open, openDollars, writeOffs, resolution, appeal] = [
    await ctx.monthly('denial_overturn_rate', by), await ctx.atMonthEnd('open_denials', by), await ctx.atMonthEnd('open_denial_dollars', by),
    await ctx.monthly('denial_write_offs', by), await ctx.monthly('days_to_resolution', by), await ctx.monthly('days_to_appeal', by),
  ];
  const [rateAll, openAll, openDollarsAll, writeOffsAll, resolutionAll, appealAll] = [
    await ctx.monthly('denial_overturn_rate'), await ctx.atMonthEnd('open_denials'), await ctx.atMonthEnd('open_denial_dollars'), await ctx.monthly('denial_write_offs'),
    await ctx.monthly('days_to_resolution'), await ctx.monthly('days_to_appeal'),
  ];
  const ref = new Map((await denialCategories(ctx)).map((r) => [r.category, r]));
  const categories = keysOf(rate, open, openDollars, writeOffs, resolution, appeal)
    .sort((a, b) => (Number(ref.get(a)?.sort_order ?? 9999) - Number(ref.get(b)?.sort_order ?? 9999)) || a.localeCompare(b));
  const rows: Row[] = categories.map((k) => ({
    cells: {
      category: k, category_label: ref.get(k)?.label ?? null, owner_team: ref.get(k)?.owner_team ?? null,
      ...outcomeCells(find(rate, k), find(open, k), find(openDollars, k), find(writeOffs, k), find(resolution, k), find(appeal, k)),
    },
  }));
  rows.push({ total: true, cells: { category: 'TOTAL', category_label: 'every denied claim once', owner_team: null, ...outcomeCells(rateAll, openAll, openDollarsAll, writeOffsAll, resolutionAll, appealAll) } });
  const { from, to } = ctx.period;
  return {
    name: 'denial_outcomes', title: 'Denial outcomes', section: 'closed',
    description: `What became of the denials, by the categories of the claim's first denial (a claim denied in two counts in both; the total counts it once; duplicate denials, CARC 18, left out). Resolved ${from} – ${to} (the balance reached zero): overturned when the denied lines were later paid, else written off (registry: denial_overturn_rate). Open at ${to}: denied, not resolved, and their balance (open_denials, open_denial_dollars). Denial write-offs dated in the month, net of later recoveries (denial_write_offs). Days from the first denial to the resolution, claims resolved in the month (days_to_resolution), and to the first appeal, claims first appealed in the month (days_to_appeal; the work state's first 'appealed' or the appeal log's date); quantiles interpolated.`,
    keyColumns: ['category'],
    columns: [
      { key: 'category', label: 'Category', format: 'text' },
      { key: 'category_label', label: 'What it is', format: 'text' },
      { key: 'owner_team', label: 'Owning team', format: 'text' },
      { key: 'resolved', label: 'Denied claims resolved', format: 'count' },
      { key: 'overturned', label: 'Overturned', format: 'count' },
      { key: 'written_off', label: 'Written off (not overturned)', format: 'count' },
      { key: 'overturn_rate', label: labelOf('denial_overturn_rate', true), format: 'ratio' },
      { key: 'open_at_month_end', label: `${labelOf('open_denials', true)} at month end`, format: 'count' },
      { key: 'open_balance', label: `${labelOf('open_denial_dollars', true)} at month end`, format: 'money' },
      { key: 'denial_write_offs', label: labelOf('denial_write_offs'), format: 'money' },
      { key: 'resolution_median', label: `${labelOf('days_to_resolution', true)}, median (days)`, format: 'days' },
      { key: 'resolution_p90', label: `${labelOf('days_to_resolution', true)}, p90 (days)`, format: 'days' },
      { key: 'appeal_median', label: `${labelOf('days_to_appeal', true)}, median (days)`, format: 'days' },
    ],
    rows,
  };
}

function rejectionCells(rate: Counts, rejected: number, still: Counts, lag: Counts): Record<string, Cell> {
  return {
    rejected_submissions: rate?.numerator ?? 0, share_of_rejections: rejected ? (rate?.numerator ?? 0) / rejected : null, rejection_rate: rate?.value ?? null,
    rejected_charges: money(rate?.dollars?.numerator), still_rejected: still?.numerator ?? 0, still_rejected_balance: money(still?.dollars?.numerator),
    resubmission_median: lag?.value ?? null,
  };
}

export async function rejectionReasonTable(ctx: PackageContext): Promise<ReportTable> {
  const by = { by: 'rejection_reason' } as const;
  const [rate, still, lag, rateAll, stillAll, lagAll] = [
    await ctx.monthly('rejection_rate', by), await ctx.atMonthEnd('still_rejected', by), await ctx.monthly('resubmission_lag_days', by),
    await ctx.monthly('rejection_rate'), await ctx.atMonthEnd('still_rejected'), await ctx.monthly('resubmission_lag_days'),
  ];
  const words = new Map((await rejectionReasonWords(ctx)).map((r) => [r.code, r.words]));
  const rejected = rateAll.numerator ?? 0;
  const reasons = keysOf(rate, still, lag).sort((a, b) => (find(rate, b)?.numerator ?? 0) - (find(rate, a)?.numerator ?? 0) || a.localeCompare(b));
  const rows: Row[] = reasons.map((k) => ({ cells: { reason: k, meaning: words.get(k) ?? null, ...rejectionCells(find(rate, k), rejected, find(still, k), find(lag, k)) } }));
  rows.push({ total: true, cells: { reason: 'TOTAL', meaning: rateAll.value === null ? rateAll.unavailable_reason : 'every rejected submission once', ...rejectionCells(rateAll, rejected, stillAll, lagAll) } });
  const { from, to } = ctx.period;
  return {
    name: 'rejections_by_reason', title: 'Rejections by reason', section: 'closed',
    description: `Submissions sent ${from} – ${to} that an acknowledgment (999 or 277CA) rejected, by reason code (a submission rejected for several reasons counts under each; the total counts it once), with our own words for the kind of reason; the rate is over the submissions acknowledged (registry: rejection_rate). Claims still rejected at ${to} and their balance (still_rejected); days from a rejection to the claim's next submission, resubmissions in the month (resubmission_lag_days, median). A rejection is not a denial: the claim never reached adjudication.`,
    keyColumns: ['reason'],
    columns: [
      { key: 'reason', label: 'Reason code', format: 'text' },
      { key: 'meaning', label: 'What it means', format: 'text' },
      { key: 'rejected_submissions', label: 'Rejected submissions', format: 'count' },
      { key: 'share_of_rejections', label: 'Share of rejections', format: 'ratio' },
      { key: 'rejection_rate', label: labelOf('rejection_rate', true), format: 'ratio' },
      { key: 'rejected_charges', label: 'Rejected charges', format: 'money' },
      { key: 'still_rejected', label: `${labelOf('still_rejected', true)} at month end`, format: 'count' },
      { key: 'still_rejected_balance', label: `${labelOf('still_rejected', true)}, balance`, format: 'money' },
      { key: 'resubmission_median', label: `${labelOf('resubmission_lag_days', true)}, median (days)`, format: 'days' },
    ],
    rows,
  };
}
