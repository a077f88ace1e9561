import { describe, expect, it } from 'vitest';
import { parseDate, parseQuantity, fitsQuantity, storableQuantity } from './values.ts';

describe('dates and quantities', () => {
  it('reads CCYYMMDD and YYMMDD dates and refuses impossible ones', () => {
    expect(parseDate('20240229')).toMatchObject({ ok: true, value: '2024-02-29' });
    expect(parseDate('240315')).toMatchObject({ ok: true, value: '2024-03-15' });
    expect(parseDate('991231')).toMatchObject({ ok: true, value: '1999-12-31' });
    for (const bad of ['20230229', '20002316', '2024-01-01', '2024011', '', '20241301', '20240100', '19000229']) {
      expect(parseDate(bad).ok).toBe(false);
    }
  });

  it('keeps quantities as canonical decimal text', () => {
    expect(parseQuantity('1.00')).toMatchObject({ value: '1' });
    expect(parseQuantity('0.5')).toMatchObject({ value: '0.5' });
    expect(parseQuantity('-6')).toMatchObject({ value: '-6' });
    expect(parseQuantity('007')).toMatchObject({ value: '7' });
    expect(parseQuantity('-0')).toMatchObject({ value: '0' });
    expect(parseQuantity('x').ok).toBe(false);
  });
});

describe('quantities as the warehouse holds them (four decimals, fourteen whole digits)', () => {
  it.each([
    ['2', '2', false], ['1.5', '1.5', false], ['0.1234', '0.1234', false], ['2.34567', '2.3457', true], ['0.12345', '0.1235', true],
    ['0.00004', '0', true], ['-0.00004', '0', true], ['-1.00005', '-1.0001', true], ['9.99995', '10', true], ['99999999999999.9999', '99999999999999.9999', false],
  ])('keeps %s as %s (rounded: %s)', (text, value, rounded) => {
    expect(storableQuantity(text)).toEqual({ value, rounded });
    expect(fitsQuantity(text)).toBe(!rounded);
  });

  it.each(['123456789012345', '-123456789012345.5', '99999999999999.99995'])('refuses %s: more whole digits than it holds (rounding may carry into one)', (text) => {
    expect(storableQuantity(text)).toBeNull();
    expect(fitsQuantity(text)).toBe(false);
  });
});
