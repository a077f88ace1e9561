// A workbook stores text as text: a patient or payer name that looks like a formula (CSV injection's
// "=HYPERLINK(…)") is a string cell, never a formula the spreadsheet would run.
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../tests/support/temp.ts';
import type { ReportTable } from '../table.ts';
import { TABLE_HEADER_ROW, writeWorkbook } from './xlsx.ts';

const hostile: ReportTable = {
  name: 'payers', title: 'Payers', description: '', section: 'closed', keyColumns: ['payer'],
  columns: [{ key: 'payer', label: 'Payer', format: 'text' }, { key: 'paid', label: 'Paid', format: 'money' }],
  rows: [{ cells: { payer: '=HYPERLINK("http://x.example","open")', paid: -1234 } }, { cells: { payer: '@SUM(A1:A9)', paid: 5 } }],
};

describe('the workbook', () => {
  it('keeps formula-looking text as string cells and money as numbers', async () => {
    const path = join(tempDir(), 'package.xlsx');
    await writeWorkbook({ title: 'Test', about: [], summary: { ...hostile, name: 'summary', title: 'Summary' }, sheets: [hostile], generatedAt: new Date('2026-01-31T00:00:00Z') }, path);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const sheet = book.getWorksheet('Payers')!;
    const first = sheet.getCell(TABLE_HEADER_ROW + 1, 1);
    expect(first.type).toBe(ExcelJS.ValueType.String);
    expect(first.value).toBe('=HYPERLINK("http://x.example","open")');
    expect(sheet.getCell(TABLE_HEADER_ROW + 2, 1).type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getCell(TABLE_HEADER_ROW + 1, 2).value).toBe(-12.34);
  });
});
