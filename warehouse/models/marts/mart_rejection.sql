-- grain: one 837 submission that bills a claim (every send, first and later; a void, CLM05-3 = 8, bills nothing,
-- as int_balance_event has it, and is none), with what the front end said of it (int_acknowledgment): when an
-- acknowledgment (999 or 277CA) first answered it, when one first rejected it and which (the days it left the
-- claim rejected are mart_rejection_span's). The reasons of its rejecting acknowledgments (int_rejection_reason:
-- '999 IK5 R:5', '999 IK3 NM1:8', '999 IK4 67:7', '999 AK9 R', '277CA A7:33:IL') come each once: reason_codes and
-- reasons (each code with our own words for its kind, no X12 description texts) whatever their date, and
-- rejection_reasons with the date each code was first given, for an answer as of a date. The claim's practice,
-- rendering provider and location are the claim's (int_claim); payer_id is the payer the submission was sent to.
-- The claim's next submission (the resubmission, whatever the outcome; a void is not one) closes the row, with
-- the days from the rejection to it when it was sent on or after the rejection's date (a send before the
-- rejection arrived does not answer it).
WITH submissions AS (
  SELECT claim_id, file_id, claim_position, submission_number, submitted_date, payer_id, charge,
         lead(submitted_date) OVER claim_sends AS next_submitted_date,
         lead(submission_number) OVER claim_sends AS next_submission_number
  FROM stg_claim_submission
  WHERE frequency_code IS DISTINCT FROM '8'
  WINDOW claim_sends AS (PARTITION BY claim_id ORDER BY submission_number)
),
acknowledged AS (
  SELECT file_id, claim_position, min(ack_date) AS first_acknowledged_date
  FROM int_acknowledgment WHERE ack_date IS NOT NULL GROUP BY ALL
),
-- the few rejecting acknowledgments apart: their date and source need not be kept for every submission
rejected AS (
  SELECT file_id, claim_position, min(ack_date) AS rejected_date, arg_min(source, (ack_date, source = '999')) AS rejected_by
  FROM int_acknowledgment WHERE ack_date IS NOT NULL AND is_rejected GROUP BY ALL
),
dated_reasons AS (
  SELECT r.file_id, r.claim_position, r.code, arg_min(r.meaning, a.ack_date) AS meaning, min(a.ack_date) AS ack_date
  FROM int_rejection_reason r
  JOIN int_acknowledgment a
    ON a.file_id = r.file_id AND a.claim_position = r.claim_position AND a.ack_file_id = r.ack_file_id AND a.ack_position = r.ack_position
  WHERE a.ack_date IS NOT NULL
  GROUP BY ALL
),
reasons AS (
  -- codes are distinct within a submission, so sorting the structs sorts them by code
  SELECT file_id, claim_position, list_sort(list(code)) AS reason_codes, list_sort(list(code || ': ' || meaning)) AS reasons,
         list_sort(list({'code': code, 'name': code || ': ' || meaning, 'ack_date': ack_date})) AS rejection_reasons
  FROM dated_reasons GROUP BY ALL
)
SELECT s.claim_id, s.file_id, s.claim_position, s.submission_number, s.submitted_date, strftime(s.submitted_date, '%Y-%m') AS submitted_month,
       s.payer_id, c.billing_npi, c.rendering_npi, c.location, s.charge,
       o.first_acknowledged_date, k.rejected_date, k.rejected_by,
       CASE WHEN k.rejected_date IS NOT NULL THEN coalesce(r.reason_codes, []) END AS reason_codes,
       CASE WHEN k.rejected_date IS NOT NULL THEN coalesce(r.reasons, []) END AS reasons,
       CASE WHEN k.rejected_date IS NOT NULL THEN r.rejection_reasons END AS rejection_reasons,
       s.next_submission_number, s.next_submitted_date,
       CASE WHEN s.next_submitted_date >= k.rejected_date THEN s.next_submitted_date - k.rejected_date END AS resubmission_lag_days
FROM submissions s
JOIN int_claim c USING (claim_id)
LEFT JOIN acknowledged o USING (file_id, claim_position)
LEFT JOIN rejected k USING (file_id, claim_position)
LEFT JOIN reasons r USING (file_id, claim_position)
