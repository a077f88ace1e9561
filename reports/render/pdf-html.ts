// The PDF's pages as one HTML document with inline CSS and inline SVG (the page loads nothing): 1. the
// month at a glance (headline tiles, the A/R roll-forward and its tie — a month's changes of nothing left
// out, the workbook keeps every line —, what the package is); 2. the KPIs
// against the month before and a year before, and their twelve-month trends; 3. A/R aging by payer;
// 4. denials by category and collections by payer; 5. what became of the denials by category and the
// rejections by reason. Every number is a cell of the package's tables (or the
// trends computed beside them), formatted by pdf-format.ts.
import { agingChart } from '../charts/aging-chart.ts';
import { denialChart, topDenialCategories } from '../charts/denial-chart.ts';
import { chartDocument, chartMarkup } from '../charts/server-plot.ts';
import { trendChart } from '../charts/trend-chart.ts';
import { BUCKETS } from '../../warehouse/metrics/ar.ts';
import { labelOf } from '../../warehouse/metrics/registry.ts';
import { bucketColumn } from '../monthly/aging.ts';
import { COLLECTION_KINDS } from '../monthly/collections.ts';
import { formatOf, type ReportTable, type Row } from '../table.ts';
import type { PackageContent } from './formats.ts';
import { cellDisplay, formatMonth } from './pdf-format.ts';
import { PDF_STYLE } from './pdf-style.ts';
import { escapeHtml as esc, nonZeroColumns, tableHtml } from './pdf-tables.ts';

/** A trend's size on the KPI page: the KPI table above it and four trends below fit one Letter page. */
const TREND_SIZE = { width: 340, height: 104 };

/** The summary's KPIs shown as tiles on the first page. */
export const TILE_KPIS = ['collections', 'net_collection_rate', 'days_in_ar', 'initial_denial_rate', 'ar_total', 'ar_over_90_pct'] as const;

/** A tile's label: the registry's short label of its metric (A/R is the month end's). */
function tileLabel(key: (typeof TILE_KPIS)[number]): string {
  const label = labelOf(key, true);
  return key === 'ar_total' ? `${label} at month end` : label;
}

function table(content: PackageContent, name: string): ReportTable {
  const t = content.tables.find((x) => x.name === name);
  if (!t) throw new Error(`the package has no table ${name}: the PDF needs it`);
  return t;
}

const rowOf = (t: ReportTable, key: string, column = t.keyColumns[0]): Row | undefined => t.rows.find((r) => r.cells[column] === key);

/** A cell of a row in its row's format (the summary's cells take their KPI's unit). */
function shown(t: ReportTable, row: Row, key: string): string {
  const column = t.columns.find((c) => c.key === key)!;
  return cellDisplay(row.cells[key] ?? null, formatOf(column, row), column.change === true);
}

function tiles(summary: ReportTable): string {
  const [, , month, prior, , lastYear] = summary.columns.map((c) => c.label);
  return `<div class="tiles">${TILE_KPIS.map((key) => {
    const row = rowOf(summary, key);
    if (!row) return '';
    return `<div class="tile" data-kpi="${key}"><div class="tile-label">${esc(tileLabel(key))}</div>
      <div class="tile-value">${esc(shown(summary, row, 'month'))}</div>
      <div class="tile-change">vs ${esc(formatMonth(prior))}: ${esc(shown(summary, row, 'change_vs_prior_month'))}</div>
      <div class="tile-change">vs ${esc(formatMonth(lastYear))}: ${esc(shown(summary, row, 'change_vs_last_year'))}</div>
      <div class="tile-month">${esc(formatMonth(month))}</div></div>`;
  }).join('')}</div>`;
}

/** The roll-forward's tie in one sentence, from its own lines. */
function tieSentence(rf: ReportTable): string {
  const amount = (line: string) => {
    const row = rowOf(rf, line);
    if (!row) throw new Error(`the roll-forward has no line ${line}`);
    return row.cells.amount as number;
  };
  const [opening, computed, closing, difference] = ['opening_balance', 'closing_computed', 'closing_balance', 'difference'].map(amount);
  const money = (c: number) => cellDisplay(c, 'money');
  const changes = cellDisplay(computed - opening, 'money', true);
  return difference === 0
    ? `<p class="tie ok"><strong>Ties to the cent.</strong> Opening net balance ${money(opening)} ${esc(changes)} of changes in the month = ${money(computed)}, the net balance at the month end from the balances themselves (difference ${money(0)}).</p>`
    : `<p class="tie bad"><strong>DOES NOT TIE:</strong> rolled forward ${money(computed)}, balances ${money(closing)}, difference ${money(difference)}.</p>`;
}

function overviewPage(content: PackageContent): string {
  const summary = table(content, 'summary');
  const rf = table(content, 'ar_roll_forward');
  const about = content.about.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('');
  return `<section class="page" id="overview">
    <h1>${esc(content.title)}</h1>
    <p class="lede">${esc(content.header.practice)} · ${esc(formatMonth(content.header.month))} · closed ${esc(content.header.closeDate)}</p>
    ${tiles(summary)}
    <h2>A/R roll-forward</h2>
    ${tieSentence(rf)}
    ${tableHtml(rf, { columns: ['label', 'amount'], labels: { label: 'Line' }, rows: rf.rows.filter((r) => r.total || r.cells.amount !== 0 || !String(r.cells.source).startsWith('int_balance_event')) })}
    <h2>About this package</h2>
    <dl class="about">${about}</dl>
  </section>`;
}

function kpiPage(content: PackageContent, doc: Document): string {
  const summary = table(content, 'summary');
  const notes = summary.rows.filter((r) => r.cells.note).map((r) => `<li>${esc(String(r.cells.label))}: ${esc(String(r.cells.note))}</li>`);
  const trends = (content.trends ?? []).map((t) => `<figure class="trend" data-kpi="${t.key}"><figcaption>${esc(t.label)}, ${esc(formatMonth(t.points[0]?.month))} – ${esc(formatMonth(t.points.at(-1)?.month))}</figcaption>${chartMarkup(trendChart(t, doc, TREND_SIZE))}</figure>`);
  return `<section class="page" id="kpis">
    <h2>Headline KPIs</h2>
    <p class="note">${esc(summary.description)}</p>
    ${tableHtml(summary, { columns: ['label', 'month', 'prior_month', 'change_vs_prior_month', 'same_month_last_year', 'change_vs_last_year'], labels: { label: 'KPI' }, className: 'data summary' })}
    ${notes.length ? `<ul class="notes">${notes.slice(0, 4).join('')}${notes.length > 4 ? `<li>… and ${notes.length - 4} more notes (the workbook’s Summary sheet)</li>` : ''}</ul>` : ''}
    ${trends.length ? `<h2>Twelve-month trends</h2><div class="trends">${trends.join('')}</div>` : ''}
  </section>`;
}

function agingPage(content: PackageContent, doc: Document): string {
  const aging = table(content, 'ar_aging_by_payer');
  const name = (r: Row) => String(r.cells.payer_name ?? r.cells.payer);
  // in the chart's order: largest A/R first, the total last
  const rows = [...aging.rows.filter((r) => !r.total).sort((a, b) => Number(b.cells.total) - Number(a.cells.total)), ...aging.rows.filter((r) => r.total)];
  return `<section class="page" id="aging">
    <h2>A/R aging by payer</h2>
    <p class="note">${esc(aging.description)}</p>
    <figure class="chart">${chartMarkup(agingChart(aging, doc))}</figure>
    ${tableHtml(aging, { columns: ['payer', ...BUCKETS.map(([b]) => bucketColumn(b)), 'total', 'over_90_pct'], rows, name, labels: { payer: 'Payer' }, className: 'data compact' })}
  </section>`;
}

function denialsAndCollectionsPage(content: PackageContent, doc: Document): string {
  const denials = table(content, 'denials_by_category');
  const collections = table(content, 'collections_by_payer');
  // the chart's categories in the chart's order, then the total
  const label = (r: Row) => String(r.cells.category_label ?? r.cells.category);
  const denialRows = [
    ...topDenialCategories(denials).map((b) => denials.rows.find((r) => !r.total && label(r) === b.label)!),
    ...denials.rows.filter((r) => r.total),
  ];
  const kinds = nonZeroColumns(collections, COLLECTION_KINDS.map((k) => k.kind));
  return `<section class="page" id="denials">
    <h2>Denials by category</h2>
    <p class="note">Claims denied on their first adjudication in the month, by the category of their denial (a claim denied in several categories counts in each; the total counts it once).</p>
    <figure class="chart">${chartMarkup(denialChart(denials, doc))}</figure>
    ${tableHtml(denials, {
      columns: ['category_label', 'claims_denied', 'share_of_claims_adjudicated', 'charges_denied', 'final_write_offs'], rows: denialRows,
      name: label, className: 'data denials',
      labels: { category_label: 'Top denials', share_of_claims_adjudicated: 'Share of claims adjudicated', charges_denied: 'Charges denied', final_write_offs: 'Final write-offs' },
    })}
    <h2>Collections by payer</h2>
    <p class="note">${esc(collections.description)}</p>
    ${tableHtml(collections, { columns: ['payer', ...kinds, 'total'], name: (r) => String(r.cells.payer_name ?? r.cells.payer), labels: { payer: 'Payer' }, className: 'data compact' })}
    ${postClose(content)}
  </section>`;
}

/** The most frequent rejection reasons a page holds; the workbook and the CSV keep every one. */
const PDF_REJECTION_REASONS = 12;

function denialOutcomesPage(content: PackageContent): string {
  const outcomes = table(content, 'denial_outcomes');
  const rejections = table(content, 'rejections_by_reason');
  const reasons = rejections.rows.filter((r) => !r.total);
  const shownReasons = [...reasons.slice(0, PDF_REJECTION_REASONS), ...rejections.rows.filter((r) => r.total)];
  return `<section class="page" id="denial-outcomes">
    <h2>What became of the denials</h2>
    <p class="note">${esc(outcomes.description)}</p>
    ${tableHtml(outcomes, {
      columns: ['category_label', 'resolved', 'overturned', 'written_off', 'overturn_rate', 'open_at_month_end', 'open_balance', 'denial_write_offs', 'resolution_median'],
      name: (r) => (r.total ? 'All denials' : String(r.cells.category).replaceAll('_', ' ')), className: 'data compact',
      // short headers: a number's header does not wrap, and a table wider than the page shrinks every page
      labels: {
        category_label: 'Denial category', resolved: 'Resolved', overturned: 'Overturned', written_off: 'Written off', overturn_rate: labelOf('denial_overturn_rate', true),
        open_at_month_end: 'Open', open_balance: 'Open balance', denial_write_offs: 'Write-offs', resolution_median: 'Median days',
      },
    })}
    <h2>Rejections by reason</h2>
    <p class="note">${esc(rejections.description)}${reasons.length > PDF_REJECTION_REASONS ? ` The ${PDF_REJECTION_REASONS} most frequent of ${reasons.length} reasons; the workbook lists every one.` : ''}</p>
    ${tableHtml(rejections, {
      columns: ['reason', 'meaning', 'rejected_submissions', 'share_of_rejections', 'rejection_rate', 'still_rejected'], rows: shownReasons, className: 'data compact',
      labels: { rejected_submissions: 'Rejected', share_of_rejections: 'Share', rejection_rate: 'Rate', still_rejected: labelOf('still_rejected', true) },
    })}
  </section>`;
}

/** Late files' effect on the KPIs, when there is any: shown apart, never in the numbers above. */
function postClose(content: PackageContent): string {
  const restated = content.tables.find((t) => t.name === 'post_close_restated');
  const changed = restated?.rows.filter((r) => typeof r.cells.difference === 'number' && r.cells.difference !== 0) ?? [];
  if (!restated || changed.length === 0) return '';
  return `<h2>Post-close activity (not in these numbers)</h2>
    <p class="note">${esc(restated.description)}</p>
    ${tableHtml(restated, { columns: ['label', 'closed', 'with_late_files', 'difference'], rows: changed, labels: { label: 'KPI' } })}`;
}

export function pageHtml(content: PackageContent): string {
  // one jsdom document draws every chart of the package (they leave it as markup)
  const doc = chartDocument();
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${esc(content.title)}</title><style>${PDF_STYLE}</style></head><body>
${overviewPage(content)}
${kpiPage(content, doc)}
${agingPage(content, doc)}
${denialsAndCollectionsPage(content, doc)}
${denialOutcomesPage(content)}
</body></html>`;
}
