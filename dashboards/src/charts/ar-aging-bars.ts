// A/R aging by payer as stacked horizontal bars: one bar per payer, one segment per age bucket (oldest to
// the right), each segment a button that opens its claims; the segment's amount written on it when it is
// wide enough and every payer's total at the end of its bar. The same numbers as a table of buttons, for
// the keyboard and for exact reading. Pure functions of (data, options) → element.
import * as Plot from '@observablehq/plot';
import { formatMoney, formatPercent } from '../../../kernel/format.ts';
import { markButtons } from './mark-buttons.ts';
import { ROLE, SEQUENTIAL_SCHEME } from '../../../kernel/palette.ts';

export interface AgingSegment {
  payer: string;
  bucket: string;
  /** Dollars of A/R in the bucket. */
  amount: number;
}

export interface AgingBarsOptions {
  /** The buckets in age order (youngest first). */
  buckets: readonly string[];
  /** The payers in drawing order (top first). */
  payers: readonly string[];
  /** Each payer's total, written at the end of its bar. */
  totals: ReadonlyMap<string, number>;
  /** The name shown for each payer id (the id where none). */
  names?: ReadonlyMap<string, string>;
  /** A segment was chosen (click, Enter or Space); without it the segments are not buttons. */
  onSelect?: (segment: AgingSegment) => void;
  selected?: { payer: string; bucket: string } | null;
  width?: number;
  document?: Document;
}

/** How much of the longest bar a segment must span for its amount to fit on it. */
const LABEL_SHARE = 0.14;

/** Readable text on each bucket's colour (cividis: dark for the younger half, light for the older). */
const textOn = (i: number, n: number) => (i < n / 2 ? '#ffffff' : ROLE.ink);

export const bucketName = (bucket: string) => `${bucket.replace('-', '–')} days`;

const nameOf = (options: AgingBarsOptions, payer: string) => options.names?.get(payer) ?? payer;

export function agingBars(segments: readonly AgingSegment[], options: AgingBarsOptions): SVGSVGElement | HTMLElement {
  const doc = options.document ?? document;
  const data = segments.filter((s) => s.amount > 0);
  const longest = Math.max(0, ...options.totals.values());
  const selected = options.selected;
  const isSelected = (s: AgingSegment) => !!selected && selected.payer === s.payer && selected.bucket === s.bucket;
  const describe = (s: AgingSegment) => `${nameOf(options, s.payer)}, ${bucketName(s.bucket)}: ${formatMoney(s.amount)}`;
  const bucketIndex = new Map(options.buckets.map((b, i) => [b, i]));
  const onSelect = options.onSelect;

  // the segments become buttons once Plot has drawn them
  const interactive = markButtons({
    data, describe, onSelect, isSelected,
    dataset: (s) => ({ payer: s.payer, bucket: s.bucket }),
  });

  const totals = options.payers.map((payer) => ({ payer, total: options.totals.get(payer) ?? 0 }));
  const stack = { x: 'amount', y: 'payer', z: 'bucket', order: [...options.buckets] };
  // each label in the colour that reads on its segment (set after drawing: a fill channel would go through the bucket scale)
  const contrast: Plot.RenderFunction = (index, scales, values, dimensions, context, next) => {
    const g = next!(index, scales, values, dimensions, context)!;
    g.querySelectorAll('text').forEach((text, i) => text.setAttribute('fill', textOn(bucketIndex.get(data[index[i]].bucket) ?? 0, options.buckets.length)));
    return g;
  };
  return Plot.plot({
    document: doc,
    width: options.width ?? 760,
    height: 40 + options.payers.length * 34,
    marginLeft: options.names ? 210 : 80,
    marginRight: 96,
    style: { fontSize: '11px', overflow: 'visible' },
    x: { axis: null, domain: [0, longest || 1] },
    y: { domain: [...options.payers], label: null, tickSize: 0, tickFormat: (payer: string) => nameOf(options, payer) },
    color: { type: 'ordinal', domain: [...options.buckets], scheme: SEQUENTIAL_SCHEME, legend: true, tickFormat: bucketName },
    marks: [
      Plot.barX(data, Plot.stackX({
        ...stack, fill: 'bucket', inset: 0.5, title: describe, render: interactive,
      })),
      Plot.text(data, Plot.stackX({
        ...stack,
        text: (s: AgingSegment) => (longest && s.amount / longest >= LABEL_SHARE ? formatMoney(s.amount) : ''),
        pointerEvents: 'none', render: contrast,
      })),
      Plot.text(totals, { x: 'total', y: 'payer', text: (d: (typeof totals)[number]) => formatMoney(d.total), dx: 6, textAnchor: 'start', fontWeight: 600 }),
    ],
    ariaLabel: 'A/R aging by payer: stacked bars of each payer’s open balance by age bucket',
    ariaDescription: options.payers.map((p) => `${nameOf(options, p)} ${formatMoney(options.totals.get(p) ?? 0)}`).join('; '),
  });
}

export interface AgingTableOptions extends AgingBarsOptions {
  /** Shares of each payer's A/R (e.g. over 90 days), a column each after the total. */
  shares?: readonly { label: string; values: ReadonlyMap<string, number | null> }[];
}

/** The bars' numbers as a table: a row per payer, a column per bucket, each amount a button to its claims. */
export function agingTable(segments: readonly AgingSegment[], options: AgingTableOptions): HTMLTableElement {
  const doc = options.document ?? document;
  const amount = new Map(segments.map((s) => [`${s.payer}|${s.bucket}`, s]));
  const table = doc.createElement('table');
  table.className = 'aging-table';
  const head = table.createTHead().insertRow();
  const th = (text: string, numeric = false) => {
    const cell = doc.createElement('th');
    cell.scope = 'col';
    cell.textContent = text;
    if (numeric) cell.className = 'num';
    head.append(cell);
  };
  th('Payer');
  for (const b of options.buckets) th(bucketName(b), true);
  th('Total', true);
  for (const share of options.shares ?? []) th(share.label, true);
  const body = table.createTBody();
  for (const payer of options.payers) {
    const row = body.insertRow();
    row.dataset.payer = payer;
    const name = doc.createElement('th');
    name.scope = 'row';
    name.textContent = nameOf(options, payer);
    if (nameOf(options, payer) !== payer) name.title = `payer id ${payer}`;
    row.append(name);
    for (const bucket of options.buckets) {
      const cell = row.insertCell();
      cell.className = 'num';
      cell.dataset.bucket = bucket;
      const s = amount.get(`${payer}|${bucket}`);
      if (!s || s.amount === 0) {
        cell.textContent = formatMoney(s?.amount ?? 0);
        continue;
      }
      if (!options.onSelect) {
        cell.textContent = formatMoney(s.amount);
        continue;
      }
      const button = doc.createElement('button');
      button.type = 'button';
      button.className = 'link';
      button.textContent = formatMoney(s.amount);
      button.setAttribute('aria-label', `${nameOf(options, payer)}, ${bucketName(bucket)}: ${formatMoney(s.amount)}; show these claims`);
      if (options.selected?.payer === payer && options.selected.bucket === bucket) button.setAttribute('aria-pressed', 'true');
      const choose = options.onSelect;
      button.addEventListener('click', () => choose(s));
      cell.append(button);
    }
    const total = row.insertCell();
    total.className = 'num total';
    total.textContent = formatMoney(options.totals.get(payer) ?? 0);
    for (const share of options.shares ?? []) {
      const cell = row.insertCell();
      cell.className = 'num';
      cell.textContent = formatPercent(share.values.get(payer));
    }
  }
  return table;
}
