import { describe, expect, it } from 'vitest';
import { defaultMonth, isMonth, lastCompleteMonth, monthBefore } from './reports-month.ts';

describe('the default month of a close package', () => {
  it('is the last month complete by the date', () => {
    expect(lastCompleteMonth('2025-06-30')).toBe('2025-06');
    expect(lastCompleteMonth('2025-06-29')).toBe('2025-05');
    expect(lastCompleteMonth('2024-02-29')).toBe('2024-02');
    expect(lastCompleteMonth('2025-01-15')).toBe('2024-12');
    expect(monthBefore('2025-01')).toBe('2024-12');
  });

  it('follows the data, but never reaches the month not over yet', () => {
    expect(defaultMonth('2025-12-14', '2026-11-27')).toBe('2025-11');
    expect(defaultMonth('2026-11-27', '2026-11-27')).toBe('2026-10');
    expect(defaultMonth('2026-10-31', '2026-11-01')).toBe('2026-10');
    expect(defaultMonth(null, '2026-01-05')).toBe('2025-12');
  });

  it('knows a month key', () => {
    expect([isMonth('2025-06'), isMonth('2025-13'), isMonth('2025-6'), isMonth(null), isMonth('')]).toEqual([true, false, false, false, false]);
  });
});
