-- grain: one movement of money (or of contractual allowance) on a date: insurance payments and the
-- contractual adjustments of each 835 claim record (reversals negative), patient payments and refunds
-- posted, and the remittance's own provider-level adjustments (PLB: interest paid to the practice,
-- recoupments taken back, other: the kinds of ref_provider_adjustment_reason). PLB amounts keep the payer's
-- sign: negative adds to the payment. A reversal whose original was never loaded (int_adjudication) takes
-- its payment back from the cash (the remittance's BPR02 is that much less) but no contractual allowance
-- that was never counted.
WITH movements AS (
  SELECT adjudication_date AS cash_date, payer_id, claim_id, 'insurance_paid' AS kind, paid AS amount FROM int_adjudication
  UNION ALL
  SELECT adjudication_date, payer_id, claim_id, 'contractual', contractual FROM int_adjudication WHERE contractual <> 0 AND NOT is_orphan_reversal
  UNION ALL
  SELECT posting_date, NULL, claim_id, CASE posting_type WHEN 'patient_payment' THEN 'patient_payment' ELSE 'refund' END, amount
  FROM stg_posting WHERE posting_type IN ('patient_payment', 'refund')
)
-- claim_payer_id: the payer of the claim the money belongs to (the rates by payer divide by its charges);
-- billing_npi: the practice it belongs to (the claim's, or for PLB money the remittance's payee)
SELECT m.cash_date, strftime(m.cash_date, '%Y-%m') AS cash_month, m.payer_id, m.claim_id, m.kind, m.amount::DECIMAL(18,2) AS amount, c.payer_id AS claim_payer_id,
       c.billing_npi
FROM movements m LEFT JOIN int_claim c USING (claim_id)
UNION ALL
SELECT p.payment_date, strftime(p.payment_date, '%Y-%m'), p.payer_id, NULL,
       CASE r.kind WHEN 'interest' THEN 'plb_interest' WHEN 'recoupment' THEN 'plb_recoupment' ELSE 'plb_other' END,
       a.amount::DECIMAL(18,2), p.payer_id, p.payee_npi
FROM remit_provider_adjustment a
JOIN stg_remit_payment p USING (file_id, transaction_position)
LEFT JOIN ref_provider_adjustment_reason r ON r.code = a.reason_code
