-- grain: one 835 payment (transaction set) as delivered: every file's copy of it, the same remittance sent
-- twice included (stg_remit_payment keeps one). When it was paid, how much, by which payer, to which
-- provider (the payee's NPI: the practice the money belongs to).
-- The payer is named by N1*PR N104 or, when the payer sends no id there, by REF*2U (payer identification).
-- A remittance without a payment date (BPR16) is dated by its production date (DTM*405), else its
-- functional group date (GS04), so that no adjudication is left without a date.
SELECT p.file_id,
       p.transaction_position,
       coalesce(p.payment_date, p.production_date, try_strptime(t.group_date, '%Y%m%d')::DATE) AS payment_date,
       p.amount AS payment_amount,
       p.trace_number,
       coalesce(p.payer_id, payer_ref.value) AS payer_id,
       p.payer_name,
       p.payee_npi
FROM remit_payment p
JOIN x12_transaction t USING (file_id, transaction_position)
LEFT JOIN (
  SELECT file_id, transaction_position, min(value) AS value
  FROM remit_reference
  WHERE scope = 'payer' AND qualifier = '2U'
  GROUP BY ALL
) payer_ref USING (file_id, transaction_position)
