// Rates by month as lines (net and gross collection rate): a line and dots per series, each point's value
// written above it, the series named at the end of its line as well as in the legend. A pure function of
// (series, options) → element.
import * as Plot from '@observablehq/plot';
import { formatMonth, formatPercent } from '../../../kernel/format.ts';
import { seriesColour } from '../../../kernel/palette.ts';

export interface RateSeries {
  name: string;
  points: { month: string; value: number | null }[];
}

export interface RateLinesOptions {
  months: readonly string[];
  label: string;
  width?: number;
  document?: Document;
}

export function collectionsRateLines(series: readonly RateSeries[], options: RateLinesOptions): SVGSVGElement | HTMLElement {
  const doc = options.document ?? document;
  const data = series.flatMap((s) => s.points.map((p) => ({ series: s.name, month: p.month, value: p.value })));
  const defined = data.filter((d) => d.value !== null);
  if (defined.length === 0) {
    const empty = doc.createElement('p');
    empty.className = 'state empty';
    empty.dataset.state = 'empty';
    empty.textContent = 'No rate in any month of the window: no charges or payments to divide.';
    return empty;
  }
  const names = series.map((s) => s.name);
  const last = series.map((s) => [...s.points].reverse().find((p) => p.value !== null)).map((p, i) => (p ? { series: names[i], month: p.month, value: p.value } : null)).filter((p) => p !== null);
  return Plot.plot({
    document: doc,
    width: options.width ?? 860,
    height: 260,
    marginTop: 20,
    marginRight: 70,
    marginLeft: 16,
    style: { fontSize: '11px', overflow: 'visible' },
    x: { type: 'point', domain: [...options.months], tickFormat: (m: string) => formatMonth(m), label: null, tickSize: 0 },
    y: { axis: null, zero: true },
    color: { domain: names, range: names.map((_, i) => seriesColour(i)), legend: true },
    marks: [
      Plot.lineY(data, { x: 'month', y: 'value', stroke: 'series', strokeWidth: 2 }),
      Plot.dot(defined, { x: 'month', y: 'value', fill: 'series', r: 3, title: (d: (typeof data)[number]) => `${d.series}, ${formatMonth(d.month)}: ${formatPercent(d.value)}` }),
      Plot.text(defined, { x: 'month', y: 'value', text: (d: (typeof data)[number]) => formatPercent(d.value), dy: -9, fontSize: 9, fill: 'series' }),
      Plot.text(last, { x: 'month', y: 'value', text: 'series', dx: 10, textAnchor: 'start', fill: 'series', fontWeight: 600 }),
    ],
    ariaLabel: options.label,
    ariaDescription: series.map((s) => `${s.name}: ${s.points.map((p) => `${formatMonth(p.month)} ${formatPercent(p.value)}`).join(', ')}`).join('; '),
  });
}
