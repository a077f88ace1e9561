-- grain: one dated change to a claim's balance (metrics.md, "Claim state at an as-of date D"), split into
-- what it does to the total balance and to the patient portion, with the roll-forward class it belongs to:
-- charges (on the first date of service), insurance paid and payer adjustments (on the adjudication date),
-- patient payments, write-offs and refunds (on the posting date). A self-pay claim's dollars are all the
-- patient's. A posting of an insurance payment counts as insurance paid; a manual adjustment as a payer
-- adjustment; a transfer moves nothing. A later 837 that bills another charge (a replacement) changes the
-- charges by the difference on its submission date; a void (frequency 8) takes the charge off, and a claim
-- sent again after it puts it back. A reversal whose original was never loaded changes nothing
-- (int_adjudication: an orphan reversal).
-- adjustment_class (metrics.md, "Adjustment classes"; ref_adjustment_class): on payer adjustments and
-- write-offs, the class of the reduction. A payer adjustment outside a denial category is contractual; a
-- posting's class is its reason's in the practice's own mapping (posting_reason_mapping), else its type's and
-- reason's in ref_posting_reason_class (the reason trimmed and upper-cased);
-- a write-off whose reason matches none is unclassified (a data-quality count, never guessed), a manual
-- adjustment whose reason matches none is contractual (the posting type says it is the payer's).
-- source, file_id, position: the record the change comes from ('service' for the charge on the date of
-- service, from the record int_claim takes the charge from); the claim history (mart_claim_history) shows
-- each change at its record, so that the history and the metrics read one definition.
WITH billed AS (
  SELECT claim_id, file_id, claim_position, submitted_date, submission_number,
         CASE WHEN frequency_code = '8' THEN 0 ELSE charge END AS billed
  FROM stg_claim_submission
),
rebilled AS (
  SELECT claim_id, file_id, claim_position, submitted_date, submission_number,
         billed - lag(billed) OVER (PARTITION BY claim_id ORDER BY submission_number) AS change
  FROM billed
)
SELECT claim_id, event_date, kind, total_change::DECIMAL(18,2) AS total_change, patient_change::DECIMAL(18,2) AS patient_change,
       source, file_id, position, adjustment_class
FROM (
SELECT claim_id, service_date AS event_date, 'charges' AS kind, charge AS total_change,
       CASE WHEN is_self_pay THEN charge ELSE 0 END AS patient_change,
       'service' AS source, charge_file_id AS file_id, charge_position AS position, NULL AS adjustment_class
FROM int_claim
WHERE service_date IS NOT NULL
UNION ALL
SELECT r.claim_id, r.submitted_date, 'charges', r.change, 0, '837', r.file_id, r.claim_position, NULL
FROM rebilled r
JOIN int_claim c USING (claim_id)
WHERE r.submission_number > 1 AND r.change <> 0 AND c.service_date IS NOT NULL
UNION ALL
SELECT claim_id, adjudication_date, 'insurance_paid', -paid,
       CASE WHEN is_secondary THEN -paid ELSE 0 END,
       '835', file_id, claim_position, NULL
FROM int_adjudication
WHERE NOT is_orphan_reversal
UNION ALL
SELECT claim_id, adjudication_date, 'payer_adjustments', -balance_adjustment,
       CASE WHEN is_secondary THEN -balance_adjustment ELSE patient_responsibility END,
       '835', file_id, claim_position, 'contractual'
FROM int_adjudication
WHERE NOT is_orphan_reversal
UNION ALL
SELECT p.claim_id, p.posting_date,
       CASE p.posting_type WHEN 'patient_payment' THEN 'patient_payments' WHEN 'refund' THEN 'refunds' WHEN 'write_off' THEN 'write_offs'
                           WHEN 'insurance_payment' THEN 'insurance_paid' WHEN 'adjustment' THEN 'payer_adjustments' ELSE 'transfers' END,
       CASE p.posting_type WHEN 'refund' THEN p.amount WHEN 'transfer' THEN 0 ELSE -p.amount END,
       CASE WHEN NOT (p.is_patient_portion OR c.is_self_pay) OR p.posting_type IN ('transfer', 'insurance_payment', 'adjustment') THEN 0
            WHEN p.posting_type = 'refund' THEN p.amount ELSE -p.amount END,
       'posting', p.file_id, p.line_number,
       CASE p.posting_type WHEN 'write_off' THEN coalesce(m.class, k.class, 'unclassified') WHEN 'adjustment' THEN coalesce(m.class, k.class, 'contractual') END
FROM stg_posting p
JOIN int_claim c USING (claim_id)
LEFT JOIN posting_reason_mapping m ON m.reason_code = upper(trim(p.reason_code))
LEFT JOIN ref_posting_reason_class k ON k.posting_type = p.posting_type AND k.reason_code = upper(trim(p.reason_code))
)
