// Reads about one claim, for `rcm claim show` and the claim pages: the claims a number names, whether a reader
// may see one, its history across every source (the mart_claim_history model: as fresh as the last build), and a
// claim to read before the server listens. The claim list and a claim's 835 records have files of their own
// (claim-list.ts, claim-remittances.ts).
import type { Warehouse } from '../database.ts';
import { scopeToPractices } from '../metrics/practice-scope.ts';

/** Whether the claim is one of these practices' (every claim for undefined: an admin). */
export async function claimInScope(warehouse: Warehouse, claimId: string, practices: readonly string[] | undefined): Promise<boolean> {
  return (await warehouse.one(scopeToPractices('SELECT 1 FROM mart_claim WHERE claim_id = $1', practices), [claimId])) !== undefined;
}

/** A claim with an 835 record; undefined when there is none or the models are not built. */
export async function someRemittedClaim(warehouse: Warehouse): Promise<string | undefined> {
  const built = await warehouse.one("SELECT 1 FROM duckdb_tables() WHERE table_name = 'mart_claim_history'");
  if (!built) return undefined;
  return (await warehouse.one<{ claim_id: string }>('SELECT claim_id FROM stg_remit_claim SEMI JOIN mart_claim USING (claim_id) LIMIT 1'))?.claim_id;
}

/** One event of a claim's history, with what it did to the balance (as the metrics define it: denied dollars stay, contractuals reduce). */
export interface ClaimEvent {
  event_date: string | null;
  source: string;
  event: string;
  amount: string | null;
  /** What the event did to the balance, and the balance after it. */
  balance_delta: string;
  balance: string;
  detail: string;
  file_name: string;
  position: bigint;
}

export interface ClaimMatch {
  /** The claim (the first of its replacement chain), as the ledger and the marts name it. */
  claim_id: string;
  billing_npi: string | null;
}

/**
 * The claims a number names: a claim number ("PCN", or "PCN@NPI" when two billing providers use the
 * number) or a patient control number, which names one claim per billing provider that uses it. A
 * replacement's number names the claim it replaces. Read from the staging models of claim identity
 * (stg_claim_number, stg_claim_chain), as fresh as the history itself.
 */
export async function findClaims(warehouse: Warehouse, number: string): Promise<ClaimMatch[]> {
  return warehouse.all<ClaimMatch & Record<string, unknown>>(
    `SELECT coalesce(r.root, n.claim_number) AS claim_id, min(n.billing_npi) FILTER (WHERE n.source IN ('837', 'charge')) AS billing_npi
     FROM stg_claim_number n LEFT JOIN stg_claim_chain r ON r.claim_id = n.claim_number
     WHERE n.claim_number IS NOT NULL AND (n.claim_number = $1 OR n.patient_control_number = $1)
     GROUP BY ALL ORDER BY claim_id`,
    [number],
  );
}

/**
 * The history of one claim (a claim_id of findClaims), in date order with the balance after each event; the
 * changes of its work state (source 'work': "appealed by bl_a", with owner, follow-up and note) among them,
 * after the day's other events, changing no balance.
 */
export async function claimHistory(warehouse: Warehouse, claimId: string): Promise<ClaimEvent[]> {
  return warehouse.all<ClaimEvent & Record<string, unknown>>(
    `SELECT event_date, source, event, amount, balance_delta, balance, detail, file_name, position FROM (
       SELECT e.event_date, e.source, e.event, e.amount, e.balance_delta::DECIMAL(18,2) AS balance_delta, e.balance::DECIMAL(18,2) AS balance,
              e.detail, coalesce(f.file_name, '') AS file_name, e.position, e.event_rank AS rank, e.file_id
       FROM mart_claim_history e LEFT JOIN ingest_file f USING (file_id)
       WHERE e.claim_id = $1
       UNION ALL
       SELECT w.changed_at::DATE, 'work', replace(w.status, '_', ' '), NULL, 0::DECIMAL(18,2),
              coalesce((SELECT h.balance FROM mart_claim_history h WHERE h.claim_id = $1 AND h.event_date <= w.changed_at::DATE
                        ORDER BY h.event_date DESC, h.event_rank DESC, h.file_id DESC, h.position DESC LIMIT 1), 0)::DECIMAL(18,2),
              concat_ws('; ', 'by ' || w.changed_by, 'owner ' || w.owner, 'follow up ' || strftime(w.follow_up, '%Y-%m-%d'), 'note: ' || w.note),
              '', w.event_id, 99, NULL
       FROM work_state_event w WHERE w.claim_id = $1
     )
     ORDER BY event_date NULLS LAST, rank, file_id NULLS LAST, position`,
    [claimId],
  );
}
