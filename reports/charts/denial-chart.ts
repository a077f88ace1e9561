// Denials of the month by category as horizontal bars (most claims first): the claims denied on their first
// adjudication in each category, with the count and the charges of those claims written at the end of each
// bar. Drawn from the package's denials_by_category table. A pure function of (table, document).
import * as Plot from '@observablehq/plot';
import { ROLE } from '../../kernel/palette.ts';
import { cellDisplay, moneyText } from '../render/pdf-format.ts';
import type { ReportTable } from '../table.ts';
import { shortLabel } from './server-plot.ts';

export const DENIAL_CATEGORIES_SHOWN = 8;

interface Bar { label: string; claims: number; charges: number }

/** The categories with claims denied, most first (ties by charges), at most `limit`. */
export function topDenialCategories(table: ReportTable, limit = DENIAL_CATEGORIES_SHOWN): Bar[] {
  return table.rows
    .filter((r) => !r.total && Number(r.cells.claims_denied ?? 0) > 0)
    .map((r) => ({ label: String(r.cells.category_label ?? r.cells.category), claims: Number(r.cells.claims_denied), charges: Number(r.cells.charges_denied ?? 0) }))
    .sort((a, b) => b.claims - a.claims || b.charges - a.charges)
    .slice(0, limit);
}

export function denialChart(table: ReportTable, doc: Document, width = 700): Element {
  const bars = topDenialCategories(table);
  const labels = bars.map((b) => shortLabel(b.label, 50));
  const text = (b: Bar) => `${cellDisplay(b.claims, 'count')} claim${b.claims === 1 ? '' : 's'} · ${moneyText(b.charges)}`;
  return Plot.plot({
    document: doc,
    width,
    height: 30 + Math.max(1, bars.length) * 26,
    marginLeft: 275,
    marginRight: 130,
    style: { fontSize: '9px', fontFamily: 'inherit', overflow: 'visible' },
    x: { axis: null, domain: [0, Math.max(1, ...bars.map((b) => b.claims))] },
    y: { domain: labels, label: null, tickSize: 0 },
    marks: [
      Plot.barX(bars, { x: 'claims', y: (_: Bar, i: number) => labels[i], fill: ROLE.line, inset: 0.5 }),
      Plot.text(bars, { x: 'claims', y: (_: Bar, i: number) => labels[i], text, dx: 5, textAnchor: 'start', fill: ROLE.ink }),
      ...(bars.length === 0 ? [Plot.text(['no claim was denied on its first adjudication this month'], { frameAnchor: 'middle', fill: ROLE.muted })] : []),
    ],
    ariaLabel: 'Denials by category: claims denied on their first adjudication in the month',
    ariaDescription: bars.map((b) => `${b.label}: ${text(b)}`).join('; '),
  });
}
