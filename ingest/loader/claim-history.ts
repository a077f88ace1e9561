// The history of one claim across every source, in date order, with the balance after each event
// (the claim_ledger view; balance as defined in metrics.md: denied dollars stay, contractuals reduce).
import type { Warehouse } from '../../warehouse/database.ts';

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

/** The history of the claim, or of the claim it replaces: a replacement's number shows the whole chain. */
export async function claimHistory(warehouse: Warehouse, claimId: string): Promise<ClaimEvent[]> {
  return warehouse.all<ClaimEvent & Record<string, unknown>>(
    `SELECT e.event_date, e.source, e.event, e.amount, e.balance_delta::DECIMAL(18,2) AS balance_delta, e.balance::DECIMAL(18,2) AS balance,
            e.detail, f.file_name, e.position
     FROM claim_ledger e JOIN ingest_file f USING (file_id)
     WHERE e.claim_id = coalesce((SELECT root FROM claim_root WHERE claim_id = $1), $1)
     ORDER BY e.event_date NULLS LAST, e.event_rank, e.file_id, e.position`,
    [claimId],
  );
}
