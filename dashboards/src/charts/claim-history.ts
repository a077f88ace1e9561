// A claim's full history (GET /api/claims/:id): every event of every source in date order — charged,
// submitted, acknowledged, adjudicated, reversed, corrected, patient billed, posted — with its amount, what
// it did to the balance and the balance after it; above the table, the balance after each event as a step
// line. A pure function of (events, options) → element.
import * as Plot from '@observablehq/plot';
import { formatDate, formatMoney } from '../../../kernel/format.ts';
import { ROLE } from '../../../kernel/palette.ts';
import { rowsTable } from './rows-table.ts';

import type { ClaimEvent } from '../../../kernel/api/claims.ts';

export type { ClaimEvent };

export interface ClaimHistoryOptions {
  claimId: string;
  document?: Document;
}

/** The last part of a path: files are named by where they were loaded from, which means little here. */
export const baseName = (path: string) => path.split(/[\\/]/).pop() ?? path;

function balanceChart(events: readonly ClaimEvent[], options: ClaimHistoryOptions): SVGSVGElement | HTMLElement {
  const doc = options.document ?? document;
  const points = events.filter((e) => e.event_date).map((e) => ({ date: new Date(`${e.event_date}T00:00:00Z`), balance: Number(e.balance), event: e.event, day: e.event_date! }));
  if (points.length === 0) {
    const p = doc.createElement('p');
    p.className = 'hint';
    p.textContent = 'No dated event: no balance line to draw.';
    return p;
  }
  const last = points[points.length - 1];
  return Plot.plot({
    document: doc,
    width: 640,
    height: 120,
    marginLeft: 70,
    marginRight: 90,
    style: { fontSize: '11px', overflow: 'visible' },
    x: { type: 'utc', label: null },
    y: { label: 'balance', grid: true, tickFormat: (v: number) => formatMoney(v), ticks: 3 },
    marks: [
      Plot.ruleY([0], { stroke: ROLE.muted }),
      Plot.lineY(points, { x: 'date', y: 'balance', curve: 'step-after', stroke: ROLE.line, strokeWidth: 2 }),
      Plot.dot(points, { x: 'date', y: 'balance', fill: ROLE.point, r: 2.5 }),
      Plot.text([last], { x: 'date', y: 'balance', text: (d: typeof last) => formatMoney(d.balance), dx: 6, textAnchor: 'start' }),
      Plot.tip(points, Plot.pointerX({ x: 'date', y: 'balance', title: (d: (typeof points)[number]) => `${formatDate(d.day)}: ${d.event}, balance ${formatMoney(d.balance)}` })),
    ],
    ariaLabel: `Claim ${options.claimId}: balance after each event`,
    ariaDescription: points.map((p) => `${formatDate(p.day)} ${p.event}: ${formatMoney(p.balance)}`).join('; '),
  });
}

export function claimHistory(events: readonly ClaimEvent[], options: ClaimHistoryOptions): HTMLElement {
  const doc = options.document ?? document;
  const block = doc.createElement('div');
  block.className = 'claim-history';
  const table = rowsTable(events, {
    caption: 'events', singular: 'event',
    empty: `No event of claim ${options.claimId} in the warehouse yet.`,
    document: doc,
    columns: [
      { name: 'event_date', label: 'Date', type: 'date' },
      { name: 'source', label: 'Source' },
      { name: 'event', label: 'Event' },
      { name: 'amount', label: 'Amount', type: 'money' },
      { name: 'balance_delta', label: 'Balance change', type: 'money' },
      { name: 'balance', label: 'Balance after', type: 'money' },
      { name: 'detail', label: 'Detail', className: 'wrap' },
      { name: 'file_name', label: 'File', value: (e) => baseName(e.file_name), title: (e) => e.file_name || undefined },
    ],
  });
  block.append(balanceChart(events, options), table);
  return block;
}
