// Denials of the month by payer and by category, count and dollars, initial and final. Initial: the
// registry's initial denial rates (claims and lines, first adjudicated in the month; duplicates apart).
// Final: the registry's final_denial_rate (denial write-offs net of later recoveries, over the month's net
// revenue) by payer; the same write-offs by denial category with their claim counts, which the registry does
// not count, come from the same mart (mart_adjustment) and must add up to the registry's number.
import type { BreakdownRow, MetricResult } from '../../warehouse/metrics/compute.ts';
import { labelOf } from '../../warehouse/metrics/registry.ts';
import { denialCategories, finalDenialWriteOffTotal, finalDenialWriteOffsBy } from '../../warehouse/queries/monthly-package.ts';
import { centsOf, type Cell, type ReportTable, type Row } from '../table.ts';
import { PackageContext, payerName } from './context.ts';

interface Final { claims: number; amount: number }

async function finalWriteOffsBy(ctx: PackageContext, key: 'payer' | 'category'): Promise<Map<string, Final>> {
  const rows = await finalDenialWriteOffsBy(ctx, ctx.period, key);
  return new Map(rows.map((r) => [r.key ?? '(none)', { claims: Number(r.claims), amount: centsOf(r.amount)! }]));
}

async function finalTotal(ctx: PackageContext): Promise<Final> {
  const row = await finalDenialWriteOffTotal(ctx, ctx.period);
  return { claims: Number(row.claims), amount: centsOf(row.amount)! };
}

const find = (r: MetricResult, key: string): BreakdownRow | undefined => r.breakdown?.find((b) => b.key === key);
const count = (n: number | null | undefined): Cell => n ?? 0;
const money = (n: number | null | undefined): Cell => centsOf(n ?? 0);

export async function denialTables(ctx: PackageContext): Promise<ReportTable[]> {
  const { from, to } = ctx.period;
  const window = `${from} – ${to}`;
  const [claims, lines, duplicates, final] = [
    await ctx.monthly('initial_denial_rate'), await ctx.monthly('initial_denial_rate_line'), await ctx.monthly('duplicate_denials'), await ctx.monthly('final_denial_rate'),
  ];
  const total = await finalTotal(ctx);
  if (total.amount !== centsOf(final.numerator ?? 0)) {
    throw new Error(`the package's final-denial write-offs (${total.amount} cents) differ from the registry's final_denial_rate numerator (${centsOf(final.numerator ?? 0)} cents): their definitions have drifted apart`);
  }

  // by payer
  const [claimsBy, linesBy, duplicatesBy, finalByPayer] = [
    await ctx.monthly('initial_denial_rate', { by: 'payer' }), await ctx.monthly('initial_denial_rate_line', { by: 'payer' }),
    await ctx.monthly('duplicate_denials', { by: 'payer' }), await ctx.monthly('final_denial_rate', { by: 'payer' }),
  ];
  const finalPayers = await finalWriteOffsBy(ctx, 'payer');
  const payers = [...new Set([claimsBy, linesBy, duplicatesBy, finalByPayer].flatMap((r) => (r.breakdown ?? []).map((b) => b.key)).filter((k): k is string => k !== null))].sort();
  const { payers: names } = await ctx.names();
  const payerCells = (c?: BreakdownRow | MetricResult, l?: BreakdownRow | MetricResult, d?: BreakdownRow | MetricResult, f?: BreakdownRow | MetricResult, fc?: Final): Record<string, Cell> => ({
    claims_adjudicated: count(c?.denominator), claims_denied: count(c?.numerator), denial_rate: c?.value ?? null,
    charges_adjudicated: money(c?.dollars?.denominator), charges_denied: money(c?.dollars?.numerator), denial_rate_dollars: c?.dollars?.value ?? null,
    lines_adjudicated: count(l?.denominator), lines_denied: count(l?.numerator), line_denial_rate: l?.value ?? null,
    duplicate_claims: count(d?.numerator),
    final_write_offs: money(f?.numerator), final_claims: fc?.claims ?? 0, net_revenue: money(f?.denominator), final_denial_rate: f?.value ?? null,
  });
  const payerRows: Row[] = payers.map((p) => ({
    cells: { payer: p, payer_name: payerName(names, p), ...payerCells(find(claimsBy, p), find(linesBy, p), find(duplicatesBy, p), find(finalByPayer, p), finalPayers.get(p)) },
  }));
  payerRows.push({ total: true, cells: { payer: 'TOTAL', payer_name: 'all payers', ...payerCells(claims, lines, duplicates, final, total) } });

  // by denial category
  const [claimsCat, linesCat] = [await ctx.monthly('initial_denial_rate', { by: 'denial_category' }), await ctx.monthly('initial_denial_rate_line', { by: 'denial_category' })];
  const finalCats = await finalWriteOffsBy(ctx, 'category');
  const reference = await denialCategories(ctx);
  const ref = new Map(reference.map((r) => [r.category, r]));
  const categories = [...new Set([...(claimsCat.breakdown ?? []), ...(linesCat.breakdown ?? [])].map((b) => b.key).filter((k): k is string => k !== null).concat([...finalCats.keys()]))]
    .sort((a, b) => (Number(ref.get(a)?.sort_order ?? 9999) - Number(ref.get(b)?.sort_order ?? 9999)) || a.localeCompare(b));
  const categoryCells = (c?: BreakdownRow | MetricResult, l?: BreakdownRow | MetricResult, f?: Final): Record<string, Cell> => ({
    // a category nobody was denied in shares 0 of the claims adjudicated (none when nothing was adjudicated)
    claims_denied: count(c?.numerator), share_of_claims_adjudicated: c ? c.value : claims.denominator ? 0 : null, charges_denied: money(c?.dollars?.numerator),
    lines_denied: count(l?.numerator), line_charges_denied: money(l?.dollars?.numerator),
    final_write_offs: f?.amount ?? 0, final_claims: f?.claims ?? 0,
  });
  const categoryRows: Row[] = categories.map((k) => {
    const r = ref.get(k);
    return {
      cells: {
        category: k, category_label: r?.label ?? null, owner_team: r?.owner_team ?? null, avoidable: r?.avoidable === null || r?.avoidable === undefined ? null : r.avoidable ? 'yes' : 'no',
        ...categoryCells(find(claimsCat, k), find(linesCat, k), finalCats.get(k)),
      },
    };
  });
  categoryRows.push({ total: true, cells: { category: 'TOTAL', category_label: 'every denied claim once', owner_team: null, avoidable: null, ...categoryCells(claims, lines, total) } });

  return [
    {
      name: 'denials_by_payer', title: 'Denials by payer', section: 'closed',
      description: `Initial: claims and lines first adjudicated ${window} and those denied, count and charges (registry: initial_denial_rate, initial_denial_rate_line; duplicate denials, CARC 18, apart). Final: denial write-offs dated ${window}, net of later recoveries, over the net revenue of the month (charges with service in the month less contractual, policy and duplicate adjustments; registry: final_denial_rate, net_revenue).`,
      keyColumns: ['payer'],
      columns: [
        { key: 'payer', label: 'Payer', format: 'text' },
        { key: 'payer_name', label: 'Payer name', format: 'text' },
        { key: 'claims_adjudicated', label: 'Claims first adjudicated', format: 'count' },
        { key: 'claims_denied', label: 'Claims denied', format: 'count' },
        { key: 'denial_rate', label: labelOf('initial_denial_rate', true), format: 'ratio' },
        { key: 'charges_adjudicated', label: 'Charges adjudicated', format: 'money' },
        { key: 'charges_denied', label: 'Charges denied', format: 'money' },
        { key: 'denial_rate_dollars', label: `${labelOf('initial_denial_rate', true)} ($)`, format: 'ratio' },
        { key: 'lines_adjudicated', label: 'Lines first adjudicated', format: 'count' },
        { key: 'lines_denied', label: 'Lines denied', format: 'count' },
        { key: 'line_denial_rate', label: labelOf('initial_denial_rate_line', true), format: 'ratio' },
        { key: 'duplicate_claims', label: `${labelOf('duplicate_denials', true)} (claims)`, format: 'count' },
        { key: 'final_write_offs', label: labelOf('denial_write_offs'), format: 'money' },
        { key: 'final_claims', label: 'Claims written off after a denial', format: 'count' },
        { key: 'net_revenue', label: labelOf('net_revenue'), format: 'money' },
        { key: 'final_denial_rate', label: labelOf('final_denial_rate', true), format: 'ratio' },
      ],
      rows: payerRows,
    },
    {
      name: 'denials_by_category', title: 'Denials by category', section: 'closed',
      description: `Claims and lines denied on their first adjudication ${window}, by denial category (registry: initial_denial_rate and initial_denial_rate_line by denial_category), and denial write-offs dated ${window} (net of later recoveries) by the categories of the claim's first adjudication ((unknown) when it denied nothing). A claim denied in several categories counts in each; the total counts it once.`,
      keyColumns: ['category'],
      columns: [
        { key: 'category', label: 'Category', format: 'text' },
        { key: 'category_label', label: 'What it is', format: 'text' },
        { key: 'owner_team', label: 'Owning team', format: 'text' },
        { key: 'avoidable', label: 'Avoidable', format: 'text' },
        { key: 'claims_denied', label: 'Claims denied', format: 'count' },
        { key: 'share_of_claims_adjudicated', label: 'Share of claims adjudicated', format: 'ratio' },
        { key: 'charges_denied', label: 'Charges of the claims denied', format: 'money' },
        { key: 'lines_denied', label: 'Lines denied', format: 'count' },
        { key: 'line_charges_denied', label: 'Charges of the lines denied', format: 'money' },
        { key: 'final_write_offs', label: labelOf('denial_write_offs'), format: 'money' },
        { key: 'final_claims', label: 'Claims written off after a denial', format: 'count' },
      ],
      rows: categoryRows,
    },
  ];
}
