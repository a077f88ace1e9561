-- grain: one record of a remittance, acknowledgment, posting, charge or appeal log that matches no billed claim, with
-- why: kept and listed to review, never dropped or guessed onto a claim (claim identity: stg_claim_number).
-- A remittance matches a claim billed on an 837 or a charges export; a 277CA status one sent on an 837; a
-- posting or an appeal-log row any claim known from an 837, a remittance or a charges export.
WITH claims AS (
  SELECT claim_number,
         bool_or(source IN ('837', 'charge')) AS is_billed,
         bool_or(source = '837') AS is_sent,
         bool_or(source IN ('837', '835', 'charge')) AS is_known
  FROM stg_claim_number
  WHERE claim_number IS NOT NULL
  GROUP BY claim_number
),
unmatched AS (
  SELECT n.*
  FROM stg_claim_number n
  LEFT JOIN claims c USING (claim_number)
  -- a claim or charge line names a shared number without its provider only when its billing NPI is missing
  WHERE n.claim_number IS NULL
     OR (n.source = '835' AND NOT c.is_billed)
     OR (n.source = '277CA' AND NOT c.is_sent)
     OR (n.source IN ('posting', 'appeal') AND NOT c.is_known)
)
SELECT u.source, u.file_id, u.position, u.patient_control_number AS claim_id,
       CASE u.source WHEN '835' THEN r.paid WHEN '277CA' THEN a.charge WHEN 'posting' THEN p.amount END AS amount,
       CASE WHEN u.claim_number IS NULL
              THEN 'the number is used by ' || len(u.shared_by) || ' billing providers (' || array_to_string(u.shared_by, ', ') || ') and this record names '
                   || CASE WHEN u.billing_npi IS NULL THEN 'none' ELSE 'another (' || u.billing_npi || ')' END
                   || CASE WHEN u.source IN ('posting', 'charge', 'appeal') THEN ': add a billing NPI column to the export' ELSE '' END
            WHEN u.source = '835' THEN 'no 837 claim or charge with this patient control number'
            WHEN u.source = '277CA' THEN 'no 837 claim with this patient control number'
            ELSE 'no claim (837, 835 or charge) with this claim id'
       END AS reason
FROM unmatched u
LEFT JOIN remit_claim r ON u.source = '835' AND r.file_id = u.file_id AND r.claim_position = u.position
LEFT JOIN ack_277ca_status a ON u.source = '277CA' AND a.file_id = u.file_id AND a.segment_position = u.position
LEFT JOIN payment_posting p ON u.source = 'posting' AND p.file_id = u.file_id AND p.line_number = u.position
UNION ALL
SELECT '999', a.file_id, a.set_position, NULL, NULL,
       'no 837 transaction set with group ' || coalesce(a.acknowledged_group_control, '?') || ' and control number ' || coalesce(a.acknowledged_control_number, '?')
FROM ack_999_set a
WHERE NOT EXISTS (SELECT 1 FROM stg_claim_ack_999 m WHERE m.ack_file_id = a.file_id AND m.set_position = a.set_position)
