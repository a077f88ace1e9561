-- grain: one 835 claim payment record (CLP), under the claim it belongs to (the first claim of its
-- replacement chain), dated by the payment date of its remittance (metrics.md: adjudication date = BPR16).
SELECT r.file_id,
       r.claim_position,
       coalesce(chain.root, n.claim_number) AS claim_id,
       r.patient_control_number,
       p.payer_id,
       p.payee_npi,
       p.trace_number,
       p.payment_date AS adjudication_date,
       r.status_code,
       r.is_reversal,
       coalesce(r.charge, 0) AS charge,
       coalesce(r.paid, 0) AS paid,
       coalesce(r.patient_responsibility, 0) AS patient_responsibility,
       r.payer_claim_number,
       r.statement_from,
       r.filing_indicator
FROM remit_claim r
JOIN stg_remit_payment p USING (file_id, transaction_position)
JOIN stg_claim_number n ON n.source = '835' AND n.file_id = r.file_id AND n.position = r.claim_position
LEFT JOIN stg_claim_chain chain ON chain.claim_id = n.claim_number
WHERE n.claim_number IS NOT NULL  -- a shared number without its provider: listed in mart_unmatched_record
