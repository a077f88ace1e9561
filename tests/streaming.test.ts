// Memory does not grow with the size of the input: 120 MB of 835 in one transaction set, generated on
// the fly, streamed through the reader and the mapper while the heap is watched.
import { describe, expect, it } from 'vitest';
import { readX12 } from '../ingest/x12/reader.ts';
import { TransactionRouter } from '../ingest/transaction-router.ts';
import { Remittance835Mapper } from '../ingest/remittance/map-835.ts';
import { emptyTotals, synthetic835 } from './support/synthetic-835.ts';

describe('streaming', () => {
  it('reads a 120 MB single-transaction 835 in bounded memory', async () => {
    const totals = emptyTotals();
    let peakHeap = 0;
    const baseline = process.memoryUsage().heapUsed;
    async function* source() {
      let pending: Buffer[] = [];
      let size = 0;
      for (const text of synthetic835({ seed: 3, claims: 260_000, claimsPerTransaction: 260_000 }, totals)) {
        pending.push(Buffer.from(text));
        size += pending[pending.length - 1].length;
        if (size >= 1 << 20) {
          yield Buffer.concat(pending);
          pending = [];
          size = 0;
          peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
        }
      }
      if (pending.length > 0) yield Buffer.concat(pending);
    }
    let claims = 0;
    let paid = 0;
    const sink = { claim: (_: unknown, c: { paid: number | null }) => { claims++; paid += c.paid ?? 0; }, remittance: () => undefined };
    const summary = await readX12(source(), new TransactionRouter({ '835': (h) => new Remittance835Mapper(h, sink, () => undefined) }, () => undefined), 'stream.835');
    expect(summary.bytes).toBeGreaterThan(110 * 2 ** 20);
    expect(claims).toBe(totals.claims);
    expect(paid).toBe(Number(totals.claimPaid));
    expect(peakHeap - baseline).toBeLessThan(64 * 2 ** 20);
  }, 120_000);
});
