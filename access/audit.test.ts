// The audit trail's group commit: many reads recorded at once all land, each with its own row, and each
// request's promise settles only once its row is written.
import { describe, expect, it } from 'vitest';
import { tempWarehouse } from '../tests/support/temp.ts';
import { queue } from '../server/app.ts';
import { Auditor, listAudit } from './audit.ts';

describe('the auditor', () => {
  it('writes every row of a burst of reads, together, each before its request goes on', async () => {
    const w = await tempWarehouse();
    const auditor = new Auditor(w, queue());
    const user = { userId: 7n, username: 'reader', role: 'billing_lead' as const, practices: ['1234567893'], disabled: false };
    const written: number[] = [];
    await Promise.all(Array.from({ length: 300 }, (_, i) => auditor.record(user, '/api/claims', { page: String(i) }, i).then(async () => {
      // its row is there when its promise settles
      const rows = await listAudit(w, { username: 'reader', limit: 1000 });
      if (!rows.some((r) => r.parameters === JSON.stringify({ page: String(i) }))) throw new Error(`row ${i} missing when its request went on`);
      written.push(i);
    })));
    const rows = await listAudit(w, { username: 'reader', limit: 1000 });
    expect(rows).toHaveLength(300);
    expect(new Set(rows.map((r) => r.eventId)).size).toBe(300);
    expect(rows.map((r) => Number(r.rowCount)).sort((a, b) => a - b)).toEqual(Array.from({ length: 300 }, (_, i) => i));
    expect(written).toHaveLength(300);
  });
});
