-- grain: one charge line of a practice-management charges export (visits never billed on an 837 here,
-- such as self-pay visits).
SELECT c.file_id,
       c.line_number,
       coalesce(chain.root, n.claim_number) AS claim_id,
       c.service_date,
       c.provider AS rendering_provider_npi,
       c.payer,
       c.location,
       c.procedure_code,
       concat_ws(' ', c.modifier_1, c.modifier_2, c.modifier_3, c.modifier_4) AS modifiers,
       c.diagnosis_1 AS diagnosis_code,
       c.units,
       c.charge,
       c.billing_npi
FROM charge_line c
JOIN stg_claim_number n ON n.source = 'charge' AND n.file_id = c.file_id AND n.position = c.line_number
LEFT JOIN stg_claim_chain chain ON chain.claim_id = n.claim_number
WHERE n.claim_number IS NOT NULL  -- a shared number without its provider: listed in mart_unmatched_record
