// The PDF's cell formatting: money from exact cents (no float on the way), signs on changes, rates in
// percentage points, and a dash where there is no number.
import { describe, expect, it } from 'vitest';
import { cellDisplay, moneyText, tickText } from './pdf-format.ts';

describe('the PDF’s numbers', () => {
  it('writes money from cents exactly, with separators and a true minus', () => {
    expect(moneyText(123_456_789)).toBe('$1,234,567.89');
    expect(moneyText(5)).toBe('$0.05');
    expect(moneyText(-1200)).toBe('−$12.00');
    // 2^53 - 1 cents: a float of dollars would lose the last cent
    expect(moneyText(9_007_199_254_740_991)).toBe('$90,071,992,547,409.91');
  });

  it('writes each format, and a change with its sign', () => {
    expect(cellDisplay(0.721258, 'ratio')).toBe('72.1%');
    expect(cellDisplay(50.53, 'days')).toBe('50.5 days');
    expect(cellDisplay(1234, 'count')).toBe('1,234');
    expect(cellDisplay(109_079, 'money', true)).toBe('+$1,090.79');
    expect(cellDisplay(-2188, 'money', true)).toBe('−$21.88');
    expect(cellDisplay(0, 'money', true)).toBe('±$0.00');
    expect(cellDisplay(-0.054, 'ratio', true)).toBe('−5.4 pts');
    expect(cellDisplay(null, 'money')).toBe('—');
    expect(cellDisplay(null, 'text')).toBe('');
    expect(cellDisplay('MEDICARE', 'text')).toBe('MEDICARE');
  });

  it('writes axis ticks short', () => {
    expect(tickText('money', 8000)).toBe('$8K');
    expect(tickText('money', 12_500)).toBe('$12.5K');
    expect(tickText('ratio', 0.5)).toBe('50%');
  });
});
