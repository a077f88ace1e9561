-- grain: one service line of a claim's first adjudication, with everything a billing lead slices denials
-- by: payer, rendering provider, location, procedure, modifiers, diagnosis (the line's first pointer, else
-- the claim's principal diagnosis), month, and the line's denial categories and CARCs.
WITH principal AS (
  SELECT s.claim_id, any_value(d.code) AS diagnosis_code
  FROM stg_claim_submission s JOIN claim_diagnosis d USING (file_id, claim_position)
  WHERE s.submission_number = 1 AND d.is_principal
  GROUP BY s.claim_id
),
billed_line AS (
  SELECT s.claim_id, l.line_control_number, any_value(l.diagnosis_code) AS diagnosis_code
  FROM stg_claim_submission s JOIN stg_claim_line l USING (file_id, claim_position)
  WHERE l.line_control_number IS NOT NULL
  GROUP BY ALL
)
SELECT a.claim_id, a.file_id, a.claim_position, l.line_position, l.line_in_claim,
       c.billing_npi, c.payer_id, c.rendering_npi, c.location,
       a.adjudication_date, strftime(a.adjudication_date, '%Y-%m') AS adjudication_month,
       l.procedure_code, l.modifiers, coalesce(b.diagnosis_code, p.diagnosis_code) AS diagnosis_code,
       l.charge, l.paid, l.is_denied, l.denial_categories, l.denial_carcs,
       coalesce(list_contains(m.first_denial_carcs, '18'), false) AS claim_denied_as_duplicate
FROM int_adjudication a
JOIN int_adjudication_line l USING (file_id, claim_position)
JOIN int_claim c USING (claim_id)
JOIN mart_claim m USING (claim_id)
LEFT JOIN billed_line b ON b.claim_id = a.claim_id AND b.line_control_number = l.line_control_number
LEFT JOIN principal p ON p.claim_id = a.claim_id
WHERE a.is_first
