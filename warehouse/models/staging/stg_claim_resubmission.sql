-- grain: one 837 claim that replaces (frequency 7) or voids (8) an earlier one, or is sent again (1), with
-- the claim it refers to: by REF*F8 = the payer claim number (CLP07) of an 835 for that claim (of the same
-- billing provider when the number is shared), else the latest earlier submission of the same claim number.
WITH submissions AS (
  SELECT c.file_id, c.claim_position, c.patient_control_number, c.frequency_code, c.original_payer_claim_number, c.billing_provider_npi,
         n.claim_number, s.submitted_date,
         row_number() OVER (PARTITION BY n.claim_number ORDER BY s.submitted_date NULLS LAST, c.file_id, c.claim_position) AS submission_number
  FROM claim c
  JOIN claim_submission s USING (file_id, transaction_position)
  JOIN stg_claim_number n ON n.source = '837' AND n.file_id = c.file_id AND n.position = c.claim_position
),
remitted AS (
  SELECT DISTINCT r.payer_claim_number, n.patient_control_number, n.claim_number, n.billing_npi
  FROM remit_claim r
  JOIN stg_claim_number n ON n.source = '835' AND n.file_id = r.file_id AND n.position = r.claim_position
  WHERE r.payer_claim_number IS NOT NULL AND n.claim_number IS NOT NULL
),
linked AS (
  SELECT later.*,
         by_icn.patient_control_number AS icn_patient_control_number,
         by_icn.claim_number AS icn_claim_number
  FROM submissions later
  LEFT JOIN LATERAL (
    SELECT * FROM remitted r
    WHERE r.payer_claim_number = later.original_payer_claim_number
    ORDER BY (r.billing_npi IS NOT DISTINCT FROM later.billing_provider_npi) DESC, r.claim_number
    LIMIT 1
  ) by_icn ON true
  WHERE later.submission_number > 1 OR later.frequency_code IN ('7', '8')
)
SELECT l.file_id, l.claim_position, l.patient_control_number, l.claim_number, l.frequency_code, l.submitted_date, l.submission_number,
       CASE l.frequency_code WHEN '7' THEN 'replacement' WHEN '8' THEN 'void' ELSE 'resubmission' END AS kind,
       l.original_payer_claim_number,
       coalesce(l.icn_patient_control_number, l.patient_control_number) AS original_patient_control_number,
       coalesce(l.icn_claim_number, l.claim_number) AS original_claim_number,
       earlier.file_id AS original_file_id, earlier.claim_position AS original_claim_position,
       CASE WHEN l.icn_claim_number IS NOT NULL THEN 'payer claim number (REF*F8 = CLP07)'
            WHEN earlier.file_id IS NOT NULL THEN 'same patient control number'
            ELSE 'no earlier claim found' END AS linked_by
FROM linked l
LEFT JOIN LATERAL (
  -- the latest submission of the original claim before this one
  SELECT e.file_id, e.claim_position FROM submissions e
  WHERE e.claim_number = coalesce(l.icn_claim_number, l.claim_number)
    AND (e.submitted_date, e.file_id, e.claim_position) < (l.submitted_date, l.file_id, l.claim_position)
  ORDER BY e.submitted_date DESC, e.file_id DESC, e.claim_position DESC
  LIMIT 1
) earlier ON true
