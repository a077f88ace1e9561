// The package as one workbook (exceljs): a summary sheet (what the package is, then the headline KPIs) and
// one sheet per table, with real number formats (currency, percent, days), a frozen header row,
// column widths that fit, totals in bold, and subtotals as formulas (the roll-forward's tie shows live in
// the spreadsheet; the computed value is stored beside each formula).
import ExcelJS from 'exceljs';
import { formatCents } from '../../kernel/money.ts';
import { formatOf, type Format, type ReportTable, type Row } from '../table.ts';

export interface WorkbookContent {
  title: string;
  /** Label and value lines above the summary table. */
  about: [string, string][];
  /** The table on the summary sheet. */
  summary: ReportTable;
  /** One sheet each, in this order. */
  sheets: ReportTable[];
  generatedAt: Date;
}

const NUMBER_FORMATS: Record<Exclude<Format, 'text'>, { plain: string; change: string }> = {
  money: { plain: '"$"#,##0.00;[Red]-"$"#,##0.00', change: '+"$"#,##0.00;[Red]-"$"#,##0.00;"$"0.00' },
  count: { plain: '#,##0', change: '+#,##0;-#,##0;0' },
  ratio: { plain: '0.0%', change: '+0.0%;-0.0%;0.0%' },
  days: { plain: '0.0 "days"', change: '+0.0 "days";-0.0 "days";0.0 "days"' },
};

/** What a cell holds in the workbook: money in dollars (from exact cents), the rest as it is. */
function sheetValue(value: string | number | null, format: Format): string | number | null {
  if (value === null) return null;
  if (format === 'money' && typeof value === 'number') return Number(formatCents(value));
  return value;
}

/** How wide a value prints in its format, for the column width. */
function printedWidth(value: string | number | null, format: Format): number {
  if (value === null) return 0;
  if (typeof value === 'string') return value.length;
  switch (format) {
    case 'money': return (value / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).length + 2;
    case 'ratio': return (value * 100).toFixed(1).length + 2;
    case 'days': return value.toFixed(1).length + 6;
    default: return value.toLocaleString('en-US').length + 1;
  }
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8ECF1' } };

/** Writes a table with its header at `headerRow`; returns the widths its columns need. */
function writeTable(sheet: ExcelJS.Worksheet, table: ReportTable, headerRow: number): number[] {
  const widths = table.columns.map((c) => Math.min(c.label.length, 28) + 2);
  table.columns.forEach((column, i) => {
    const cell = sheet.getCell(headerRow, i + 1);
    cell.value = column.label;
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.alignment = { wrapText: true, vertical: 'bottom', horizontal: column.format === 'text' ? 'left' : 'right' };
    cell.border = { bottom: { style: 'thin' } };
  });
  const rowOf = new Map(table.rows.map((row, i) => [String(row.cells[table.columns[0].key]), headerRow + 1 + i]));
  table.rows.forEach((row, r) => {
    const at = headerRow + 1 + r;
    table.columns.forEach((column, i) => {
      const format = formatOf(column, row);
      const cell = sheet.getCell(at, i + 1);
      const value = sheetValue(row.cells[column.key] ?? null, format);
      cell.value = row.sumOf && format !== 'text' && value !== null ? { formula: formulaOf(row, rowOf, i + 1), result: value as number } : value;
      if (format !== 'text') cell.numFmt = NUMBER_FORMATS[format][column.change ? 'change' : 'plain'];
      if (row.total) {
        cell.font = { bold: true };
        cell.border = { top: { style: 'thin' } };
      }
      widths[i] = Math.max(widths[i], printedWidth(row.cells[column.key] ?? null, format) + 2);
    });
  });
  return widths;
}

function formulaOf(row: Row, rowOf: Map<string, number>, column: number): string {
  const letter = columnLetter(column);
  return row.sumOf!.map((name, i) => {
    const minus = name.startsWith('-');
    const at = rowOf.get(minus ? name.slice(1) : name);
    if (at === undefined) throw new Error(`a formula names the row ${name}, which the table does not have`);
    return `${minus ? '-' : i === 0 ? '' : '+'}${letter}${at}`;
  }).join('');
}

function columnLetter(n: number): string {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

function fit(sheet: ExcelJS.Worksheet, widths: number[]): void {
  widths.forEach((w, i) => (sheet.getColumn(i + 1).width = Math.max(8, Math.min(60, w))));
}

function titled(sheet: ExcelJS.Worksheet, title: string, description: string): void {
  sheet.getCell(1, 1).value = title;
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.getCell(2, 1).value = description;
  sheet.getCell(2, 1).font = { italic: true, color: { argb: 'FF555555' } };
}

/** The first row of a table sheet's data (row 1 title, row 2 description, row 3 header). */
export const TABLE_HEADER_ROW = 3;

export async function writeWorkbook(content: WorkbookContent, path: string): Promise<void> {
  const book = new ExcelJS.Workbook();
  book.creator = 'rcm-workbench';
  book.title = content.title;
  book.created = content.generatedAt;
  book.modified = content.generatedAt;

  const headerRow = content.about.length + 4;
  const summary = book.addWorksheet(content.summary.title, { views: [{ state: 'frozen', ySplit: headerRow, xSplit: 0 }] });
  titled(summary, content.title, content.summary.description);
  content.about.forEach(([label, value], i) => {
    summary.getCell(3 + i, 1).value = label;
    summary.getCell(3 + i, 1).font = { bold: true };
    summary.getCell(3 + i, 2).value = value;
  });
  const widths = writeTable(summary, content.summary, headerRow);
  widths[0] = Math.max(widths[0], ...content.about.map(([label]) => label.length + 2));
  fit(summary, widths);

  for (const table of content.sheets) {
    const wide = table.columns.length > 6;
    const sheet = book.addWorksheet(table.title, { views: [{ state: 'frozen', ySplit: TABLE_HEADER_ROW, xSplit: wide ? 1 : 0 }] });
    titled(sheet, table.title, table.description);
    fit(sheet, writeTable(sheet, table, TABLE_HEADER_ROW));
  }
  await book.xlsx.writeFile(path);
}
