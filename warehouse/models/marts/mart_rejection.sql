-- grain: one 837 submission of a claim (every send, first and later), with what the front end said of it
-- (int_acknowledgment): when an acknowledgment (999 or 277CA) first answered it, when one first rejected it and
-- which, and the reason codes of its rejecting acknowledgments (int_rejection_reason: '999 IK5 R:5',
-- '999 IK3 NM1:8', '999 IK4 67:7', '999 AK9 R', '277CA A7:33:IL'), each once; reasons gives each code with our
-- own words for its kind (no X12 description texts). The claim's practice, rendering provider and
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
reasons AS (
  SELECT file_id, claim_position, list_sort(list(DISTINCT code)) AS reason_codes,
         list_sort(list(DISTINCT code || ': ' || meaning)) AS reasons
  FROM int_rejection_reason GROUP BY ALL
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
