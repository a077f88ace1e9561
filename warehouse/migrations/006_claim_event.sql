-- The history of each claim across sources, in date order: submitted (and resubmitted, replaced, voided),
-- acknowledged or rejected (999, 277CA), adjudicated (paid, denied, reversed: 835), posted (payments,
-- refunds, write-offs). A replacement or void, and everything that follows under its own patient control
-- number, belongs to the claim it replaces: claim_id is the root of the chain (claim_root). Amounts as in
-- the source, signed as sent.

-- grain: one patient control number that replaces, voids or resends another, with the first claim of its chain
CREATE VIEW claim_root AS
WITH RECURSIVE links AS (
  SELECT DISTINCT patient_control_number AS claim_id, original_patient_control_number AS parent
  FROM claim_resubmission
  WHERE original_patient_control_number <> patient_control_number
),
walk(claim_id, root, depth) AS (
  SELECT claim_id, parent, 1 FROM links
  UNION ALL
  SELECT w.claim_id, l.parent, w.depth + 1 FROM walk w JOIN links l ON l.claim_id = w.root WHERE w.depth < 50
)
SELECT claim_id, arg_max(root, depth) AS root FROM walk GROUP BY claim_id;

-- grain: one event, under the patient control number it carries
CREATE VIEW claim_event_by_number AS
WITH submissions AS (
  SELECT c.file_id, c.claim_position AS position, c.patient_control_number, c.charge, c.frequency_code, s.submitted_date,
         r.kind AS resubmission_kind, r.original_patient_control_number
  FROM claim c
  JOIN claim_submission s USING (file_id, transaction_position)
  LEFT JOIN claim_resubmission r USING (file_id, claim_position)
)
SELECT patient_control_number AS claim_id,
       submitted_date AS event_date, 1 AS event_rank, '837' AS source,
       CASE resubmission_kind WHEN 'replacement' THEN 'replaced' WHEN 'void' THEN 'voided' WHEN 'resubmission' THEN 'resubmitted' ELSE 'submitted' END AS event,
       charge AS amount,
       'claim ' || patient_control_number || ', frequency ' || coalesce(frequency_code, '?') AS detail,
       file_id, position
FROM submissions
UNION ALL
SELECT m.patient_control_number, try_strptime(t.group_date, '%Y%m%d')::DATE, 2, '999',
       CASE WHEN m.is_rejected THEN 'rejected by the clearinghouse' ELSE 'accepted by the clearinghouse' END,
       NULL, '999 IK5 ' || coalesce(m.status, '?'), m.ack_file_id, m.set_position
FROM claim_ack_999 m
JOIN ack_999_set a ON a.file_id = m.ack_file_id AND a.set_position = m.set_position
JOIN x12_transaction t ON t.file_id = a.file_id AND t.transaction_position = a.transaction_position
UNION ALL
SELECT patient_control_number, status_date, 3, '277CA',
       CASE WHEN is_rejected THEN 'rejected by the payer' WHEN is_accepted THEN 'accepted by the payer' ELSE 'status from the payer' END,
       charge, '277CA ' || category || coalesce(':' || status_code, '') || coalesce(':' || entity, '') || coalesce(', payer claim ' || payer_claim_number, ''),
       file_id, segment_position
FROM ack_277ca_status
WHERE level = 'claim'
UNION ALL
SELECT r.patient_control_number, p.payment_date, 4, '835',
       CASE WHEN r.is_reversal THEN 'reversed'
            WHEN r.status_code = '4' THEN 'denied'
            WHEN r.status_code IN ('19', '20', '21') THEN 'paid and forwarded'
            WHEN r.status_code = '23' THEN 'not the payer''s claim'
            WHEN r.status_code = '25' THEN 'priced (predetermination)'
            WHEN r.paid > 0 THEN 'paid'
            ELSE 'adjudicated, nothing paid' END,
       r.paid,
       'status ' || r.status_code || ', charge ' || coalesce(r.charge::VARCHAR, '?') || ', patient responsibility ' || coalesce(r.patient_responsibility::VARCHAR, '0.00')
         || coalesce(', payer claim ' || r.payer_claim_number, '') || coalesce(', trace ' || p.trace_number, ''),
       r.file_id, r.claim_position
FROM remit_claim r
JOIN remit_payment p USING (file_id, transaction_position)
UNION ALL
SELECT claim_id, posting_date, 5, 'posting', replace(posting_type, '_', ' '), amount,
       coalesce(payer_or_patient, '') || coalesce(', ref ' || reference, '') || coalesce(', reason ' || reason_code, ''),
       file_id, line_number
FROM payment_posting;

-- grain: one event of one claim (claim_id = the first claim of its replacement chain)
CREATE VIEW claim_event AS
SELECT coalesce(r.root, e.claim_id) AS claim_id, e.* EXCLUDE (claim_id)
FROM claim_event_by_number e
LEFT JOIN claim_root r ON r.claim_id = e.claim_id;
