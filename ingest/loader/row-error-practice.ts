// Which practice a refused CSV row belongs to, decided when the row error is recorded: the row's own
// Billing NPI, else the practice of the claim it names. Row errors keep the raw row (claim numbers,
// patients), so a row that names no practice, or a claim that two practices use, is left to admins.
import type { Warehouse } from '../../warehouse/database.ts';
import { practicesOfClaims } from '../../warehouse/load/claim-practice.ts';
import type { RowError } from '../postings/read-csv.ts';

const NPI = /^\d{10}$/;

/** The billing NPI of each row error (null: admins only), in order. */
export async function practicesOfRowErrors(w: Warehouse, errors: readonly RowError[]): Promise<(string | null)[]> {
  const own = errors.map((e) => (e.billingNpi !== null && NPI.test(e.billingNpi) ? e.billingNpi : null));
  const asked = [...new Set(errors.flatMap((e, i) => (own[i] === null && e.claimId ? [e.claimId] : [])))];
  const byClaim = await practicesOfClaims(w, asked);
  return errors.map((e, i) => own[i] ?? (e.claimId ? (byClaim.get(e.claimId) ?? null) : null));
}
