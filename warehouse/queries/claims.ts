// Reads about one claim that the server makes around the claim pages: whether a reader may see it, and a claim
// to read before the server listens. The claim list and a claim's 835 records are in warehouse/claims/.
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
