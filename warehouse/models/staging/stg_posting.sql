-- grain: one practice-management posting: a patient payment, refund, write-off, insurance payment,
-- transfer or adjustment, signed as a positive amount, under the claim it belongs to. Whose dollars a
-- refund or write-off touches: the patient's when the export says so ('patient'), else the insurance side.
SELECT p.file_id,
       p.line_number,
       coalesce(chain.root, n.claim_number) AS claim_id,
       p.posting_date,
       p.posting_type,
       abs(p.amount) AS amount,
       p.posting_type = 'patient_payment' OR lower(trim(coalesce(p.payer_or_patient, ''))) = 'patient' AS is_patient_portion,
       p.reason_code
FROM payment_posting p
JOIN stg_claim_number n ON n.source = 'posting' AND n.file_id = p.file_id AND n.position = p.line_number
LEFT JOIN stg_claim_chain chain ON chain.claim_id = n.claim_number
WHERE n.claim_number IS NOT NULL  -- a shared number without its provider: listed in mart_unmatched_record
  AND p.posting_type <> 'statement'  -- a patient statement moves no money (the ledger shows it)
