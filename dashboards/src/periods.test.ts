import { describe, expect, it } from 'vitest';
import { filterProblem, filtersOf, searchWith } from './filters.ts';
import { previousPeriod, shiftMonths, trendAsOfs, trendMonths, trendRange } from './periods.ts';

describe('periods', () => {
  it('shifts months, keeping month-ends', () => {
    expect(shiftMonths('2025-06-30', -1)).toBe('2025-05-31');
    expect(shiftMonths('2025-03-31', -1)).toBe('2025-02-28');
    expect(shiftMonths('2025-03-15', -3)).toBe('2024-12-15');
    expect(shiftMonths('2024-05-30', -3)).toBe('2024-02-29'); // clamped to the shorter month
  });

  it('gives the twelve months of a trend and their month-ends', () => {
    expect(trendMonths('2025-06-15')).toEqual(['2024-07', '2024-08', '2024-09', '2024-10', '2024-11', '2024-12', '2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06']);
    expect(trendRange('2025-06-15')).toEqual({ from: '2024-07-01', to: '2025-06-15' });
    const ends = trendAsOfs('2025-06-15');
    expect(ends[0]).toBe('2024-07-31');
    expect(ends[7]).toBe('2025-02-28');
    expect(ends[11]).toBe('2025-06-15');
  });

  it('compares each window with the one before', () => {
    expect(previousPeriod('snapshot', '2025-06-30')).toEqual({ as_of: '2025-05-31', label: 'vs prior month-end' });
    expect(previousPeriod('quarter', '2025-06-30')).toEqual({ as_of: '2025-03-31', label: 'vs prior quarter' });
    expect(previousPeriod('ttm', '2025-06-30')).toEqual({ as_of: '2025-05-31', label: 'vs the 12 months to a month earlier' });
    // a month to date: the same days of the month before
    expect(previousPeriod('ttm', '2025-06-15', { from: '2025-06-01', to: '2025-06-15' })).toEqual({ as_of: '2025-06-15', from: '2025-05-01', to: '2025-05-15', label: 'vs prior month' });
    // another range: as many days just before
    expect(previousPeriod('quarter', '2025-06-30', { from: '2025-04-10', to: '2025-06-08' })).toEqual({ as_of: '2025-06-30', from: '2025-02-09', to: '2025-04-09', label: 'vs the 60 days before' });
    // a snapshot ignores a range
    expect(previousPeriod('snapshot', '2025-06-30', { from: '2025-01-01', to: '2025-06-30' }).as_of).toBe('2025-05-31');
  });
});

describe('filters in the URL', () => {
  it('reads the filters and writes them back in a stable order, keeping other parameters', () => {
    expect(filtersOf('?payer=MCRB&as_of=2025-06-30&x=1&provider=')).toEqual({ payer: 'MCRB', as_of: '2025-06-30' });
    expect(searchWith({ payer: 'MCRB', as_of: '2025-06-30' }, new URLSearchParams('x=1&payer=OLD'))).toBe('?as_of=2025-06-30&payer=MCRB&x=1');
    expect(searchWith({})).toBe('');
  });

  it('asks for both ends of a range', () => {
    expect(filterProblem({ from: '2025-01-01' })).toMatch(/together/);
    expect(filterProblem({ from: '2025-02-01', to: '2025-01-01' })).toMatch(/after/);
    expect(filterProblem({ from: '2025-01-01', to: '2025-02-01' })).toBeNull();
  });
});
