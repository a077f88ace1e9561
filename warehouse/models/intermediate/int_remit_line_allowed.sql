-- grain: one service line of an 835 record that judges what the payer allowed (metrics.md, "Expected
-- payment"): a primary's record, neither a reversal nor a secondary's (a crossover pays the primary's
-- patient portion, not a contract). A record a later reversal takes back carries that reversal's date: a line
-- reversed and re-adjudicated is judged on the record that stands. Reversals pair with the records they undo
-- as in int_adjudication (same claim, payer and amount; the k-th reversal undoes the k-th record); orphan
-- reversals undo nothing. Actual allowed = the line's AMT*B6 when sent, else its paid amount + its patient
-- responsibility (PR, but PR 45) + sequestration (CO 253), from the line's own CAS (and, on a record of one line, the
-- claim's CAS too: some payers put the cost share there).
WITH ranked AS (
  SELECT file_id, claim_position, claim_id, payer_id, adjudication_date, is_reversal, is_orphan_reversal, is_secondary,
         row_number() OVER (PARTITION BY claim_id, payer_id, abs(paid), is_reversal ORDER BY adjudication_date, file_id, claim_position) AS k,
         abs(paid) AS amount
  FROM int_adjudication
  WHERE NOT is_orphan_reversal
),
reversed AS (
  SELECT o.file_id, o.claim_position, r.adjudication_date AS reversed_date
  FROM ranked o
  JOIN ranked r ON r.is_reversal AND r.claim_id = o.claim_id AND r.payer_id = o.payer_id AND r.amount = o.amount AND r.k = o.k
  WHERE NOT o.is_reversal
),
cas AS (
  -- PR 45 is the charge above an out-of-network allowance billed to the patient: not part of what was allowed
  SELECT file_id, claim_position, line_position,
         sum(amount) FILTER (WHERE group_code = 'PR' AND reason_code <> '45') AS patient_responsibility,
         sum(amount) FILTER (WHERE group_code = 'CO' AND reason_code = '253') AS sequestration
  FROM stg_remit_adjustment
  GROUP BY ALL
),
single_line AS (
  SELECT file_id, claim_position, min(line_position) AS line_position FROM int_adjudication_line GROUP BY ALL HAVING count(*) = 1
),
line_cas AS (
  -- a record of one line: the cost share and sequestration a payer put on the claim (CAS at claim level) are that line's
  SELECT file_id, claim_position, line_position, sum(patient_responsibility) AS patient_responsibility, sum(sequestration) AS sequestration
  FROM (
    SELECT file_id, claim_position, line_position, patient_responsibility, sequestration FROM cas WHERE line_position IS NOT NULL
    UNION ALL
    SELECT k.file_id, k.claim_position, o.line_position, k.patient_responsibility, k.sequestration
    FROM cas k JOIN single_line o USING (file_id, claim_position)
    WHERE k.line_position IS NULL
  )
  GROUP BY ALL
)
SELECT a.claim_id, a.file_id, a.claim_position, l.line_position, l.line_in_claim,
       a.payer_id, c.billing_npi, c.rendering_npi, c.location,
       a.adjudication_date, strftime(a.adjudication_date, '%Y-%m') AS adjudication_month, v.reversed_date,
       l.procedure_code, s.modifier_1, coalesce(s.units, 1) AS units, coalesce(s.service_date, c.service_date) AS service_date,
       l.paid, coalesce(m.patient_responsibility, 0)::DECIMAL(18,2) AS patient_responsibility, coalesce(m.sequestration, 0)::DECIMAL(18,2) AS sequestration,
       s.allowed_amount AS reported_allowed,
       coalesce(s.allowed_amount, l.paid + coalesce(m.patient_responsibility, 0) + coalesce(m.sequestration, 0))::DECIMAL(18,2) AS actual_allowed,
       l.is_denied
FROM int_adjudication a
JOIN int_adjudication_line l USING (file_id, claim_position)
JOIN stg_remit_line s ON s.file_id = l.file_id AND s.line_position = l.line_position
JOIN int_claim c ON c.claim_id = a.claim_id
LEFT JOIN reversed v ON v.file_id = a.file_id AND v.claim_position = a.claim_position
LEFT JOIN line_cas m ON m.file_id = l.file_id AND m.claim_position = l.claim_position AND m.line_position = l.line_position
WHERE NOT a.is_reversal AND NOT a.is_secondary
