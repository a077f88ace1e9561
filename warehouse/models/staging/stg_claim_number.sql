-- grain: one record of any source that names a claim (837 claim, 835 claim payment, 277CA claim status,
-- posting, charge line, appeal-log row), with its claim number. NULL: the number is shared and the record names no
-- provider of it; such records are listed in mart_unmatched_record, never guessed.
--
-- Claim identity. 837 CLM01 = 835 CLP01 = 277CA TRN02 = an export's claim id: the patient control number
-- (PCN). A billing company's practices number their claims each in their own practice-management system,
-- so one PCN can name two different claims. A record's claim number is its PCN, qualified as "PCN@NPI"
-- when two or more billing providers (837 billing NPI, charges-export billing NPI) use that number
-- (shared_by lists them):
-- - a record that carries a billing provider (837 2010AA, 277CA 2000C, 835 payee N1*PE, a charges or
--   postings export with a billing NPI column) takes the claim of its own provider;
-- - a record that carries none (or a payee that bills no claim under that number) takes the number alone
--   when one provider uses it, and none when several do.
-- Not scoped by payer: a Medicare crossover (the same claim forwarded to Medicaid) and a claim rebilled to
-- a corrected payer are the same claim under the same number; payer ids also differ between an 837 and
-- the 835 that answers it. A replacement or void names its own number: stg_claim_chain gives the claim
-- it belongs to.
WITH billed AS (
  SELECT patient_control_number, billing_provider_npi AS npi FROM claim WHERE billing_provider_npi IS NOT NULL
  UNION
  SELECT claim_id, billing_npi FROM charge_line WHERE billing_npi IS NOT NULL
),
shared AS (
  SELECT patient_control_number, list(npi ORDER BY npi) AS billing_npis
  FROM billed
  GROUP BY patient_control_number
  HAVING count(*) > 1
),
records AS (
  SELECT '837' AS source, file_id, claim_position AS position, patient_control_number, billing_provider_npi AS billing_npi FROM claim
  UNION ALL
  SELECT '835', r.file_id, r.claim_position, r.patient_control_number, p.payee_npi
  FROM remit_claim r JOIN remit_payment p USING (file_id, transaction_position)
  UNION ALL
  SELECT '277CA', file_id, segment_position, patient_control_number, billing_provider_npi FROM ack_277ca_status WHERE level = 'claim' AND patient_control_number IS NOT NULL
  UNION ALL
  SELECT 'posting', file_id, line_number, claim_id, billing_npi FROM payment_posting
  UNION ALL
  SELECT 'charge', file_id, line_number, claim_id, billing_npi FROM charge_line
  UNION ALL
  SELECT 'appeal', file_id, line_number, claim_id, billing_npi FROM appeal_log
)
SELECT r.source, r.file_id, r.position, r.patient_control_number, r.billing_npi,
       CASE WHEN s.patient_control_number IS NULL THEN r.patient_control_number
            WHEN list_contains(s.billing_npis, r.billing_npi) THEN r.patient_control_number || '@' || r.billing_npi
       END AS claim_number,
       s.billing_npis AS shared_by
FROM records r
LEFT JOIN shared s USING (patient_control_number)
