import { describe, expect, it } from 'vitest';
import { centsToNumber, formatCents, parseCents } from './money.ts';

describe('money', () => {
  it.each([
    ['0', 0], ['0.00', 0], ['-0.00', 0], ['12', 1200], ['12.5', 1250], ['12.50', 1250], ['.5', 50], ['5.', 500],
    ['-1.27', -127], ['150000.00', 15000000], ['9999999999999.99', 999999999999999], ['0.01', 1], ['-0.01', -1],
  ])('reads %s as %i cents', (text, cents) => {
    const parsed = parseCents(text);
    expect(parsed).toEqual({ ok: true, value: cents });
  });

  it.each([['1.0000', 100], ['-2.500', -250], ['7.650', 765]])('reads %s (zeros past the cents) as %i cents', (text, cents) => {
    expect(parseCents(text)).toEqual({ ok: true, value: cents });
  });

  it.each(['1.005', '1.004', '-1.005', '12.345', '7.655', '0.001'])('refuses %s: a fraction of a cent is never rounded away', (text) => {
    expect(parseCents(text)).toEqual({ ok: false, why: 'sub_cent' });
  });

  it.each(['', '-', '.', '1.2.3', '12A', '1,000.00', '+5', ' 5', '1e3', '--1'])('refuses %j', (text) => {
    expect(parseCents(text)).toEqual({ ok: false });
  });

  it.each(['99999999999999.00', '10000000000000', '-10000000000000.5'])('refuses %s as out of range, not as a non-number', (text) => {
    expect(parseCents(text)).toEqual({ ok: false, why: 'too_large' });
  });

  it('formats cents exactly', () => {
    expect(formatCents(0)).toBe('0.00');
    expect(formatCents(-127)).toBe('-1.27');
    expect(formatCents(5)).toBe('0.05');
    expect(formatCents(999999999999999)).toBe('9999999999999.99');
    expect(centsToNumber(4575)).toBe(45.75);
    expect(JSON.stringify(centsToNumber(-1))).toBe('-0.01');
  });

  it('sums a million cents without drift', () => {
    let sum = 0;
    for (let i = 0; i < 1_000_000; i++) sum += parseCents('0.10').ok ? 10 : 0;
    expect(formatCents(sum)).toBe('100000.00');
  });
});
