import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvText, neutralizeCell } from './csv-text.ts';

describe('the CSV writer', () => {
  it('writes a formula-looking cell as text (OWASP: a leading apostrophe)', () => {
    for (const cell of ['=HYPERLINK("http://x.example","click")', '+SUM(A1:A9)', '-2+3', '@SUM(A1)', '\t=1+1', '\r=1+1', '=1']) {
      expect(neutralizeCell(cell)).toBe(`'${cell}`);
    }
  });

  it('leaves numbers and ordinary text as they are', () => {
    for (const cell of ['-12.30', '+5', '1234.50', '-0.01', '42', '.5', 'SMITH, JOHN', "O'BRIEN", '', 'a=b', '99213-25']) {
      expect(neutralizeCell(cell)).toBe(cell);
    }
  });

  it('quotes as CSV needs and round-trips every neutralized cell', () => {
    const rows = [['name', 'amount'], ['=HYPERLINK("http://evil","x"), JR', '-12.30'], ['line\nbreak', '0.00']];
    const text = csvText(rows);
    expect(parse(text)).toEqual([['name', 'amount'], ['\'=HYPERLINK("http://evil","x"), JR', '-12.30'], ['line\nbreak', '0.00']]);
    expect(text.endsWith('\n')).toBe(true);
  });
});
