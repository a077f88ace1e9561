-- How the records of different sources find their claim: one identity per patient control number
-- (837 CLM01 = 835 CLP01 = 277CA TRN02 = posting or charge claim id), what links to what, and what
-- matches nothing (kept and listed, never dropped). The claim ledger with balances builds on these.

-- grain: one claim identity (patient control number) and where it appears
CREATE VIEW claim_identity AS
WITH ids AS (
  SELECT patient_control_number AS claim_id, '837' AS source FROM claim
  UNION ALL SELECT patient_control_number, '835' FROM remit_claim
  UNION ALL SELECT patient_control_number, '277CA' FROM ack_277ca_status WHERE level = 'claim' AND patient_control_number IS NOT NULL
  UNION ALL SELECT claim_id, 'posting' FROM payment_posting
  UNION ALL SELECT claim_id, 'charge' FROM charge_line
)
SELECT claim_id,
       count(*) FILTER (WHERE source = '837') AS claims_837,
       count(*) FILTER (WHERE source = '835') AS remittances_835,
       count(*) FILTER (WHERE source = '277CA') AS statuses_277ca,
       count(*) FILTER (WHERE source = 'posting') AS postings,
       count(*) FILTER (WHERE source = 'charge') AS charge_lines
FROM ids
GROUP BY claim_id;

-- grain: one 837 claim that replaces (frequency 7) or voids (8) an earlier one, or is sent again (1), with
-- the claim it refers to: by REF*F8 = the payer claim number (CLP07) of an 835 for that claim, else the
-- latest earlier submission of the same patient control number.
CREATE VIEW claim_resubmission AS
WITH submissions AS (
  SELECT c.*, s.submitted_date,
         row_number() OVER (PARTITION BY c.patient_control_number ORDER BY s.submitted_date NULLS LAST, c.file_id, c.claim_position) AS submission_number
  FROM claim c JOIN claim_submission s USING (file_id, transaction_position)
),
linked AS (
  SELECT later.*,
         by_icn.patient_control_number AS icn_patient_control_number
  FROM submissions later
  LEFT JOIN (SELECT DISTINCT payer_claim_number, patient_control_number FROM remit_claim WHERE payer_claim_number IS NOT NULL) by_icn
    ON by_icn.payer_claim_number = later.original_payer_claim_number
  WHERE later.submission_number > 1 OR later.frequency_code IN ('7', '8')
)
SELECT l.file_id, l.claim_position, l.patient_control_number, l.frequency_code, l.submitted_date, l.submission_number,
       CASE l.frequency_code WHEN '7' THEN 'replacement' WHEN '8' THEN 'void' ELSE 'resubmission' END AS kind,
       l.original_payer_claim_number,
       coalesce(l.icn_patient_control_number, l.patient_control_number) AS original_patient_control_number,
       earlier.file_id AS original_file_id, earlier.claim_position AS original_claim_position,
       CASE WHEN l.icn_patient_control_number IS NOT NULL THEN 'payer claim number (REF*F8 = CLP07)'
            WHEN earlier.file_id IS NOT NULL THEN 'same patient control number'
            ELSE 'no earlier claim found' END AS linked_by
FROM linked l
LEFT JOIN LATERAL (
  -- the latest submission of the original claim before this one
  SELECT e.file_id, e.claim_position FROM submissions e
  WHERE e.patient_control_number = coalesce(l.icn_patient_control_number, l.patient_control_number)
    AND (e.submitted_date, e.file_id, e.claim_position) < (l.submitted_date, l.file_id, l.claim_position)
  ORDER BY e.submitted_date DESC, e.file_id DESC, e.claim_position DESC
  LIMIT 1
) earlier ON true;

-- grain: one record of a remittance, acknowledgment or posting that matches no billed claim, with why
CREATE VIEW unmatched_record AS
SELECT '835' AS source, r.file_id, r.claim_position AS position, r.patient_control_number AS claim_id, r.paid AS amount,
       'no 837 claim or charge with this patient control number' AS reason
FROM remit_claim r
WHERE NOT EXISTS (SELECT 1 FROM claim c WHERE c.patient_control_number = r.patient_control_number)
  AND NOT EXISTS (SELECT 1 FROM charge_line l WHERE l.claim_id = r.patient_control_number)
UNION ALL
SELECT '277CA', a.file_id, a.segment_position, a.patient_control_number, a.charge,
       'no 837 claim with this patient control number'
FROM ack_277ca_status a
WHERE a.level = 'claim' AND NOT EXISTS (SELECT 1 FROM claim c WHERE c.patient_control_number = a.patient_control_number)
UNION ALL
SELECT 'posting', p.file_id, p.line_number, p.claim_id, p.amount,
       'no claim (837, 835 or charge) with this claim id'
FROM payment_posting p
WHERE NOT EXISTS (SELECT 1 FROM claim c WHERE c.patient_control_number = p.claim_id)
  AND NOT EXISTS (SELECT 1 FROM remit_claim r WHERE r.patient_control_number = p.claim_id)
  AND NOT EXISTS (SELECT 1 FROM charge_line l WHERE l.claim_id = p.claim_id)
UNION ALL
SELECT '999', a.file_id, a.set_position, NULL, NULL,
       'no 837 transaction set with group ' || coalesce(a.acknowledged_group_control, '?') || ' and control number ' || coalesce(a.acknowledged_control_number, '?')
FROM ack_999_set a
WHERE NOT EXISTS (SELECT 1 FROM claim_ack_999 m WHERE m.ack_file_id = a.file_id AND m.set_position = a.set_position);
