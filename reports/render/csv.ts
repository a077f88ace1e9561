// The package as CSV: one file per table, a header of the columns' machine names, money as exact decimals
// (1234.50), rates as fractions, days and counts as numbers, nothing formatted. A table whose KPIs mix
// units gives each row its unit in a last column.
import { writeFileSync } from 'node:fs';
import { csvText } from '../../warehouse/csv-text.ts';
import { cellText, formatOf, type ReportTable } from '../table.ts';

export function tableCsv(table: ReportTable): string {
  const mixed = table.columns.some((c) => c.format === 'by_row');
  const header = [...table.columns.map((c) => c.key), ...(mixed ? ['unit'] : [])];
  const rows = table.rows.map((row) => [
    ...table.columns.map((c) => cellText(row.cells[c.key] ?? null, formatOf(c, row))),
    ...(mixed ? [row.unit ?? ''] : []),
  ]);
  return csvText([header, ...rows]);
}

export function writeCsv(table: ReportTable, path: string): void {
  writeFileSync(path, tableCsv(table));
}
