// A claim's work state (migration 028): status, owner, follow-up date and notes, apart from the imported data.
// Every change appends its event and replaces the current state in one transaction; callers audit it.
import { isIsoDate } from '../../kernel/dates.ts';
import { WORK_STATUSES } from '../../kernel/work.ts';
import type { Warehouse } from '../database.ts';

/** A claim's work statuses, as the API and the Work page name them (kernel/work.ts). */
export { WORK_STATUSES };
export type WorkStatus = (typeof WORK_STATUSES)[number];

export type WorkState = {
  claim_id: string;
  status: WorkStatus;
  owner: string | null;
  follow_up: string | null;
  note: string | null;
  updated_by: string;
  updated_at: string;
};

export type WorkEvent = Omit<WorkState, 'updated_by' | 'updated_at'> & { changed_by: string; changed_at: string };

/** What a change sets: a field left out keeps its value; owner, follow-up or note null clears it. */
export interface WorkChange {
  claimId: string;
  status?: WorkStatus;
  owner?: string | null;
  followUp?: string | null;
  note?: string | null;
}

const STATE_COLUMNS = "claim_id, status, owner, strftime(follow_up, '%Y-%m-%d') AS follow_up, note";

/** The current state of these claims (every claim with one when none is named). */
export async function workStates(w: Warehouse, claimIds?: readonly string[]): Promise<Map<string, WorkState>> {
  if (claimIds && claimIds.length === 0) return new Map();
  const rows = await w.all<WorkState>(
    `SELECT ${STATE_COLUMNS}, updated_by, strftime(updated_at, '%Y-%m-%d %H:%M:%S') AS updated_at FROM work_state${claimIds ? ` WHERE claim_id IN (${claimIds.map((_, i) => `$${i + 1}`).join(', ')})` : ''}`,
    claimIds ? [...claimIds] : [],
  );
  return new Map(rows.map((r) => [r.claim_id, r]));
}

/** Applies a change made by `by`; a claim the warehouse does not know, a status or date that is not one, is refused. */
export async function setWorkState(w: Warehouse, change: WorkChange, by: string): Promise<WorkState> {
  if (change.status !== undefined && !(WORK_STATUSES as readonly string[]).includes(change.status)) {
    throw new Error(`${change.status} is not a work status: one of ${WORK_STATUSES.join(', ')}`);
  }
  if (change.followUp && !isIsoDate(change.followUp)) throw new Error(`the follow-up date ${change.followUp} is not a date (YYYY-MM-DD)`);
  return w.transaction(async () => {
    if (!(await w.one('SELECT 1 AS known FROM mart_claim WHERE claim_id = $1', [change.claimId]))) throw new Error(`no claim ${change.claimId} in the warehouse`);
    const before = (await workStates(w, [change.claimId])).get(change.claimId);
    const next = {
      status: change.status ?? before?.status ?? 'new',
      owner: change.owner === undefined ? before?.owner ?? null : change.owner,
      follow_up: change.followUp === undefined ? before?.follow_up ?? null : change.followUp,
      note: change.note === undefined ? before?.note ?? null : change.note,
    };
    const values = [change.claimId, next.status, next.owner, next.follow_up, next.note, by];
    await w.run('INSERT OR REPLACE INTO work_state VALUES ($1, $2, $3, $4::DATE, $5, $6, current_timestamp)', values);
    // an event keeps the note given with it only: an unchanged note is not repeated in the history
    await w.run(
      'INSERT INTO work_state_event (claim_id, status, owner, follow_up, note, changed_by, changed_at) VALUES ($1, $2, $3, $4::DATE, $5, $6, current_timestamp)',
      [change.claimId, next.status, next.owner, next.follow_up, change.note === undefined ? null : change.note, by],
    );
    return (await workStates(w, [change.claimId])).get(change.claimId)!;
  });
}

/** Every change of a claim's work state, oldest first. */
export async function workHistory(w: Warehouse, claimId: string): Promise<WorkEvent[]> {
  return w.all<WorkEvent>(
    `SELECT ${STATE_COLUMNS}, changed_by, strftime(changed_at, '%Y-%m-%d %H:%M:%S') AS changed_at FROM work_state_event WHERE claim_id = $1 ORDER BY event_id`,
    [claimId],
  );
}
