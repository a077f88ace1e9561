-- grain: one acknowledgment of one 837 submission of a claim: the 999 of the transaction set that carried
-- it (stg_claim_ack_999), and each claim-level 277CA status the payer's front end sent between it and the
-- claim's next submission. is_rejected as the front end said it (999 set status R; 277CA categories A3, A4,
-- A6, A7, A8), with the reason as the file gives it — the 999 set's status, or the 277CA's
-- category:status:entity — and in our own words what a rejecting one means. mart_claim takes the first submission's; the work queues the latest by a date.
WITH submissions AS (
  SELECT claim_id, file_id, claim_position, claim_number, submitted_date, submission_number,
         lead(submitted_date) OVER (PARTITION BY claim_id ORDER BY submission_number) AS next_submitted_date
  FROM stg_claim_submission
)
SELECT s.claim_id, s.file_id, s.claim_position, s.submission_number, s.submitted_date,
       '999' AS source, k.ack_file_id, k.set_position AS ack_position,
       try_strptime(t.group_date, '%Y%m%d')::DATE AS ack_date, k.is_rejected,
       '999 ' || k.status || CASE k.status WHEN 'R' THEN ': the clearinghouse rejected the set' WHEN 'E' THEN ': accepted with errors' ELSE '' END AS reason
FROM submissions s
JOIN stg_claim_ack_999 k ON k.claim_file_id = s.file_id AND k.claim_position = s.claim_position
JOIN ack_999_set a ON a.file_id = k.ack_file_id AND a.set_position = k.set_position
JOIN x12_transaction t ON t.file_id = a.file_id AND t.transaction_position = a.transaction_position
UNION ALL
SELECT s.claim_id, s.file_id, s.claim_position, s.submission_number, s.submitted_date,
       '277CA', st.file_id, st.segment_position,
       st.status_date, st.is_rejected,
       '277CA ' || concat_ws(':', st.category, st.status_code, st.entity) || CASE st.category
         WHEN 'A3' THEN ': returned as unprocessable' WHEN 'A4' THEN ': the payer does not find it' WHEN 'A6' THEN ': information missing'
         WHEN 'A7' THEN ': information not valid' WHEN 'A8' THEN ': two fields disagree' ELSE '' END
FROM submissions s
JOIN stg_claim_number n ON n.source = '277CA' AND n.claim_number = s.claim_number
JOIN ack_277ca_status st
  ON st.file_id = n.file_id AND st.segment_position = n.position
 AND st.status_date >= s.submitted_date AND (s.next_submitted_date IS NULL OR st.status_date < s.next_submitted_date)
