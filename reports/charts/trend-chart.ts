// One headline KPI over twelve months as a line with a dot per month: the latest value written beside its
// dot, and the highest and lowest months' values on theirs, so the chart reads without its axis. A month
// without a number is a gap, not a zero. A pure function of (trend, document) → SVG element.
import * as Plot from '@observablehq/plot';
import { ROLE } from '../../kernel/palette.ts';
import { cellDisplay, tickText } from '../render/pdf-format.ts';
import type { KpiTrend } from './kpi-trends.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Every other month's tick, the year under the first and under each January. */
function monthTick(month: string, i: number): string {
  if (i % 2 === 1) return '';
  const [year, m] = month.split('-');
  const name = MONTHS[Number(m) - 1];
  return i === 0 || m === '01' ? `${name}\n${year}` : name;
}

interface Point { month: string; y: number | null; text: string; latest: boolean }

export function trendChart(trend: KpiTrend, doc: Document, size: { width: number; height: number } = { width: 340, height: 138 }): Element {
  // positions only: the money drawn is in dollars, the money written is the exact cents' text
  const points: Point[] = trend.points.map((p, i) => ({
    month: p.month,
    y: typeof p.value === 'number' ? (trend.unit === 'money' ? p.value / 100 : p.value) : null,
    text: cellDisplay(p.value, trend.unit),
    latest: i === trend.points.length - 1,
  }));
  const known = points.filter((p) => p.y !== null);
  const high = known.reduce<Point | null>((a, p) => (a === null || p.y! > a.y! ? p : a), null);
  const low = known.reduce<Point | null>((a, p) => (a === null || p.y! < a.y! ? p : a), null);
  const labelled = known.filter((p) => p.latest || p === high || p === low);
  const unit = trend.unit;
  return Plot.plot({
    document: doc,
    width: size.width,
    height: size.height,
    marginLeft: 46,
    marginRight: 30,
    marginTop: 16,
    marginBottom: 28,
    style: { fontSize: '9px', fontFamily: 'inherit', overflow: 'visible' },
    x: { type: 'point', domain: trend.points.map((p) => p.month), tickFormat: monthTick, label: null, tickSize: 3, padding: 0.4 },
    y: { grid: true, nice: true, ticks: 4, label: null, zero: unit !== 'days', tickFormat: (v: number) => tickText(unit, v) },
    marks: [
      Plot.lineY(points, { x: 'month', y: 'y', stroke: ROLE.line, strokeWidth: 2 }),
      Plot.dot(known.filter((p) => !p.latest), { x: 'month', y: 'y', fill: ROLE.point, r: 2.2 }),
      Plot.dot(known.filter((p) => p.latest), { x: 'month', y: 'y', fill: ROLE.ink, r: 3.5 }),
      // white halo under each label keeps it readable over the line and the grid
      // the first month's label starts at its dot (centred, it would run into the axis)
      Plot.text(labelled.filter((p) => !p.latest && p.month === points[0].month), { x: 'month', y: 'y', text: 'text', dy: -9, dx: -3, textAnchor: 'start', fill: ROLE.ink, stroke: 'white', strokeWidth: 3, paintOrder: 'stroke' }),
      Plot.text(labelled.filter((p) => !p.latest && p.month !== points[0].month), { x: 'month', y: 'y', text: 'text', dy: -9, fill: ROLE.ink, stroke: 'white', strokeWidth: 3, paintOrder: 'stroke' }),
      Plot.text(labelled.filter((p) => p.latest), { x: 'month', y: 'y', text: 'text', dy: -9, textAnchor: 'end', fontWeight: 700, fill: ROLE.ink, stroke: 'white', strokeWidth: 3, paintOrder: 'stroke' }),
      ...(known.length === 0 ? [Plot.text(['no data in these months'], { frameAnchor: 'middle', fill: ROLE.muted })] : []),
    ],
    ariaLabel: `${trend.label}, month by month`,
    ariaDescription: points.map((p) => `${p.month} ${p.text}`).join('; '),
  });
}
