// A 12-month trend as a small line chart: the metric's monthly values, an optional reference band (the
// published benchmark range), the latest value labelled, a tip on hover. A pure function of data and
// options; pass `document` to render outside a browser (jsdom, for reports).
import * as Plot from '@observablehq/plot';
import { formatMonth, formatValue, type Unit } from '../../../kernel/format.ts';
import { ROLE } from '../../../kernel/palette.ts';

export interface SparkPoint {
  /** YYYY-MM */
  month: string;
  value: number | null;
}

export interface ReferenceBand {
  low: number;
  high: number;
  label: string;
}

export interface SparklineOptions {
  unit: Unit;
  /** What the chart shows, for screen readers. */
  label: string;
  band?: ReferenceBand | null;
  width?: number;
  height?: number;
  document?: Document;
}

const monthDate = (key: string) => new Date(`${key}-01T00:00:00Z`);

export function sparkline(points: readonly SparkPoint[], options: SparklineOptions): SVGSVGElement | HTMLElement {
  const doc = options.document ?? document;
  const data = points.map((p) => ({ date: monthDate(p.month), month: p.month, value: p.value }));
  const defined = data.filter((d) => d.value !== null);
  if (defined.length === 0) {
    const empty = doc.createElement('p');
    empty.className = 'hint';
    empty.textContent = 'No trend: no values in the last 12 months.';
    return empty;
  }
  const first = data[0].date;
  const last = data[data.length - 1].date;
  const latest = defined[defined.length - 1];
  const text = (v: number | null) => formatValue(options.unit, v);
  const marks: Plot.Markish[] = [];
  if (options.band) {
    const band = options.band;
    marks.push(Plot.rect([band], { x1: () => first, x2: () => last, y1: 'low', y2: 'high', fill: ROLE.band, fillOpacity: 0.16, title: () => band.label }));
  }
  marks.push(
    Plot.lineY(data, { x: 'date', y: 'value', stroke: ROLE.line, strokeWidth: 2, curve: 'linear' }),
    Plot.dot([latest], { x: 'date', y: 'value', fill: ROLE.point, r: 3 }),
    Plot.text([latest], { x: 'date', y: 'value', text: (d: typeof latest) => text(d.value), dx: 6, textAnchor: 'start', fontSize: 10 }),
    Plot.tip(data, Plot.pointerX({ x: 'date', y: 'value', title: (d: (typeof data)[number]) => `${formatMonth(d.month)}: ${text(d.value)}` })),
  );
  return Plot.plot({
    document: doc,
    width: options.width ?? 250,
    height: options.height ?? 72,
    marginTop: 6,
    marginBottom: 18,
    marginLeft: 6,
    marginRight: 58,
    style: { overflow: 'visible', fontSize: '10px' },
    x: { type: 'utc', ticks: [first, last], tickFormat: (d: Date) => formatMonth(d.toISOString()), tickSize: 0, label: null },
    y: { axis: null, nice: false, zero: false },
    marks,
    ariaLabel: `${options.label}: trend over ${points.length} months`,
    ariaDescription: data.map((d) => `${formatMonth(d.month)} ${text(d.value)}`).join('; ') + (options.band ? `; reference band ${options.band.label}` : ''),
  });
}
