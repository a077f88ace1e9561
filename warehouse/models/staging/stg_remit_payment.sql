-- grain: one 835 payment (transaction set): when it was paid, how much, by which payer.
-- The payer is named by N1*PR N104 or, when the payer sends no id there, by REF*2U (payer identification).
SELECT p.file_id,
       p.transaction_position,
       p.payment_date,
       p.amount AS payment_amount,
       p.trace_number,
       coalesce(p.payer_id, payer_ref.value) AS payer_id,
       p.payer_name
FROM remit_payment p
LEFT JOIN (
  SELECT file_id, transaction_position, min(value) AS value
  FROM remit_reference
  WHERE scope = 'payer' AND qualifier = '2U'
  GROUP BY ALL
) payer_ref USING (file_id, transaction_position)
