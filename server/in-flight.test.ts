import { describe, expect, it } from 'vitest';
import { InFlight } from './in-flight.ts';

describe('InFlight', () => {
  it('is drained at once when nothing is under way', async () => {
    await expect(new InFlight().drained()).resolves.toBeUndefined();
  });

  it('is drained only after every request under way has finished, failed ones too', async () => {
    const inFlight = new InFlight();
    const order: string[] = [];
    let finishSlow!: () => void;
    const slow = inFlight.track(() => new Promise<void>((resolve) => (finishSlow = resolve)).then(() => order.push('slow answered')));
    const failing = inFlight.track(async () => {
      throw new Error('query failed');
    }).catch(() => order.push('failing answered'));
    expect(inFlight.size).toBe(2);
    const drained = inFlight.drained().then(() => order.push('connections closed'));
    await failing;
    await new Promise((r) => setTimeout(r, 10));
    expect(order).toEqual(['failing answered']);
    finishSlow();
    await Promise.all([slow, drained]);
    expect(order).toEqual(['failing answered', 'slow answered', 'connections closed']);
    expect(inFlight.size).toBe(0);
  });
});
