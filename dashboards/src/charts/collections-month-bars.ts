// Payments by month, split by kind: a stacked bar per month (money in above zero, refunds and recoupments
// below), the month's net amount written above its bar, the kinds named in the legend and in each
// segment's tip. A pure function of (data, options) → element.
import * as Plot from '@observablehq/plot';
import { formatMoney, formatMonth } from '../../../kernel/format.ts';
import { ROLE, seriesColour } from '../../../kernel/palette.ts';

export interface MonthKindAmount {
  /** YYYY-MM */
  month: string;
  kind: string;
  amount: number;
}

export interface MonthBarsOptions {
  /** The months in order (YYYY-MM), those without money included. */
  months: readonly string[];
  /** The kinds in stacking and legend order. */
  kinds: readonly string[];
  /** A kind's name for people. */
  kindName: (kind: string) => string;
  /** Each month's net amount, written above its bar. */
  totals: ReadonlyMap<string, number | null>;
  width?: number;
  document?: Document;
}

export function collectionsMonthBars(data: readonly MonthKindAmount[], options: MonthBarsOptions): SVGSVGElement | HTMLElement {
  const doc = options.document ?? document;
  const rows = data.filter((d) => d.amount !== 0);
  const names = options.kinds.map(options.kindName);
  const totals = options.months.map((month) => ({ month, total: options.totals.get(month) ?? null }));
  // the net label sits above the positive stack of its month
  const tops = new Map<string, number>();
  for (const d of rows) if (d.amount > 0) tops.set(d.month, (tops.get(d.month) ?? 0) + d.amount);
  const labels = totals.map((t) => ({ ...t, top: tops.get(t.month) ?? 0 }));
  return Plot.plot({
    document: doc,
    width: options.width ?? 860,
    height: 320,
    marginTop: 24,
    marginLeft: 16,
    marginRight: 16,
    style: { fontSize: '11px', overflow: 'visible' },
    x: { domain: [...options.months], tickFormat: (m: string) => formatMonth(m), label: null, tickSize: 0 },
    y: { axis: null, grid: false },
    color: { domain: names, range: names.map((_, i) => seriesColour(i)), legend: true },
    marks: [
      Plot.barY(rows, Plot.stackY({
        x: 'month', y: 'amount', fill: (d: MonthKindAmount) => options.kindName(d.kind), order: names, inset: 0.5,
        title: (d: MonthKindAmount) => `${formatMonth(d.month)}, ${options.kindName(d.kind)}: ${formatMoney(d.amount)}`,
      })),
      Plot.ruleY([0], { stroke: ROLE.muted }),
      Plot.text(labels, { x: 'month', y: 'top', text: (d: (typeof labels)[number]) => formatMoney(d.total), dy: -8, fontWeight: 600 }),
    ],
    ariaLabel: 'Payments by month, split by kind',
    ariaDescription: totals.map((t) => `${formatMonth(t.month)} ${formatMoney(t.total)}`).join('; '),
  });
}
