-- grain: one 837 submission of a claim (every send, first and later), with what the front end said of it
-- (int_acknowledgment): when an acknowledgment (999 or 277CA) first answered it, when one first rejected it and
-- which, and the reasons of its rejecting acknowledgments as the files give them, one code per reason:
--   999 IK5 R:5       the set's IK501 status with each IK502–IK506 code ('999 IK5 R' when it has none; then
--                     also the group's AK9 status, '999 AK9 R')
--   999 IK3 NM1:8     a segment error: the segment id (IK301) and its IK304 code
--   999 IK4 67:7      an element error: the element's reference number (IK402, else its position IK401) and its IK403 code
--   277CA A7:33:IL    the claim's STC01: category, status and entity
-- A 999 rejects a transaction set, so every claim of that set carries the set's errors. reasons gives each
-- code with our own words for its kind (no X12 description texts). The claim's practice, rendering provider and
-- location are the claim's (int_claim); payer_id is the payer the submission was sent to. The claim's next
-- submission (the resubmission, whatever the outcome) and the days from the rejection to it close the row.
WITH submissions AS (
  SELECT claim_id, file_id, claim_position, submission_number, submitted_date, payer_id, charge,
         lead(submitted_date) OVER claim_sends AS next_submitted_date,
         lead(submission_number) OVER claim_sends AS next_submission_number
  FROM stg_claim_submission
  WINDOW claim_sends AS (PARTITION BY claim_id ORDER BY submission_number)
),
outcomes AS (
  SELECT file_id, claim_position, min(ack_date) AS first_acknowledged_date, min(ack_date) FILTER (WHERE is_rejected) AS rejected_date,
         arg_min(source, (ack_date, source = '999')) FILTER (WHERE is_rejected) AS rejected_by
  FROM int_acknowledgment WHERE ack_date IS NOT NULL GROUP BY ALL
),
rejecting_999 AS (
  SELECT DISTINCT a.file_id, a.claim_position, s.file_id AS ack_file_id, s.set_position, s.status, s.status_codes, s.acknowledged_group_control
  FROM int_acknowledgment a JOIN ack_999_set s ON s.file_id = a.ack_file_id AND s.set_position = a.ack_position
  WHERE a.source = '999' AND a.is_rejected
),
reason_rows AS (
  SELECT file_id, claim_position, '999 IK5 ' || status || coalesce(':' || code, '') AS code,
         'the clearinghouse rejected the transaction set' AS meaning
  FROM rejecting_999, unnest(CASE WHEN status_codes IS NULL THEN [NULL] ELSE string_split(status_codes, ' ') END) AS codes(code)
  UNION ALL
  SELECT r.file_id, r.claim_position, '999 AK9 ' || g.status, 'the clearinghouse’s disposition of the whole group'
  FROM rejecting_999 r JOIN ack_999_group g ON g.file_id = r.ack_file_id AND g.acknowledged_group_control IS NOT DISTINCT FROM r.acknowledged_group_control
  WHERE r.status_codes IS NULL AND g.status IS NOT NULL
  UNION ALL
  SELECT r.file_id, r.claim_position,
         CASE e.kind WHEN 'segment' THEN '999 IK3 ' || coalesce(e.segment_id, '') ELSE '999 IK4 ' || coalesce(e.element_reference, e.element_position, '') END || ':' || coalesce(e.error_code, ''),
         CASE e.kind WHEN 'segment' THEN 'a segment of the claim’s transaction set is in error' ELSE 'an element of a segment is in error' END
  FROM rejecting_999 r JOIN ack_999_error e ON e.file_id = r.ack_file_id AND e.set_position = r.set_position
  WHERE e.kind IN ('segment', 'element')
  UNION ALL
  -- int_acknowledgment's reason of a 277CA is its code with our words for the category
  SELECT a.file_id, a.claim_position, '277CA ' || concat_ws(':', st.category, st.status_code, st.entity),
         coalesce(nullif(regexp_extract(a.reason, ': (.*)$', 1), ''), 'the payer rejected the claim')
  FROM int_acknowledgment a JOIN ack_277ca_status st ON st.file_id = a.ack_file_id AND st.segment_position = a.ack_position
  WHERE a.source = '277CA' AND a.is_rejected
),
reasons AS (
  SELECT file_id, claim_position, list_sort(list(DISTINCT code)) AS reason_codes,
         list_sort(list(DISTINCT code || ': ' || meaning)) AS reasons
  FROM reason_rows GROUP BY ALL
)
SELECT s.claim_id, s.file_id, s.claim_position, s.submission_number, s.submitted_date, strftime(s.submitted_date, '%Y-%m') AS submitted_month,
       s.payer_id, c.billing_npi, c.rendering_npi, c.location, s.charge,
       o.first_acknowledged_date, o.rejected_date, o.rejected_by,
       CASE WHEN o.rejected_date IS NOT NULL THEN coalesce(r.reason_codes, []) END AS reason_codes,
       CASE WHEN o.rejected_date IS NOT NULL THEN coalesce(r.reasons, []) END AS reasons,
       s.next_submission_number, s.next_submitted_date,
       s.next_submitted_date - o.rejected_date AS resubmission_lag_days
FROM submissions s
JOIN int_claim c USING (claim_id)
LEFT JOIN outcomes o USING (file_id, claim_position)
LEFT JOIN reasons r USING (file_id, claim_position)
