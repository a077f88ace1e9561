-- grain: one record of a remittance, acknowledgment, posting or charge that matches no billed claim, with
-- why: kept and listed to review, never dropped or guessed onto a claim (claim identity: stg_claim_number).
WITH numbers AS (
  SELECT DISTINCT source, claim_number FROM stg_claim_number WHERE claim_number IS NOT NULL
),
sources AS (
  SELECT n.*, r.paid AS amount FROM stg_claim_number n JOIN remit_claim r ON n.source = '835' AND r.file_id = n.file_id AND r.claim_position = n.position
  UNION ALL
  SELECT n.*, a.charge FROM stg_claim_number n JOIN ack_277ca_status a ON n.source = '277CA' AND a.file_id = n.file_id AND a.segment_position = n.position
  UNION ALL
  SELECT n.*, p.amount FROM stg_claim_number n JOIN payment_posting p ON n.source = 'posting' AND p.file_id = n.file_id AND p.line_number = n.position
  UNION ALL
  -- a claim or charge line names a shared number without its provider only when its billing NPI is missing
  SELECT n.*, NULL FROM stg_claim_number n WHERE n.source IN ('837', 'charge') AND n.claim_number IS NULL
)
SELECT s.source, s.file_id, s.position, s.patient_control_number AS claim_id, s.amount,
       CASE WHEN s.claim_number IS NULL
              THEN 'the number is used by ' || len(s.shared_by) || ' billing providers (' || array_to_string(s.shared_by, ', ') || ') and this record names '
                   || CASE WHEN s.billing_npi IS NULL THEN 'none' ELSE 'another (' || s.billing_npi || ')' END
                   || CASE WHEN s.source IN ('posting', 'charge') THEN ': add a billing NPI column to the export' ELSE '' END
            WHEN s.source = '835' THEN 'no 837 claim or charge with this patient control number'
            WHEN s.source = '277CA' THEN 'no 837 claim with this patient control number'
            ELSE 'no claim (837, 835 or charge) with this claim id'
       END AS reason
FROM sources s
WHERE s.claim_number IS NULL
   OR (s.source = '835' AND s.claim_number NOT IN (SELECT claim_number FROM numbers WHERE source IN ('837', 'charge')))
   OR (s.source = '277CA' AND s.claim_number NOT IN (SELECT claim_number FROM numbers WHERE source = '837'))
   OR (s.source = 'posting' AND s.claim_number NOT IN (SELECT claim_number FROM numbers WHERE source IN ('837', '835', 'charge')))
UNION ALL
SELECT '999', a.file_id, a.set_position, NULL, NULL,
       'no 837 transaction set with group ' || coalesce(a.acknowledged_group_control, '?') || ' and control number ' || coalesce(a.acknowledged_control_number, '?')
FROM ack_999_set a
WHERE NOT EXISTS (SELECT 1 FROM stg_claim_ack_999 m WHERE m.ack_file_id = a.file_id AND m.set_position = a.set_position)
