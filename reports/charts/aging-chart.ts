// A/R aging by payer at the month end as stacked horizontal bars: one bar per payer (largest first), one
// segment per age bucket (oldest to the right) in the cividis scheme, the amount written on each segment
// wide enough to hold it and each payer's total at the end of its bar. Drawn from the package's
// ar_aging_by_payer table, so the chart's numbers are the table's. A pure function of (table, document).
import * as Plot from '@observablehq/plot';
import { ROLE, SEQUENTIAL_SCHEME } from '../../kernel/palette.ts';
import { BUCKETS } from '../../warehouse/metrics/ar.ts';
import { bucketColumn } from '../monthly/aging.ts';
import { moneyText, tickText } from '../render/pdf-format.ts';
import type { ReportTable } from '../table.ts';
import { shortLabel } from './server-plot.ts';

/** The most payers drawn; the rest are one "other payers" bar, so the chart stays one page. */
export const AGING_PAYERS = 10;

/** How much of the longest bar a segment must span for its amount to fit on it. */
const LABEL_SHARE = 0.16;

export const bucketLabel = (bucket: string) => `${bucket.replace('-', '–')} days`;

interface Segment { payer: string; bucket: string; index: number; cents: number; x1: number; x2: number }

export function agingChart(table: ReportTable, doc: Document, width = 700): Element {
  const buckets = BUCKETS.map(([b]) => b);
  const lines = table.rows.filter((r) => !r.total).map((r) => ({
    name: String(r.cells.payer_name ?? r.cells.payer),
    cents: buckets.map((b) => Number(r.cells[bucketColumn(b)] ?? 0)),
    total: Number(r.cells.total ?? 0),
  })).sort((a, b) => b.total - a.total);
  const shown = lines.slice(0, AGING_PAYERS);
  const rest = lines.slice(AGING_PAYERS);
  if (rest.length) {
    shown.push({ name: `${rest.length} other payers`, cents: buckets.map((_, i) => rest.reduce((s, l) => s + l.cents[i], 0)), total: rest.reduce((s, l) => s + l.total, 0) });
  }
  const payers = shown.map((l) => shortLabel(l.name, 28));
  // the stack computed here (in cents, exactly) rather than by Plot, so labels can take the colour their segment needs
  const segments: Segment[] = shown.flatMap((l, p) => {
    let at = 0;
    return l.cents.map((cents, index) => {
      const s = { payer: payers[p], bucket: buckets[index], index, cents, x1: at / 100, x2: (at + cents) / 100 };
      at += cents;
      return s;
    });
  }).filter((s) => s.cents > 0);
  const longest = Math.max(1, ...shown.map((l) => l.total)) / 100;
  const labelled = segments.filter((s) => s.x2 - s.x1 >= longest * LABEL_SHARE);
  // cividis runs dark to light: white text on the younger half, ink on the older
  const young = (s: Segment) => s.index < buckets.length / 2;
  const mid = (s: Segment) => (s.x1 + s.x2) / 2;
  return Plot.plot({
    document: doc,
    width,
    height: 46 + payers.length * 30,
    marginLeft: 175,
    marginRight: 80,
    style: { fontSize: '9px', fontFamily: 'inherit', overflow: 'visible' },
    x: { domain: [0, longest], grid: true, ticks: 5, label: null, tickFormat: (v: number) => tickText('money', v) },
    y: { domain: payers, label: null, tickSize: 0 },
    color: { type: 'ordinal', domain: buckets, scheme: SEQUENTIAL_SCHEME, legend: true, tickFormat: bucketLabel },
    marks: [
      Plot.barX(segments, { x1: 'x1', x2: 'x2', y: 'payer', fill: 'bucket', inset: 0.5 }),
      Plot.text(labelled.filter(young), { x: mid, y: 'payer', text: (s: Segment) => moneyText(s.cents), fill: 'white' }),
      Plot.text(labelled.filter((s) => !young(s)), { x: mid, y: 'payer', text: (s: Segment) => moneyText(s.cents), fill: ROLE.ink }),
      Plot.text(shown, { x: (l: (typeof shown)[number]) => l.total / 100, y: (_: unknown, i: number) => payers[i], text: (l: (typeof shown)[number]) => moneyText(l.total), dx: 5, textAnchor: 'start', fontWeight: 700, fill: ROLE.ink }),
    ],
    ariaLabel: 'A/R aging by payer: stacked bars of each payer’s open balance by age bucket',
    ariaDescription: shown.map((l, i) => `${payers[i]} ${moneyText(l.total)}`).join('; '),
  });
}
