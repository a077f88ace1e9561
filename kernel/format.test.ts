import { describe, expect, it } from 'vitest';
import { formatCell, formatChange, formatCount, formatDate, formatDays, formatMoney, formatMonth, formatPercent, formatValue } from './format.ts';

describe('format', () => {
  it('formats money, exact for decimal strings', () => {
    expect(formatMoney(1234.56)).toBe('$1,234.56');
    expect(formatMoney('1234567.89')).toBe('$1,234,567.89');
    expect(formatMoney('90071992547409.93')).toBe('$90,071,992,547,409.93'); // past a float's exact cents
    expect(formatMoney(-12.3)).toBe('−$12.30');
    expect(formatMoney(0)).toBe('$0.00');
    expect(formatMoney(null)).toBe('—');
  });

  it('formats rates, days, counts and dates', () => {
    expect(formatPercent(0.1234)).toBe('12.3%');
    expect(formatPercent(1)).toBe('100.0%');
    expect(formatDays(41.234)).toBe('41.2 days');
    expect(formatCount(1234)).toBe('1,234');
    expect(formatDate('2025-06-30')).toBe('Jun 30, 2025');
    expect(formatMonth('2025-06')).toBe('Jun 2025');
    expect(formatValue('ratio', 0.05)).toBe('5.0%');
    expect(formatValue('dollars', 10)).toBe('$10.00');
    expect(formatValue('days', null)).toBe('—');
  });

  it('formats changes with their sign, rates in points', () => {
    expect(formatChange('ratio', 0.012)).toBe('+1.2 pts');
    expect(formatChange('days', -3.06)).toBe('−3.1 days');
    expect(formatChange('dollars', 452.69)).toBe('+$452.69');
    expect(formatChange('count', 0)).toBe('±0');
  });

  it('formats table cells by the API column type', () => {
    expect(formatCell('money', '-5.10')).toBe('−$5.10');
    expect(formatCell('int', 12000)).toBe('12,000');
    expect(formatCell('bool', true)).toBe('yes');
    expect(formatCell('list', ['CO', 'PR'])).toBe('CO PR');
    expect(formatCell('text', null)).toBe('');
  });
});
