// Denials of the month by payer and by category, count and dollars, initial and final. Initial: the
// registry's initial denial rates (claims and lines, first adjudicated in the month; duplicates apart).
// Final: the registry's final_denial_rate (write-offs posted in the month on claims that had a denial,
// over the month's charges) by payer; the same write-offs by denial category and their claim counts, which
// the registry does not break down, come from the SQL below, and must add up to the registry's number.
import type { BreakdownRow, MetricResult } from '../../warehouse/metrics/compute.ts';
import { between } from '../../warehouse/metrics/window.ts';
import { centsOf, type Cell, type ReportTable, type Row } from '../table.ts';
import { PackageContext, payerName } from './context.ts';
import type { Window } from '../../warehouse/metrics/window.ts';

/**
 * Write-offs posted in the window on claims denied on or before the posting (final_denial_rate's
 * numerator), each with the denial categories of the claim's denied lines up to that day.
 */
export function finalDenialWriteOffs(w: Window): string {
  return `WITH written AS (
      SELECT p.claim_id, c.payer_id, p.posting_date, p.amount
      FROM stg_posting p JOIN mart_claim c USING (claim_id)
      WHERE p.posting_type = 'write_off' AND ${between('p.posting_date', w)} AND c.first_denied_date <= p.posting_date
    ),
    categories AS (
      SELECT w.claim_id, w.posting_date, list_sort(list_distinct(flatten(list(l.denial_categories)))) AS categories
      FROM (SELECT DISTINCT claim_id, posting_date FROM written) w
      JOIN int_adjudication a ON a.claim_id = w.claim_id AND NOT a.is_reversal AND NOT a.is_secondary AND a.adjudication_date <= w.posting_date
      JOIN int_adjudication_line l ON l.file_id = a.file_id AND l.claim_position = a.claim_position AND l.is_denied
      GROUP BY ALL
    )
    SELECT w.claim_id, w.payer_id, w.amount, coalesce(nullif(k.categories, []), ['(unknown)']) AS categories
    FROM written w LEFT JOIN categories k USING (claim_id, posting_date)`;
}

interface Final { claims: number; amount: number }

async function finalWriteOffsBy(ctx: PackageContext, key: 'payer' | 'category'): Promise<Map<string, Final>> {
  const w = { asOf: ctx.period.to, from: ctx.period.from, to: ctx.period.to };
  const keyed = key === 'payer' ? 'SELECT payer_id AS key, claim_id, amount FROM f' : 'SELECT unnest(categories) AS key, claim_id, amount FROM f';
  const rows = await ctx.all<{ key: string | null; claims: bigint; amount: string }>(
    `WITH f AS (${finalDenialWriteOffs(w)}) SELECT key, count(DISTINCT claim_id) AS claims, sum(amount)::VARCHAR AS amount FROM (${keyed}) GROUP BY 1`,
  );
  return new Map(rows.map((r) => [r.key ?? '(none)', { claims: Number(r.claims), amount: centsOf(r.amount)! }]));
}

async function finalTotal(ctx: PackageContext): Promise<Final> {
  const w = { asOf: ctx.period.to, from: ctx.period.from, to: ctx.period.to };
  const [row] = await ctx.all<{ claims: bigint; amount: string }>(`SELECT count(DISTINCT claim_id) AS claims, coalesce(sum(amount), 0)::VARCHAR AS amount FROM (${finalDenialWriteOffs(w)})`);
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
    final_write_offs: money(f?.numerator), final_claims: fc?.claims ?? 0, charges_in_month: money(f?.denominator), final_denial_rate: f?.value ?? null,
  });
  const payerRows: Row[] = payers.map((p) => ({
    cells: { payer: p, payer_name: payerName(names, p), ...payerCells(find(claimsBy, p), find(linesBy, p), find(duplicatesBy, p), find(finalByPayer, p), finalPayers.get(p)) },
  }));
  payerRows.push({ total: true, cells: { payer: 'TOTAL', payer_name: 'all payers', ...payerCells(claims, lines, duplicates, final, total) } });

  // by denial category
  const [claimsCat, linesCat] = [await ctx.monthly('initial_denial_rate', { by: 'denial_category' }), await ctx.monthly('initial_denial_rate_line', { by: 'denial_category' })];
  const finalCats = await finalWriteOffsBy(ctx, 'category');
  const reference = await ctx.all<{ category: string; label: string; avoidable: boolean | null; owner_team: string | null; sort_order: number | null }>(
    'SELECT category, label, avoidable, owner_team, sort_order FROM ref_denial_category',
  );
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
      description: `Initial: claims and lines first adjudicated ${window} and those denied, count and charges (registry: initial_denial_rate, initial_denial_rate_line; duplicate denials, CARC 18, apart). Final: write-offs posted ${window} on claims that had a denial, over the charges of the month (registry: final_denial_rate).`,
      keyColumns: ['payer'],
      columns: [
        { key: 'payer', label: 'Payer', format: 'text' },
        { key: 'payer_name', label: 'Payer name', format: 'text' },
        { key: 'claims_adjudicated', label: 'Claims first adjudicated', format: 'count' },
        { key: 'claims_denied', label: 'Claims denied', format: 'count' },
        { key: 'denial_rate', label: 'Initial denial rate', format: 'ratio' },
        { key: 'charges_adjudicated', label: 'Charges adjudicated', format: 'money' },
        { key: 'charges_denied', label: 'Charges denied', format: 'money' },
        { key: 'denial_rate_dollars', label: 'Initial denial rate ($)', format: 'ratio' },
        { key: 'lines_adjudicated', label: 'Lines first adjudicated', format: 'count' },
        { key: 'lines_denied', label: 'Lines denied', format: 'count' },
        { key: 'line_denial_rate', label: 'Line denial rate', format: 'ratio' },
        { key: 'duplicate_claims', label: 'Duplicate denials (claims)', format: 'count' },
        { key: 'final_write_offs', label: 'Write-offs on denied claims', format: 'money' },
        { key: 'final_claims', label: 'Claims written off after a denial', format: 'count' },
        { key: 'charges_in_month', label: 'Charges (service in the month)', format: 'money' },
        { key: 'final_denial_rate', label: 'Final denial rate', format: 'ratio' },
      ],
      rows: payerRows,
    },
    {
      name: 'denials_by_category', title: 'Denials by category', section: 'closed',
      description: `Claims and lines denied on their first adjudication ${window}, by denial category (registry: initial_denial_rate and initial_denial_rate_line by denial_category), and write-offs posted ${window} on denied claims by the categories of their denied lines. A claim denied in several categories counts in each; the total counts it once.`,
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
        { key: 'final_write_offs', label: 'Write-offs on denied claims', format: 'money' },
        { key: 'final_claims', label: 'Claims written off after a denial', format: 'count' },
      ],
      rows: categoryRows,
    },
  ];
}
