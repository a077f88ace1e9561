-- grain: one CAS amount (group, reason, amount) of an 835 claim or service line, with the crosswalk
-- category it falls in (ref_carc_crosswalk; precedence in migration 008: payer-specific, then exact group,
-- then exact RARC, then the latest effective date). The RARCs a CAS sees are those at its own level (the
-- line's LQ remarks, or the claim's MOA/MIA remarks). A reason no crosswalk row applies to is 'unmapped'
-- and, like every non-denial class, not a denial.
WITH remarks AS (
  SELECT file_id, claim_position, line_position, list(code) AS remarks
  FROM remit_remark
  GROUP BY ALL
),
cas AS (
  SELECT a.*, p.payer_id, p.payment_date, coalesce(r.remarks, []) AS remarks
  FROM remit_adjustment a
  JOIN remit_claim c ON c.file_id = a.file_id AND c.claim_position = a.claim_position
  JOIN stg_remit_payment p ON p.file_id = c.file_id AND p.transaction_position = c.transaction_position
  LEFT JOIN remarks r ON r.file_id = a.file_id AND r.claim_position = a.claim_position AND r.line_position IS NOT DISTINCT FROM a.line_position
)
SELECT c.file_id,
       c.segment_position,
       c.triplet,
       c.claim_position,
       c.line_position,
       CASE WHEN c.line_position IS NULL THEN 'claim' ELSE 'line' END AS level,
       c.group_code,
       c.reason_code,
       c.amount,
       coalesce(x.category, 'unmapped') AS category,
       coalesce(k.is_denial, false) AS is_denial
FROM cas c
LEFT JOIN ref_carc_crosswalk x
  ON x.carc = c.reason_code
 AND x.group_code IN ('*', c.group_code)
 AND (x.rarc IS NULL OR list_contains(c.remarks, x.rarc))
 AND (x.payer_id IS NULL OR x.payer_id = c.payer_id)
 AND x.effective_from <= c.payment_date AND (x.effective_to IS NULL OR c.payment_date <= x.effective_to)
LEFT JOIN ref_denial_category k ON k.category = x.category
QUALIFY row_number() OVER (PARTITION BY c.file_id, c.segment_position, c.triplet
                           ORDER BY x.payer_id IS NOT NULL DESC, x.group_code <> '*' DESC, x.rarc IS NOT NULL DESC, x.effective_from DESC, x.rarc) = 1
