// The A/R roll-forward of the month (metrics.md, "A/R roll-forward"): the balances at the month before's
// end, plus the month's balance changes (int_balance_event: charges, insurance and patient payments, the
// payer adjustments and write-offs by adjustment class, refunds), must give the balances at the month end,
// to the cent. The balances at both ends are the registry's A/R and credit balances
// (ar_total over mart_claim_balance) and the positive balances that are not A/R (claims not yet served, or
// without a date of service). A roll-forward that does not tie stops the package.
import { balanceBeforeService, balanceMovements } from '../../warehouse/queries/monthly-package.ts';
import { centsOf, type ReportTable, type Row } from '../table.ts';
import type { PackageContext } from './context.ts';
import { dayBefore } from './period.ts';
import type { Cents } from '../../kernel/money.ts';

/** The kinds of int_balance_event (its payer adjustments and write-offs by adjustment class), in the order a roll-forward lists them. */
export const MOVEMENTS: readonly { kind: string; label: string; classed?: true }[] = [
  { kind: 'charges', label: 'Charges (date of service in the month; a rebilled difference on its submission date)' },
  { kind: 'insurance_paid', label: 'Insurance payments (reversals netted)' },
  { kind: 'patient_payments', label: 'Patient payments' },
  { kind: 'contractual', label: 'Contractual adjustments (payer adjustments outside the denial categories; manual contractual)', classed: true },
  { kind: 'policy', label: 'Policy write-offs (discounts, charity, small balances)', classed: true },
  { kind: 'duplicate', label: 'Duplicate and voided charges written off', classed: true },
  { kind: 'denial', label: 'Denials written off', classed: true },
  { kind: 'bad_debt', label: 'Bad debt written off', classed: true },
  { kind: 'unclassified', label: 'Write-offs of no class (reason in no table)', classed: true },
  { kind: 'refunds', label: 'Refunds' },
  { kind: 'transfers', label: 'Transfers' },
];

export interface Balances {
  date: string;
  ar: Cents;
  /** Credit balances as a positive amount (owed back), netted out below. */
  credits: Cents;
  /** Positive balances that are not A/R: claims not served by the date, or without a date of service. */
  other: Cents;
  /** ar − credits + other: every claim's balance summed. */
  net: Cents;
}

export interface RollForward {
  from: string;
  to: string;
  opening: Balances;
  movements: { kind: string; label: string; amount: Cents }[];
  /** opening.net + Σ movements */
  computedClosing: Cents;
  closing: Balances;
  /** computedClosing − closing.net: zero when it ties. */
  difference: Cents;
  ties: boolean;
}

export class RollForwardError extends Error {
  constructor(readonly rollForward: RollForward) {
    super(`the A/R roll-forward of ${rollForward.from} – ${rollForward.to} does not tie: opening ${fmt(rollForward.opening.net)} + changes ${fmt(rollForward.computedClosing - rollForward.opening.net)} = ${fmt(rollForward.computedClosing)}, but the balances at ${rollForward.to} sum to ${fmt(rollForward.closing.net)} (difference ${fmt(rollForward.difference)}); the package was not written`);
    this.name = 'RollForwardError';
  }
}

const fmt = (cents: Cents) => (cents / 100).toFixed(2);

async function balancesAt(ctx: PackageContext, date: string): Promise<Balances> {
  const ar = centsOf((await ctx.metric('ar_total', { asOf: date })).numerator ?? 0)!;
  const kinds = await ctx.metric('ar_total', { asOf: date, by: 'kind' });
  const credits = centsOf(kinds.breakdown?.find((b) => b.key === 'credit balances')?.numerator ?? 0)!;
  const other = centsOf(await balanceBeforeService(ctx, date))!;
  return { date, ar, credits, other, net: ar - credits + other };
}

export async function rollForward(ctx: PackageContext): Promise<RollForward> {
  const { from, to } = ctx.period;
  const opening = await balancesAt(ctx, dayBefore(from));
  const closing = await balancesAt(ctx, to);
  const sums = await balanceMovements(ctx, ctx.period);
  const byKind = new Map(sums.map((s) => [s.kind, centsOf(s.amount)!]));
  const known = MOVEMENTS.map(({ kind, label }) => ({ kind, label, amount: byKind.get(kind) ?? 0 }));
  // a kind the models add later is listed under its own name rather than lost from the tie
  const unknown = [...byKind].filter(([kind]) => !MOVEMENTS.some((m) => m.kind === kind)).map(([kind, amount]) => ({ kind, label: kind, amount }));
  const movements = [...known, ...unknown];
  const computedClosing = opening.net + movements.reduce((s, m) => s + m.amount, 0);
  const difference = computedClosing - closing.net;
  return { from, to, opening, movements, computedClosing, closing, difference, ties: difference === 0 };
}

export function rollForwardTable(rf: RollForward): ReportTable {
  const line = (key: string, label: string, amount: Cents, source: string, extra: Partial<Row> = {}): Row => ({ ...extra, cells: { line: key, label, amount, source } });
  const opening = `ar_total at ${rf.opening.date}`;
  const closing = `ar_total at ${rf.closing.date}`;
  const rows: Row[] = [
    line('opening_ar', `A/R at ${rf.opening.date}`, rf.opening.ar, opening),
    line('opening_credit_balances', `Credit balances at ${rf.opening.date}`, -rf.opening.credits, `${opening}, by kind`),
    line('opening_other_balances', 'Positive balances not in A/R (not yet served, or no date of service)', rf.opening.other, 'mart_claim_balance'),
    line('opening_balance', `Net balance at ${rf.opening.date}`, rf.opening.net, 'sum', { total: true, sumOf: ['opening_ar', 'opening_credit_balances', 'opening_other_balances'] }),
    ...rf.movements.map((m) => line(m.kind, m.label, m.amount, `int_balance_event, ${MOVEMENTS.find((k) => k.kind === m.kind)?.classed ? 'adjustment class' : 'kind'} ${m.kind}, dated ${rf.from} – ${rf.to}`)),
    line('closing_computed', `Net balance at ${rf.to}, rolled forward`, rf.computedClosing, 'sum', { total: true, sumOf: ['opening_balance', ...rf.movements.map((m) => m.kind)] }),
    line('closing_ar', `A/R at ${rf.closing.date}`, rf.closing.ar, closing),
    line('closing_credit_balances', `Credit balances at ${rf.closing.date}`, -rf.closing.credits, `${closing}, by kind`),
    line('closing_other_balances', 'Positive balances not in A/R (not yet served, or no date of service)', rf.closing.other, 'mart_claim_balance'),
    line('closing_balance', `Net balance at ${rf.to}, from the balances`, rf.closing.net, 'sum', { total: true, sumOf: ['closing_ar', 'closing_credit_balances', 'closing_other_balances'] }),
    line('difference', rf.ties ? 'Difference (ties to the cent)' : 'Difference: DOES NOT TIE', rf.difference, 'must be 0.00', { total: true, sumOf: ['closing_computed', '-closing_balance'] }),
  ];
  return {
    name: 'ar_roll_forward', title: 'A-R roll-forward', section: 'closed',
    description: `Opening + charges − payments − contractual − policy − duplicate − denial − bad debt − unclassified + refunds = closing, ${rf.from} – ${rf.to}: the balance changes of the month (int_balance_event, adjustments by class) roll the balances at ${rf.opening.date} forward to those at ${rf.to} (registry: ar_total), to the cent.`,
    keyColumns: ['line'],
    columns: [
      { key: 'line', label: 'Line', format: 'text' },
      { key: 'label', label: 'What it is', format: 'text' },
      { key: 'amount', label: 'Amount', format: 'money' },
      { key: 'source', label: 'Source', format: 'text' },
    ],
    rows,
  };
}
