import { describe, expect, it } from 'vitest';
import { centsOf, numbersOf, type ReportTable } from './table.ts';
import { tableCsv } from './render/csv.ts';
import { defaultCloseDate, monthPeriod, shiftMonth } from './monthly/period.ts';
import { change } from './monthly/summary.ts';

const table: ReportTable = {
  name: 'fees', title: 'Fees', description: '', section: 'closed', keyColumns: ['payer'],
  columns: [{ key: 'payer', label: 'Payer', format: 'text' }, { key: 'name', label: 'Name', format: 'text' }, { key: 'paid', label: 'Paid', format: 'money' }, { key: 'rate', label: 'Rate', format: 'ratio' }, { key: 'kpi', label: 'KPI', format: 'by_row' }],
  rows: [
    { unit: 'days', cells: { payer: 'ACME', name: 'Acme, Inc.', paid: 123456, rate: 0.25, kpi: 12.5 } },
    { total: true, unit: 'count', cells: { payer: 'TOTAL', name: null, paid: -5, rate: null, kpi: 3 } },
  ],
};

describe('report tables', () => {
  it('reads money as exact cents', () => {
    expect([centsOf('1234.5'), centsOf('-0.07'), centsOf('12'), centsOf(1234.56), centsOf(null)]).toEqual([123450, -7, 1200, 123456, null]);
    expect(() => centsOf('1.234')).toThrow(/not an amount/);
  });

  it('keys every number by table, row and column, as exact text; labels are not numbers', () => {
    expect(Object.fromEntries([...numbersOf([table])].map(([k, v]) => [k, v.value]))).toEqual({
      'fees/ACME/paid': '1234.56', 'fees/ACME/rate': '0.25', 'fees/ACME/kpi': '12.5',
      'fees/TOTAL/paid': '-0.05', 'fees/TOTAL/rate': null, 'fees/TOTAL/kpi': '3',
    });
  });

  it('writes a text cell that a spreadsheet would run as a formula as text; negative money stays a number', () => {
    const hostile: ReportTable = { ...table, rows: [{ cells: { payer: '=HYPERLINK("http://x.example")', name: '+1-800', paid: -1234, rate: null, kpi: null } }] };
    expect(tableCsv(hostile).split('\n')[1]).toBe('"\'=HYPERLINK(""http://x.example"")",\'+1-800,-12.34,,,');
  });

  it('writes plain CSV: machine names, exact decimals, each row’s unit when the units mix', () => {
    expect(tableCsv(table)).toBe('payer,name,paid,rate,kpi,unit\nACME,"Acme, Inc.",1234.56,0.25,12.5,days\nTOTAL,,-0.05,,3,count\n');
  });

  it('knows the months around a close', () => {
    expect(monthPeriod('2024-02')).toEqual({ month: '2024-02', from: '2024-02-01', to: '2024-02-29' });
    expect([shiftMonth('2025-01', -1), shiftMonth('2025-03', -12), defaultCloseDate('2025-12')]).toEqual(['2024-12', '2024-03', '2026-01-10']);
    expect(() => monthPeriod('2025-13')).toThrow();
  });

  it('takes differences exactly for money and counts, rounded as the registry rounds rates and days', () => {
    expect([change('money', 30, 10), change('ratio', 0.3, 0.1), change('days', 10.1, 10.3), change('count', 3, null)]).toEqual([20, 0.2, -0.2, null]);
  });
});
