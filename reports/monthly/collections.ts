// Collections of the month by payer, by rendering provider and by location: the registry's `collections`
// (money in by kind: insurance payments, PLB interest and recoupments, patient payments, refunds) narrowed
// to each payer, provider or location. Patient money has no payer: it is the "patient" line. PLB money
// belongs to a remittance, not a claim, so it has no provider or location: what no line claims is shown
// as its own line, and every table adds up to the practice's collections to the cent.
import type { MetricResult } from '../../warehouse/metrics/compute.ts';
import { labelOf } from '../../warehouse/metrics/registry.ts';
import { collectionClaimValues } from '../../warehouse/queries/monthly-package.ts';
import { centsOf, type Cell, type Column, type ReportTable, type Row } from '../table.ts';
import { PackageContext, payerName } from './context.ts';

/** The kinds `collections` breaks money into, as columns. */
export const COLLECTION_KINDS: readonly { kind: string; label: string }[] = [
  { kind: 'insurance_paid', label: 'Insurance payments' },
  { kind: 'plb_interest', label: 'PLB interest' },
  { kind: 'plb_recoupment', label: 'PLB recoupments' },
  { kind: 'plb_other', label: 'PLB other' },
  { kind: 'patient_payment', label: 'Patient payments' },
  { kind: 'refund', label: 'Refunds' },
];

function kindCells(result: MetricResult, only?: readonly string[]): Record<string, Cell> {
  const cells: Record<string, Cell> = {};
  let total = 0;
  for (const { kind } of COLLECTION_KINDS) {
    const row = result.breakdown?.find((b) => b.key === kind);
    const cents = only && !only.includes(kind) ? 0 : centsOf(row?.numerator ?? 0)!;
    cells[kind] = cents;
    total += cents;
  }
  const unknown = (result.breakdown ?? []).filter((b) => !COLLECTION_KINDS.some((k) => k.kind === b.key) && (b.numerator ?? 0) !== 0);
  if (unknown.length && !only) throw new Error(`collections has kinds the package does not list: ${unknown.map((b) => b.key).join(', ')}`);
  cells.total = total;
  return cells;
}

const columns = (key: string, label: string, name?: string): Column[] => [
  { key, label, format: 'text' },
  ...(name ? [{ key: `${key}_name`, label: name, format: 'text' as const }] : []),
  ...COLLECTION_KINDS.map(({ kind, label: l }) => ({ key: kind, label: l, format: 'money' as const })),
  { key: 'total', label: labelOf('collections'), format: 'money' },
];

function checkSum(table: string, rows: Row[], total: Row): void {
  for (const column of [...COLLECTION_KINDS.map((k) => k.kind), 'total']) {
    const sum = rows.reduce((s, r) => s + (r.cells[column] as number), 0);
    if (sum !== total.cells[column]) throw new Error(`${table} does not add up in ${column}: ${sum} cents by line, ${total.cells[column]} in all`);
  }
}

/** The rest of the practice's collections no line accounts for, as its own line (omitted when zero). */
function remainder(names: Record<string, Cell>, rows: Row[], total: Row): Row[] {
  const cells: Record<string, Cell> = { ...names };
  let any = false;
  for (const column of [...COLLECTION_KINDS.map((k) => k.kind), 'total']) {
    const rest = (total.cells[column] as number) - rows.reduce((s, r) => s + (r.cells[column] as number), 0);
    cells[column] = rest;
    if (rest !== 0) any = true;
  }
  return any ? [{ cells }] : [];
}

export async function collectionTables(ctx: PackageContext): Promise<ReportTable[]> {
  const { from, to } = ctx.period;
  const all = kindCells(await ctx.monthly('collections', { by: 'kind' }));
  const { payers: payerNames, providers: providerNames } = await ctx.names();

  // by payer: the money's payer (the remittance's); patients' money is "patient"
  const byPayer = await ctx.monthly('collections', { by: 'payer' });
  const payerRows: Row[] = [];
  for (const key of (byPayer.breakdown ?? []).map((b) => b.key).filter((k): k is string => k !== null)) {
    const cells = key === 'patient'
      ? kindCells(await ctx.monthly('collections', { by: 'kind' }), ['patient_payment', 'refund'])
      : kindCells(await ctx.monthly('collections', { by: 'kind', payer: key }));
    payerRows.push({ cells: { payer: key, payer_name: payerName(payerNames, key), ...cells } });
  }
  const payerTotal: Row = { total: true, cells: { payer: 'TOTAL', payer_name: 'all payers and patients', ...all } };
  checkSum('collections by payer', payerRows, payerTotal);

  // by the claim's rendering provider and location: the values that have money in the month
  const claimTable = async (dimension: 'provider' | 'location', column: 'rendering_npi' | 'location'): Promise<Row[]> => {
    const rows: Row[] = [];
    for (const v of await collectionClaimValues(ctx, ctx.period, column)) {
      const cells = kindCells(await ctx.monthly('collections', { by: 'kind', [dimension]: v }));
      rows.push({ cells: dimension === 'provider' ? { provider: v, provider_name: providerNames.get(v) ?? null, ...cells } : { location: v, ...cells } });
    }
    return rows;
  };
  const providerRows = await claimTable('provider', 'rendering_npi');
  const providerTotal: Row = { total: true, cells: { provider: 'TOTAL', provider_name: 'all', ...all } };
  const providerRest = remainder({ provider: '(none)', provider_name: 'no rendering provider: PLB money, claims without one' }, providerRows, providerTotal);
  checkSum('collections by provider', [...providerRows, ...providerRest], providerTotal);
  const locationRows = await claimTable('location', 'location');
  const locationTotal: Row = { total: true, cells: { location: 'TOTAL', ...all } };
  const locationRest = remainder({ location: '(none: PLB money, claims without a location)' }, locationRows, locationTotal);
  checkSum('collections by location', [...locationRows, ...locationRest], locationTotal);

  const window = `${from} – ${to}`;
  return [
    {
      name: 'collections_by_payer', title: 'Collections by payer', section: 'closed',
      description: `Money in, ${window}, by the payer that sent it (registry: collections, by kind, narrowed to each payer); patient payments and refunds are the patients' line.`,
      keyColumns: ['payer'], columns: columns('payer', 'Payer', 'Payer name'), rows: [...payerRows, payerTotal],
    },
    {
      name: 'collections_by_provider', title: 'Collections by provider', section: 'closed',
      description: `Money in, ${window}, by the claim's rendering provider (registry: collections narrowed to each provider). PLB money belongs to no claim: it is the (none) line.`,
      keyColumns: ['provider'], columns: columns('provider', 'Rendering NPI', 'Provider name'), rows: [...providerRows, ...providerRest, providerTotal],
    },
    {
      name: 'collections_by_location', title: 'Collections by location', section: 'closed',
      description: `Money in, ${window}, by the claim's location (service facility, else the billing provider) (registry: collections narrowed to each location). PLB money belongs to no claim.`,
      keyColumns: ['location'], columns: columns('location', 'Location'), rows: [...locationRows, ...locationRest, locationTotal],
    },
  ];
}
