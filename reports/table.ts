// A report table as the renderers see it: columns with a format, rows of cells, a name for its file and
// for the keys of its numbers. Money is integer cents (exact), rates are fractions, days and counts plain
// numbers; the renderers turn them into spreadsheet formats or CSV text, never into float sums.
import { formatCents, type Cents } from '../kernel/money.ts';

export type Format = 'text' | 'money' | 'count' | 'ratio' | 'days';

export interface Column {
  key: string;
  label: string;
  /** 'by_row': the row's own unit (the summary's KPIs mix money, rates and days). */
  format: Format | 'by_row';
  /** A change between two values: shown with its sign. */
  change?: boolean;
}

export type Cell = string | number | null;

export interface Row {
  cells: Record<string, Cell>;
  /** A total (or subtotal) line: bold in a workbook, still a row in a CSV. */
  total?: boolean;
  /** The format of the row's 'by_row' cells. */
  unit?: Format;
  /**
   * This row's number columns are sums of other rows (named by the value of the table's first key
   * column; a leading '-' subtracts): a workbook writes them as formulas, so the spreadsheet shows the tie.
   */
  sumOf?: string[];
}

export interface ReportTable {
  /** Machine name: the CSV file's and the numbers' prefix (snake_case). */
  name: string;
  /** Sheet title (at most 31 characters). */
  title: string;
  /** How the table is computed, in a sentence or two. */
  description: string;
  columns: Column[];
  /** The columns that name a row (their values join into the row's part of a number's key). */
  keyColumns: string[];
  rows: Row[];
  /** 'closed': the package's numbers; 'post_close': activity loaded after the close, shown apart. */
  section: 'closed' | 'post_close';
}

/** Dollars (a DECIMAL's exact text, or a number that came from one) as integer cents. */
export function centsOf(value: string | number | null | undefined): Cents | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Math.round(value * 100);
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(value.trim());
  if (!m) throw new Error(`not an amount of money: ${value}`);
  const cents = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] === '-' ? -cents : cents;
}

export function formatOf(column: Column, row: Row): Format {
  return column.format === 'by_row' ? row.unit ?? 'text' : column.format;
}

/** A cell as text: money with two decimals, numbers as they are; '' for none. */
export function cellText(value: Cell, format: Format): string {
  if (value === null) return '';
  if (format === 'money' && typeof value === 'number') return formatCents(value);
  return String(value);
}

/** The key of a row among its table's rows. */
export function rowKey(table: ReportTable, row: Row): string {
  return table.keyColumns.map((k) => String(row.cells[k] ?? '')).join('|');
}

/**
 * Every number of the tables, by key `table/row/column`, as exact text (money '1234.56'): what a run
 * records, hashes and compares with another run. Text columns are labels, not numbers.
 */
export function numbersOf(tables: readonly ReportTable[]): Map<string, { section: ReportTable['section']; value: string | null }> {
  const out = new Map<string, { section: ReportTable['section']; value: string | null }>();
  for (const table of tables) {
    for (const row of table.rows) {
      const key = rowKey(table, row);
      for (const column of table.columns) {
        if (table.keyColumns.includes(column.key)) continue;
        const format = formatOf(column, row);
        if (format === 'text') continue;
        const value = row.cells[column.key] ?? null;
        const numberKey = `${table.name}/${key}/${column.key}`;
        if (out.has(numberKey)) throw new Error(`two numbers with the key ${numberKey}`);
        out.set(numberKey, { section: table.section, value: value === null ? null : cellText(value, format) });
      }
    }
  }
  return out;
}
