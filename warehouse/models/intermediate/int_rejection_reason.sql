-- grain: one reason of one rejecting acknowledgment (int_acknowledgment) of a claim's submission, as a code the
-- file gives, one per reason:
--   999 IK5 R:5       the set's IK501 status with each IK502–IK506 code ('999 IK5 R' when it has none; then
--                     also the group's AK9 status, '999 AK9 R')
--   999 IK3 NM1:8     a segment error: the segment id (IK301) and its IK304 code
--   999 IK4 67:7      an element error: the element's reference number (IK402, else its position IK401) and its IK403 code
--   277CA A7:33:IL    the claim's STC01: category, status and entity
-- and in our own words what that kind of reason means (no X12 description texts). A 999 rejects a transaction
-- set, so every claim of the set carries the set's errors.
WITH rejecting_999 AS (
  SELECT a.file_id, a.claim_position, a.ack_file_id, a.ack_position, s.status, s.status_codes, s.acknowledged_group_control
  FROM int_acknowledgment a JOIN ack_999_set s ON s.file_id = a.ack_file_id AND s.set_position = a.ack_position
  WHERE a.source = '999' AND a.is_rejected
),
reasons AS (
  SELECT file_id, claim_position, ack_file_id, ack_position, '999 IK5 ' || status || coalesce(':' || code, '') AS code,
         'the clearinghouse rejected the transaction set' AS meaning
  FROM rejecting_999, unnest(CASE WHEN status_codes IS NULL THEN [NULL] ELSE string_split(status_codes, ' ') END) AS codes(code)
  UNION ALL
  SELECT r.file_id, r.claim_position, r.ack_file_id, r.ack_position, '999 AK9 ' || g.status, 'the clearinghouse’s disposition of the whole group'
  FROM rejecting_999 r JOIN ack_999_group g ON g.file_id = r.ack_file_id AND g.acknowledged_group_control IS NOT DISTINCT FROM r.acknowledged_group_control
  WHERE r.status_codes IS NULL AND g.status IS NOT NULL
  UNION ALL
  SELECT r.file_id, r.claim_position, r.ack_file_id, r.ack_position,
         CASE e.kind WHEN 'segment' THEN '999 IK3 ' || coalesce(e.segment_id, '') ELSE '999 IK4 ' || coalesce(e.element_reference, e.element_position, '') END || ':' || coalesce(e.error_code, ''),
         CASE e.kind WHEN 'segment' THEN 'a segment of the claim’s transaction set is in error' ELSE 'an element of a segment is in error' END
  FROM rejecting_999 r JOIN ack_999_error e ON e.file_id = r.ack_file_id AND e.set_position = r.ack_position
  WHERE e.kind IN ('segment', 'element')
  UNION ALL
  -- int_acknowledgment's reason of a 277CA is its code with our words for the category
  SELECT a.file_id, a.claim_position, a.ack_file_id, a.ack_position, '277CA ' || concat_ws(':', st.category, st.status_code, st.entity),
         coalesce(nullif(regexp_extract(a.reason, ': (.*)$', 1), ''), 'the payer rejected the claim')
  FROM int_acknowledgment a JOIN ack_277ca_status st ON st.file_id = a.ack_file_id AND st.segment_position = a.ack_position
  WHERE a.source = '277CA' AND a.is_rejected
)
SELECT DISTINCT * FROM reasons
