-- grain: one practice-management posting: a patient payment, refund, write-off, insurance payment,
-- transfer or adjustment, signed as a positive amount, under the claim it belongs to. Whose dollars a
-- refund or write-off touches: the patient's when the export says so ('patient'), else the insurance side.
SELECT p.file_id,
       p.line_number,
       coalesce(chain.root, p.claim_id) AS claim_id,
       p.posting_date,
       p.posting_type,
       abs(p.amount) AS amount,
       p.posting_type = 'patient_payment' OR lower(trim(coalesce(p.payer_or_patient, ''))) = 'patient' AS is_patient_portion,
       p.reason_code
FROM payment_posting p
LEFT JOIN stg_claim_chain chain ON chain.claim_id = p.claim_id
