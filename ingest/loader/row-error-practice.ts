// Which practice a refused CSV row belongs to, decided when the row error is recorded: the row's own
// Billing NPI, else the practice of the claim it names. Row errors keep the raw row (claim numbers,
// patients), so a row that names no practice, or a claim that two practices use, is left to admins.
import type { Warehouse } from '../../warehouse/database.ts';
import type { RowError } from '../postings/read-csv.ts';

const NPI = /^\d{10}$/;
/** Claim ids per lookup: the statement's parameter list stays small. */
const CHUNK = 500;

/** The billing NPI of each row error (null: admins only), in order. */
export async function practicesOfRowErrors(w: Warehouse, errors: readonly RowError[]): Promise<(string | null)[]> {
  const own = errors.map((e) => (e.billingNpi !== null && NPI.test(e.billingNpi) ? e.billingNpi : null));
  const asked = [...new Set(errors.flatMap((e, i) => (own[i] === null && e.claimId ? [e.claimId] : [])))];
  const byClaim = new Map<string, string>();
  for (let i = 0; i < asked.length; i += CHUNK) {
    const ids = asked.slice(i, i + CHUNK);
    const list = ids.map((_, j) => `$${j + 1}`).join(', ');
    // the billed practices (837, charges export) decide; a claim known from an 835 alone, its payee
    // (as the claim's practice is chosen in int_claim)
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
  return errors.map((e, i) => own[i] ?? (e.claimId ? (byClaim.get(e.claimId) ?? null) : null));
}
