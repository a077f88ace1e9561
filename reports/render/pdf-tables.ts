// The package's tables as HTML for the PDF: a chosen subset of a table's columns, each cell formatted by
// pdf-format.ts (the same numbers as the XLSX's cells, written for a reader), totals in bold, numbers
// right-aligned. Nothing here computes a number.
import { formatOf, type Column, type ReportTable, type Row } from '../table.ts';
import { cellDisplay } from './pdf-format.ts';

export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

export interface TableView {
  /** The columns shown, by key, in order (default: all). */
  columns?: readonly string[];
  /** The rows shown (default: all). */
  rows?: readonly Row[];
  /** Replaces the first shown column's text (e.g. a payer's name, else its id). */
  name?: (row: Row) => string;
  /** Header labels by column key, where the table's own is too long for a page. */
  labels?: Readonly<Record<string, string>>;
  className?: string;
}

/** A table's column by key; a view that names a column the table lacks is a programming error. */
export function columnOf(table: ReportTable, key: string): Column {
  const column = table.columns.find((c) => c.key === key);
  if (!column) throw new Error(`the table ${table.name} has no column ${key}`);
  return column;
}

/** The money or count columns of `keys` that are not zero in every row (the rest say nothing on a page). */
export function nonZeroColumns(table: ReportTable, keys: readonly string[]): string[] {
  return keys.filter((k) => table.rows.some((r) => { const v = r.cells[k]; return v !== 0 && v !== null && v !== undefined; }));
}

export function tableHtml(table: ReportTable, view: TableView = {}): string {
  const columns = (view.columns ?? table.columns.map((c) => c.key)).map((k) => columnOf(table, k));
  const numeric = (c: Column) => c.format !== 'text';
  const head = columns.map((c) => `<th${numeric(c) ? ' class="num"' : ''} scope="col">${escapeHtml(view.labels?.[c.key] ?? c.label)}</th>`).join('');
  const body = (view.rows ?? table.rows).map((row) => {
    const cells = columns.map((c, i) => {
      const text = i === 0 && view.name ? view.name(row) : cellDisplay(row.cells[c.key] ?? null, formatOf(c, row), c.change === true);
      return i === 0 ? `<th scope="row">${escapeHtml(text)}</th>` : `<td${numeric(c) ? ' class="num"' : ''}>${escapeHtml(text)}</td>`;
    }).join('');
    return `<tr${row.total ? ' class="total"' : ''}>${cells}</tr>`;
  }).join('\n');
  return `<table class="${view.className ?? 'data'}" data-table="${escapeHtml(table.name)}"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}
