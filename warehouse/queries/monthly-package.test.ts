// The close date's condition on loaded files: a file counts when loaded on the close date or before, the
// whole day (loaded_at is a timestamp), across month and year ends.
import { describe, expect, it } from 'vitest';
import { loadedBy } from './monthly-package.ts';

describe('loadedBy', () => {
  it('keeps every file loaded before the day after the close date', () => {
    expect(loadedBy('2025-03-31')).toBe("loaded_at < DATE '2025-04-01'");
    expect(loadedBy('2024-12-31', 'f.')).toBe("f.loaded_at < DATE '2025-01-01'");
    expect(loadedBy('2024-02-28')).toBe("loaded_at < DATE '2024-02-29'");
  });

  it('keeps every file when there is no close date', () => {
    expect(loadedBy(null)).toBe('true');
  });
});
