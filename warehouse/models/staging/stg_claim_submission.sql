-- grain: one 837 claim as sent (a resend or a replacement is a row of its own), under the claim it
-- belongs to, with its submission date (BHT04) and its first date of service. An 837P has a place of
-- service, an 837I a facility type and bill type instead (CLM05-1 is one or the other, never both).
SELECT c.file_id,
       c.claim_position,
       coalesce(chain.root, n.claim_number) AS claim_id,
       n.claim_number,
       c.patient_control_number,
       s.submitted_date,
       c.frequency_code,
       c.charge,
       c.payer_id,
       c.payer_name,
       c.filing_indicator,
       c.billing_provider_npi,
       c.rendering_provider_npi,
       c.rendering_provider_name,
       coalesce(c.service_facility_name, c.billing_provider_name) AS location,
       c.claim_type,
       c.place_of_service,
       c.facility_type_code,
       c.bill_type,
       coalesce(lines.first_service_date, c.statement_from) AS service_date,
       row_number() OVER (PARTITION BY coalesce(chain.root, n.claim_number) ORDER BY s.submitted_date NULLS LAST, c.file_id, c.claim_position) AS submission_number
FROM claim c
JOIN claim_submission s USING (file_id, transaction_position)
JOIN stg_claim_number n ON n.source = '837' AND n.file_id = c.file_id AND n.position = c.claim_position
LEFT JOIN stg_claim_chain chain ON chain.claim_id = n.claim_number
LEFT JOIN (SELECT file_id, claim_position, min(service_date) AS first_service_date FROM claim_line GROUP BY ALL) lines USING (file_id, claim_position)
WHERE n.claim_number IS NOT NULL  -- a shared number without its provider: listed in mart_unmatched_record
