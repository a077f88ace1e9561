// Only the answers that read the work state follow its changes: days_to_appeal, and days_to_resolution broken
// down by whether the claim was appealed; every other metric's answer stays kept across a change.
import { describe, expect, it } from 'vitest';
import { METRICS, metric } from './registry.ts';
import { readsWorkState } from './work-state-reads.ts';

describe('which metrics read the work state', () => {
  it('names days_to_appeal, and days_to_resolution only by appealed', () => {
    expect(METRICS.filter((m) => readsWorkState(m)).map((m) => m.id)).toEqual(['days_to_appeal']);
    expect(readsWorkState(metric('days_to_resolution')!, ['appealed'])).toBe(true);
    expect(readsWorkState(metric('days_to_resolution')!, ['denial_category'])).toBe(false);
  });
});
