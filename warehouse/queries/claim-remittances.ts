// The raw ERA view of a claim: every 835 claim payment record of the claim (originals, reversals,
// corrections, a crossover's secondary) as the remittance carried it: the payment it came in, the CLP,
// the claim- and line-level CAS triplets with the denial category each falls in, the remark codes (MOA/MIA,
// LQ) and the service lines. Read from the warehouse, not the file (which may be gone). Money as exact
// strings.
import type { Warehouse } from '../database.ts';

export interface EraAdjustmentRow { group: string; reason: string; amount: string; quantity: string | null; category: string; is_denial: boolean }
export interface EraLineRow {
  line_position: number; procedure_code: string | null; modifiers: string[]; charge: string | null; paid: string | null; allowed: string | null; units: string;
  service_date: string | null; line_control_number: string | null; adjustments: EraAdjustmentRow[]; remarks: string[];
}
export interface EraRecord {
  file_name: string; claim_position: number; payment_date: string | null; trace_number: string | null; payer_id: string | null; payer_name: string | null; payment_amount: string | null;
  patient_control_number: string; status_code: string; is_reversal: boolean; charge: string | null; paid: string | null; patient_responsibility: string | null; payer_claim_number: string | null;
  adjustments: EraAdjustmentRow[]; remarks: string[]; lines: EraLineRow[];
}

/**
 * The 835 records of one claim (a claim_id of mart_claim), in payment order. The claim's records are found
 * first (one column of one model), then every other table is read for their files and positions only:
 * filters DuckDB pushes into its scans (whole row groups skipped by their min/max), not joins of whole
 * tables, which grow with the warehouse.
 */
export async function claimRemittances(warehouse: Warehouse, claimId: string): Promise<EraRecord[]> {
  const found = await warehouse.all<{ file_id: bigint; claim_position: bigint }>(
    'SELECT file_id, claim_position FROM stg_remit_claim WHERE claim_id = $1',
    [claimId],
  );
  if (found.length === 0) return [];
  // numbers from the warehouse itself (BIGINT), so they go into the SQL as they are
  const files = [...new Set(found.map((r) => r.file_id))].join(', ');
  const positions = [...new Set(found.map((r) => r.claim_position))].join(', ');
  const keys = found.map((r) => `(${r.file_id}, ${r.claim_position})`).join(', ');
  const ofRecords = (alias: string) => `${alias}.file_id IN (${files}) AND ${alias}.claim_position IN (${positions}) AND (${alias}.file_id, ${alias}.claim_position) IN (${keys})`;
  const records = await warehouse.all<Record<string, unknown>>(
    `SELECT f.file_name, r.file_id, r.claim_position, strftime(p.payment_date, '%Y-%m-%d') AS payment_date, p.trace_number, p.payer_id, p.payer_name,
            p.payment_amount::VARCHAR AS payment_amount, r.patient_control_number, r.status_code, r.is_reversal, r.charge::VARCHAR AS charge, r.paid::VARCHAR AS paid,
            r.patient_responsibility::VARCHAR AS patient_responsibility, r.payer_claim_number
     FROM remit_claim r
     JOIN stg_remit_payment p ON p.file_id = r.file_id AND p.transaction_position = r.transaction_position
     JOIN ingest_file f ON f.file_id = r.file_id
     WHERE ${ofRecords('r')} AND p.file_id IN (${files}) AND f.file_id IN (${files})
     ORDER BY p.payment_date, r.file_id, r.claim_position`,
  );
  const adjustments = await warehouse.all<Record<string, unknown>>(
    `SELECT s.file_id, s.claim_position, s.line_position, s.group_code, s.reason_code, s.amount::VARCHAR AS amount, a.quantity::VARCHAR AS quantity, s.category, s.is_denial
     FROM stg_remit_adjustment s JOIN remit_adjustment a USING (file_id, segment_position, triplet)
     WHERE ${ofRecords('s')} AND ${ofRecords('a')} ORDER BY s.segment_position, s.triplet`,
  );
  const remarks = await warehouse.all<Record<string, unknown>>(
    `SELECT file_id, claim_position, line_position, code FROM remit_remark m WHERE ${ofRecords('m')} ORDER BY segment_position`,
  );
  const lines = await warehouse.all<Record<string, unknown>>(
    `SELECT file_id, claim_position, line_position, procedure_code, list_filter([modifier_1, modifier_2, modifier_3, modifier_4], m -> m IS NOT NULL) AS modifiers,
            charge::VARCHAR AS charge, paid::VARCHAR AS paid, allowed_amount::VARCHAR AS allowed, units::VARCHAR AS units,
            strftime(coalesce(service_date, service_start), '%Y-%m-%d') AS service_date, line_control_number
     FROM remit_service_line l WHERE ${ofRecords('l')} ORDER BY line_position`,
  );
  const same = (a: Record<string, unknown>, b: Record<string, unknown>) => a.file_id === b.file_id && a.claim_position === b.claim_position;
  const adjustment = (a: Record<string, unknown>): EraAdjustmentRow => ({
    group: String(a.group_code), reason: String(a.reason_code), amount: String(a.amount), quantity: (a.quantity as string | null) ?? null, category: String(a.category), is_denial: Boolean(a.is_denial),
  });
  return records.map((r) => ({
    file_name: String(r.file_name), claim_position: Number(r.claim_position), payment_date: r.payment_date as string | null, trace_number: r.trace_number as string | null,
    payer_id: r.payer_id as string | null, payer_name: r.payer_name as string | null, payment_amount: r.payment_amount as string | null,
    patient_control_number: String(r.patient_control_number), status_code: String(r.status_code), is_reversal: Boolean(r.is_reversal),
    charge: r.charge as string | null, paid: r.paid as string | null, patient_responsibility: r.patient_responsibility as string | null, payer_claim_number: r.payer_claim_number as string | null,
    adjustments: adjustments.filter((a) => same(a, r) && a.line_position === null).map(adjustment),
    remarks: remarks.filter((m) => same(m, r) && m.line_position === null).map((m) => String(m.code)),
    lines: lines.filter((l) => same(l, r)).map((l) => ({
      line_position: Number(l.line_position), procedure_code: l.procedure_code as string | null, modifiers: (l.modifiers as string[]) ?? [], charge: l.charge as string | null,
      paid: l.paid as string | null, allowed: l.allowed as string | null, units: String(l.units), service_date: l.service_date as string | null, line_control_number: l.line_control_number as string | null,
      adjustments: adjustments.filter((a) => same(a, r) && a.line_position === l.line_position).map(adjustment),
      remarks: remarks.filter((m) => same(m, r) && m.line_position === l.line_position).map((m) => String(m.code)),
    })),
  }));
}
