import { describe, expect, it } from 'vitest';
import { AnswerCache, approximateBytes } from './answer-cache.ts';

const rows = (n: number, tag: string) => Array.from({ length: n }, (_, i) => ({ claim_id: `${tag}-${i}`, patient: 'DOE, JANE', balance: '123.45' }));

describe('the answer cache', () => {
  it('keeps answers up to a size in bytes, dropping the least recently used', async () => {
    const cache = new AnswerCache({ maxBytes: 200_000, maxEntryBytes: 100_000 });
    for (let i = 0; i < 50; i++) await cache.get(`k${i}`, async () => rows(100, `k${i}`));
    expect(approximateBytes(rows(100, 'x'))).toBeGreaterThan(20_000);
    expect(cache.bytes).toBeLessThanOrEqual(200_000);
    expect(cache.size).toBeLessThan(50);
    let computed = 0;
    await cache.get('k49', async () => (computed++, rows(1, 'again'))); // the newest is still kept
    expect(computed).toBe(0);
    await cache.get('k0', async () => (computed++, rows(1, 'again'))); // the oldest was dropped
    expect(computed).toBe(1);
  });

  it('hands a large answer to its requests without keeping it', async () => {
    const cache = new AnswerCache({ maxBytes: 1_000_000, maxEntryBytes: 10_000 });
    const [a, b] = await Promise.all([cache.get('big', async () => rows(1000, 'big')), cache.get('big', async () => rows(1, 'other'))]);
    expect(a).toBe(b); // the second request waited for the first one's computation
    expect(a).toHaveLength(1000);
    expect(cache.size).toBe(0);
    expect(cache.bytes).toBe(0);
  });

  it('keeps no refusal, and forgets everything when the data changes', async () => {
    const cache = new AnswerCache();
    await expect(cache.get('no', async () => { throw new Error('no data'); })).rejects.toThrow('no data');
    expect(cache.size).toBe(0);
    await cache.get('yes', async () => rows(3, 'y'));
    expect(cache.size).toBe(1);
    cache.clear();
    expect([cache.size, cache.bytes]).toEqual([0, 0]);
  });
});
