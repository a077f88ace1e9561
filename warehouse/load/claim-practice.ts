// The practice of each claim a refused CSV row names, looked up as the row error is recorded.
import type { Warehouse } from '../database.ts';

/** Claim ids per lookup: the statement's parameter list stays small. */
const CHUNK = 500;

/**
 * The billing NPI of each claim that one practice alone uses; a claim two practices use, or none, is absent.
 * The billed practices (837, charges export) decide; a claim known from an 835 alone, its payee (as the
 * claim's practice is chosen in int_claim).
 */
export async function practicesOfClaims(w: Warehouse, claimIds: readonly string[]): Promise<Map<string, string>> {
  const byClaim = new Map<string, string>();
  for (let i = 0; i < claimIds.length; i += CHUNK) {
    const ids = claimIds.slice(i, i + CHUNK);
    const list = ids.map((_, j) => `$${j + 1}`).join(', ');
    const rows = await w.all<{ claim_id: string; npi: string }>(
      `WITH billed AS (
         SELECT patient_control_number AS claim_id, billing_provider_npi AS npi FROM claim WHERE patient_control_number IN (${list}) AND billing_provider_npi IS NOT NULL
         UNION SELECT claim_id, billing_npi FROM charge_line WHERE claim_id IN (${list}) AND billing_npi IS NOT NULL
       ),
       paid AS (
         SELECT r.patient_control_number AS claim_id, p.payee_npi AS npi FROM remit_claim r JOIN remit_payment p USING (file_id, transaction_position)
         WHERE r.patient_control_number IN (${list}) AND p.payee_npi IS NOT NULL AND r.patient_control_number NOT IN (SELECT claim_id FROM billed)
       )
       SELECT claim_id, any_value(npi) AS npi FROM (SELECT * FROM billed UNION SELECT * FROM paid) GROUP BY claim_id HAVING count(DISTINCT npi) = 1`,
      ids,
    );
    for (const r of rows) byClaim.set(r.claim_id, r.npi);
  }
  return byClaim;
}
