// Labelled horizontal bars for a few named amounts (A/R by who owes it, payments by provider or location):
// one bar per item from zero, its value written at its end, the colour saying its group (with the group's
// name in the legend, so colour never carries the meaning alone), each bar optionally a button to what is
// behind it. A pure function of (items, options).
import * as Plot from '@observablehq/plot';
import { formatValue, type Unit } from '../../../kernel/format.ts';
import { markButtons } from './mark-buttons.ts';
import { ROLE, seriesColour } from '../../../kernel/palette.ts';

export interface BarItem {
  key: string;
  /** What the bar is called on the axis. */
  label: string;
  value: number | null;
  /** The bar's group (legend and colour); default: one group. */
  group?: string;
}

export interface BarListOptions {
  unit: Unit;
  /** What the chart shows, for screen readers. */
  label: string;
  /** The groups in legend order (colours taken in this order). */
  groups?: readonly string[];
  width?: number;
  marginLeft?: number;
  /** A bar was chosen (click, Enter or Space); without it the bars are not buttons. */
  onSelect?: (item: BarItem) => void;
  /** The chosen bar's key. */
  selected?: string | null;
  document?: Document;
}

export function barList(items: readonly BarItem[], options: BarListOptions): SVGSVGElement | HTMLElement {
  const doc = options.document ?? document;
  const data = items.map((d) => ({ ...d, value: d.value ?? 0, text: formatValue(options.unit, d.value), group: d.group ?? '' }));
  const groups = options.groups ?? [...new Set(data.map((d) => d.group))];
  const extent = Math.max(0, ...data.map((d) => Math.abs(d.value)));
  const hasNegative = data.some((d) => d.value < 0);
  return Plot.plot({
    document: doc,
    width: options.width ?? 520,
    height: 30 + items.length * 28,
    marginLeft: options.marginLeft ?? 150,
    marginRight: 100,
    style: { fontSize: '11px', overflow: 'visible' },
    x: { axis: null, domain: hasNegative ? [-extent, extent] : [0, extent || 1] },
    y: { domain: data.map((d) => d.label), label: null, tickSize: 0 },
    color: { domain: [...groups], range: groups.map((_, i) => seriesColour(i)), legend: groups.length > 1 },
    marks: [
      Plot.barX(data, {
        x: 'value', y: 'label', fill: 'group', inset: 0.5, title: (d: (typeof data)[number]) => `${d.label}: ${d.text}`,
        render: markButtons({
          data, describe: (d) => `${d.label}: ${d.text}`, dataset: (d) => ({ key: d.key }),
          onSelect: options.onSelect && ((d) => options.onSelect!(items.find((item) => item.key === d.key)!)),
          isSelected: options.selected ? (d) => d.key === options.selected : undefined,
        }),
      }),
      Plot.ruleX([0], { stroke: ROLE.muted }),
      Plot.text(data.filter((d) => d.value >= 0), { x: 'value', y: 'label', text: 'text', fontWeight: 600, dx: 6, textAnchor: 'start' }),
      Plot.text(data.filter((d) => d.value < 0), { x: 'value', y: 'label', text: 'text', fontWeight: 600, dx: -6, textAnchor: 'end' }),
    ],
    ariaLabel: options.label,
    ariaDescription: data.map((d) => `${d.label} ${d.text}`).join('; '),
  });
}
