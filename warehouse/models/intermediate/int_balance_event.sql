-- grain: one dated change to a claim's balance (metrics.md, "Claim state at an as-of date D"), split into
-- what it does to the total balance and to the patient portion, with the roll-forward class it belongs to:
-- charges (on the first date of service), insurance paid and payer adjustments (on the adjudication date),
-- patient payments, write-offs and refunds (on the posting date). A self-pay claim's dollars are all the
-- patient's. A posting of an insurance payment counts as insurance paid; a manual adjustment as a payer
-- adjustment; a transfer moves nothing.
SELECT claim_id, event_date, kind, total_change::DECIMAL(18,2) AS total_change, patient_change::DECIMAL(18,2) AS patient_change
FROM (
SELECT claim_id, service_date AS event_date, 'charges' AS kind, charge AS total_change,
       CASE WHEN is_self_pay THEN charge ELSE 0 END AS patient_change
FROM int_claim
WHERE service_date IS NOT NULL
UNION ALL
SELECT claim_id, adjudication_date, 'insurance_paid', -paid,
       CASE WHEN is_secondary THEN -paid ELSE 0 END
FROM int_adjudication
UNION ALL
SELECT claim_id, adjudication_date, 'payer_adjustments', -balance_adjustment,
       CASE WHEN is_secondary THEN -balance_adjustment ELSE patient_responsibility END
FROM int_adjudication
UNION ALL
SELECT p.claim_id, p.posting_date,
       CASE p.posting_type WHEN 'patient_payment' THEN 'patient_payments' WHEN 'refund' THEN 'refunds' WHEN 'write_off' THEN 'write_offs'
                           WHEN 'insurance_payment' THEN 'insurance_paid' WHEN 'adjustment' THEN 'payer_adjustments' ELSE 'transfers' END,
       CASE p.posting_type WHEN 'refund' THEN p.amount WHEN 'transfer' THEN 0 ELSE -p.amount END,
       CASE WHEN NOT (p.is_patient_portion OR c.is_self_pay) OR p.posting_type IN ('transfer', 'insurance_payment', 'adjustment') THEN 0
            WHEN p.posting_type = 'refund' THEN p.amount ELSE -p.amount END
FROM stg_posting p
JOIN int_claim c USING (claim_id)
)
