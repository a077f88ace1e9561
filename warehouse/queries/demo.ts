// The few totals `npm start` and `rcm demo` print about a warehouse until the metrics and the server
// take over: what was billed, paid and posted. Sums are DECIMAL in DuckDB and come back as strings.
import type { Warehouse } from '../database.ts';

export type Headline = {
  files: bigint;
  claimsBilled: bigint;
  chargesBilled: string;
  remittances: bigint;
  remittanceCash: string;
  insurancePaid: string;
  patientPayments: string;
  writeOffs: string;
  rejectedFiles: bigint;
};

export async function headline(warehouse: Warehouse): Promise<Headline> {
  const row = await warehouse.one<Headline>(`
    SELECT
      (SELECT count(*) FROM ingest_file) AS files,
      (SELECT count(DISTINCT patient_control_number) FROM claim) AS "claimsBilled",
      (SELECT coalesce(sum(first_charge), 0)::VARCHAR FROM (SELECT arg_min(c.charge, s.submitted_date) AS first_charge FROM claim c JOIN claim_submission s USING (file_id, transaction_position) GROUP BY c.patient_control_number)) AS "chargesBilled",
      (SELECT count(*) FROM remit_payment) AS remittances,
      (SELECT coalesce(sum(amount), 0)::VARCHAR FROM remit_payment) AS "remittanceCash",
      (SELECT coalesce(sum(paid), 0)::VARCHAR FROM remit_claim) AS "insurancePaid",
      (SELECT coalesce(sum(amount), 0)::VARCHAR FROM payment_posting WHERE posting_type = 'patient_payment') AS "patientPayments",
      (SELECT coalesce(sum(amount), 0)::VARCHAR FROM payment_posting WHERE posting_type = 'write_off') AS "writeOffs",
      (SELECT count(*) FROM ingest_error) AS "rejectedFiles"`);
  return row!;
}
