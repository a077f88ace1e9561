// The audit trail: every read of patient-level data (claim numbers, patients) and every export is recorded
// with who, when, which route, which parameters and how many rows; rows are only ever added.
import type { SqlValue, Warehouse } from '../../warehouse/database.ts';
import type { User } from './users.ts';

export interface AuditEvent {
  eventId: bigint;
  occurredAt: string;
  username: string | null;
  route: string;
  parameters: string;
  rowCount: bigint;
}

export async function recordAudit(w: Warehouse, user: User | undefined, route: string, parameters: Record<string, string>, rowCount: number): Promise<void> {
  await w.run('INSERT INTO audit_event (occurred_at, user_id, username, route, parameters, row_count) VALUES (current_timestamp, $1, $2, $3, $4, $5)', [
    user?.userId ?? null, user?.username ?? null, route, JSON.stringify(parameters), BigInt(rowCount),
  ]);
}

export async function listAudit(w: Warehouse, filter: { username?: string; since?: string; limit: number }): Promise<AuditEvent[]> {
  const rows = await w.all<{ event_id: bigint; occurred_at: string; username: string | null; route: string; parameters: string; row_count: bigint }>(
    `SELECT event_id, strftime(occurred_at, '%Y-%m-%d %H:%M:%S') AS occurred_at, username, route, parameters, row_count FROM audit_event
     WHERE ($1::VARCHAR IS NULL OR username = $1) AND ($2::DATE IS NULL OR occurred_at >= $2::DATE)
     ORDER BY event_id DESC LIMIT $3`,
    [filter.username ?? null, filter.since ?? null, BigInt(filter.limit)],
  );
  return rows.map((r) => ({ eventId: r.event_id, occurredAt: r.occurred_at, username: r.username, route: r.route, parameters: r.parameters, rowCount: r.row_count }));
}

/**
 * Records reads on a connection of its own (the server's), so that an audit row never waits behind other
 * readers' queries. Rows asked for while one write is under way go together in the next (a group commit):
 * each request still waits until its own row is written, but many readers cost one write.
 */
export class Auditor {
  private pending: { row: SqlValue[]; done: (error?: unknown) => void }[] = [];
  private writing = false;

  constructor(
    private readonly warehouse: Warehouse,
    private readonly serialized: <T>(work: () => Promise<T>) => Promise<T>,
  ) {}

  record(user: User | undefined, route: string, parameters: Record<string, string>, rowCount: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({
        row: [user?.userId ?? null, user?.username ?? null, route, JSON.stringify(parameters), BigInt(rowCount)],
        done: (error) => (error === undefined ? resolve() : reject(error)),
      });
      void this.write();
    });
  }

  private async write(): Promise<void> {
    if (this.writing) return;
    this.writing = true;
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, 500);
      try {
        const values = batch.map((_, i) => `(nextval('audit_event_id'), current_timestamp, $${i * 5 + 1}, $${i * 5 + 2}, $${i * 5 + 3}, $${i * 5 + 4}, $${i * 5 + 5})`).join(', ');
        await this.serialized(() =>
          this.warehouse.run(`INSERT INTO audit_event (event_id, occurred_at, user_id, username, route, parameters, row_count) VALUES ${values}`, batch.flatMap((b) => b.row)),
        );
        for (const b of batch) b.done();
      } catch (error) {
        for (const b of batch) b.done(error ?? new Error('audit write failed'));
      }
    }
    this.writing = false;
  }
}
