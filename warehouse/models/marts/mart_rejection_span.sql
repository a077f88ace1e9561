-- grain: one span of days during which a claim stands rejected by the front end (metrics.md, the rejected work
-- queue), so that an as-of question is a range filter (rejected-at.ts): rejected_from <= D and (rejected_to is
-- NULL or D < rejected_to). The front end's word on a submission (mart_rejection: voids are none) at the end of
-- a date is its last acknowledgment dated then (int_acknowledgment; a 277CA after a 999 the same day); when that
-- word is a rejection, the claim stands rejected from that date, not before the submission's own date, until
-- the submission's next dated acknowledgment or the claim's next submission, whichever comes first (exclusive;
-- NULL: neither yet). A span that would end before it starts (a send made again the day of the rejection, or
-- before it arrived) is none. rejected_date and reason are the rejecting acknowledgment's.
WITH words AS (
  SELECT file_id, claim_position, ack_date,
         arg_max(is_rejected, (source = '277CA', ack_file_id, ack_position)) AS is_rejected,
         arg_max(reason, (source = '277CA', ack_file_id, ack_position)) AS reason
  FROM int_acknowledgment
  -- only a submission an acknowledgment rejected can stand rejected: the others' words are not needed
  WHERE ack_date IS NOT NULL
    AND (file_id, claim_position) IN (SELECT file_id, claim_position FROM mart_rejection WHERE rejected_date IS NOT NULL)
  GROUP BY ALL
),
spoken AS (
  SELECT *, lead(ack_date) OVER (PARTITION BY file_id, claim_position ORDER BY ack_date) AS next_word_date
  FROM words
)
SELECT r.claim_id, r.file_id, r.claim_position, r.billing_npi, r.rendering_npi, r.location, r.submitted_date,
       w.ack_date AS rejected_date, w.reason,
       greatest(w.ack_date, r.submitted_date) AS rejected_from,
       least(w.next_word_date, r.next_submitted_date) AS rejected_to
FROM spoken w
JOIN mart_rejection r USING (file_id, claim_position)
WHERE w.is_rejected AND r.submitted_date IS NOT NULL
  AND (least(w.next_word_date, r.next_submitted_date) IS NULL OR greatest(w.ack_date, r.submitted_date) < least(w.next_word_date, r.next_submitted_date))
