-- grain: one CAS amount (group, reason, amount) of an 835 claim or service line, with the crosswalk
-- category it falls in on the adjudication date. A reason the crosswalk does not know is 'unmapped' and,
-- like every non-denial class, not a denial.
SELECT a.file_id,
       a.segment_position,
       a.triplet,
       a.claim_position,
       a.line_position,
       a.level,
       a.group_code,
       a.reason_code,
       a.amount,
       coalesce(k.category, 'unmapped') AS category,
       coalesce(k.is_denial, false) AS is_denial
FROM remit_adjustment a
JOIN remit_claim r ON r.file_id = a.file_id AND r.claim_position = a.claim_position
JOIN stg_remit_payment p ON p.file_id = r.file_id AND p.transaction_position = r.transaction_position
LEFT JOIN ref_carc_category k
  ON k.carc = a.reason_code
 AND (k.effective_from IS NULL OR k.effective_from <= p.payment_date)
 AND (k.effective_to IS NULL OR p.payment_date <= k.effective_to)
