-- grain: one service line of an 835 claim record (or the record itself when it reports no lines), with
-- whether the payer denied it: its denial-category adjustments sum to more than zero, a claim-level one
-- applies to all its lines, and a record denied in full (CLP02 4, per ref_claim_status) denies every line ('unclassified' when no
-- denial adjustment says why). Categories and CARCs are those whose own amounts sum to more than zero.
WITH lines AS (
  SELECT a.file_id, a.claim_position, l.line_position, coalesce(l.line_in_claim, 1) AS line_in_claim,
         l.procedure_code, l.modifiers, coalesce(l.charge, a.charge) AS charge, coalesce(l.paid, a.paid) AS paid,
         l.line_control_number, a.is_denied_in_full
  FROM int_adjudication a
  LEFT JOIN stg_remit_line l USING (file_id, claim_position)
),
denial_reasons AS (
  -- line-level reasons on their line; claim-level reasons on every line of the record
  SELECT l.file_id, l.claim_position, l.line_in_claim, d.category, d.reason_code, sum(d.amount) AS amount
  FROM lines l
  JOIN stg_remit_adjustment d
    ON d.file_id = l.file_id AND d.claim_position = l.claim_position AND d.is_denial
   AND (d.line_position = l.line_position OR d.line_position IS NULL)
  GROUP BY ALL
),
reasons AS (
  SELECT file_id, claim_position, line_in_claim,
         list_sort(list_distinct(list(category))) AS categories,
         list_sort(list_distinct(list(reason_code))) AS carcs
  FROM denial_reasons
  WHERE amount > 0
  GROUP BY ALL
)
SELECT l.file_id, l.claim_position, l.line_position, l.line_in_claim, l.procedure_code, l.modifiers, l.charge, l.paid,
       l.line_control_number,
       r.categories IS NOT NULL OR l.is_denied_in_full AS is_denied,
       coalesce(r.categories, CASE WHEN l.is_denied_in_full THEN ['unclassified'] END) AS denial_categories,
       r.carcs AS denial_carcs
FROM lines l
LEFT JOIN reasons r USING (file_id, claim_position, line_in_claim)
