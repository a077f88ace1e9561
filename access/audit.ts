// The audit trail: every read of patient-level data (claim numbers, patients) and every export is recorded
// with who, when, which route, which parameters and how many rows; rows are only ever added.
import type { Warehouse } from '../warehouse/database.ts';
import { insertAuditRows, selectAudit, type AuditRow } from '../warehouse/queries/accounts.ts';
import type { User } from './users.ts';

export interface AuditEvent {
  eventId: bigint;
  occurredAt: string;
  username: string | null;
  route: string;
  parameters: string;
  rowCount: bigint;
}

const auditRow = (user: User | undefined, route: string, parameters: Record<string, string>, rowCount: number): AuditRow => [
  user?.userId ?? null, user?.username ?? null, route, JSON.stringify(parameters), BigInt(rowCount),
];

export async function recordAudit(w: Warehouse, user: User | undefined, route: string, parameters: Record<string, string>, rowCount: number): Promise<void> {
  await insertAuditRows(w, [auditRow(user, route, parameters, rowCount)]);
}

/** A command line's change, by the person the operating system says ran it (`cli:<name>`): no workbench user signed in. */
export async function recordCommandAudit(w: Warehouse, actor: string, route: string, parameters: Record<string, string>, rowCount: number): Promise<void> {
  await insertAuditRows(w, [[null, actor, route, JSON.stringify(parameters), BigInt(rowCount)]]);
}

export async function listAudit(w: Warehouse, filter: { username?: string; since?: string; limit: number }): Promise<AuditEvent[]> {
  const rows = await selectAudit(w, filter);
  return rows.map((r) => ({ eventId: r.event_id, occurredAt: r.occurred_at, username: r.username, route: r.route, parameters: r.parameters, rowCount: r.row_count }));
}

/**
 * Records reads on a connection of its own (the server's), so that an audit row never waits behind other
 * readers' queries. Rows asked for while one write is under way go together in the next (a group commit):
 * each request still waits until its own row is written, but many readers cost one write.
 */
export class Auditor {
  private pending: { row: AuditRow; done: (error?: unknown) => void }[] = [];
  private writing = false;

  constructor(
    private readonly warehouse: Warehouse,
    private readonly serialized: <T>(work: () => Promise<T>) => Promise<T>,
  ) {}

  record(user: User | undefined, route: string, parameters: Record<string, string>, rowCount: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({
        row: auditRow(user, route, parameters, rowCount),
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
        await this.serialized(() => insertAuditRows(this.warehouse, batch.map((b) => b.row)));
        for (const b of batch) b.done();
      } catch (error) {
        for (const b of batch) b.done(error ?? new Error('audit write failed'));
      }
    }
    this.writing = false;
  }
}
