-- grain: one loaded 835 payment or claim record a person should look at, with what the models count of it
-- and what to do: a remittance delivered again ('duplicate_remittance': its money is not counted again,
-- stg_remit_repeat), a payment that shares an earlier one's payer and trace number with other content
-- ('payment_conflict': counted), a reversal whose original was never loaded ('orphan_reversal': its cash
-- counts, nothing of it reaches the claim's balance, int_adjudication). `rcm errors` and
-- GET /api/ingest/remittance-problems list them. billing_npi: the practice a row belongs to, who may see it
-- (an 835 file may carry payments to several payees): a claim record's claim's practice; a payment's, the one
-- practice of all its claims (NULL when they are of several, or unknown: an admin's alone).
-- segment_position: the transaction set's ST (a payment) or the CLP (a claim record); first_*: the payment
-- it repeats or conflicts with.
WITH payment_practice AS (
  SELECT rc.file_id, rc.transaction_position,
         CASE WHEN count(DISTINCT c.billing_npi) = 1 AND count(c.billing_npi) = count(*) THEN any_value(c.billing_npi) END AS billing_npi
  FROM remit_claim rc
  JOIN stg_claim_number n ON n.source = '835' AND n.file_id = rc.file_id AND n.position = rc.claim_position
  LEFT JOIN stg_claim_chain chain ON chain.claim_id = n.claim_number
  LEFT JOIN mart_claim c ON c.claim_id = coalesce(chain.root, n.claim_number)
  SEMI JOIN stg_remit_repeat r ON r.file_id = rc.file_id AND r.transaction_position = rc.transaction_position
  GROUP BY rc.file_id, rc.transaction_position
),
problems AS (
  SELECT CASE kind WHEN 'duplicate' THEN 'duplicate_remittance' ELSE 'payment_conflict' END AS problem,
         file_id, transaction_position AS segment_position, NULL::VARCHAR AS claim_id, payer_id, trace_number, payment_date,
         payment_amount AS amount, first_file_id, first_transaction_position AS first_segment_position, first_payment_amount,
         pp.billing_npi
  FROM stg_remit_repeat
  LEFT JOIN payment_practice pp USING (file_id, transaction_position)
  UNION ALL
  SELECT 'orphan_reversal', a.file_id, a.claim_position, a.claim_id, a.payer_id, c.trace_number, a.adjudication_date,
         a.paid, NULL, NULL, NULL, mc.billing_npi
  FROM int_adjudication a
  JOIN stg_remit_claim c USING (file_id, claim_position)
  LEFT JOIN mart_claim mc ON mc.claim_id = a.claim_id
  WHERE a.is_orphan_reversal
)
SELECT p.problem,
       f.batch_id,
       p.file_id,
       f.file_name,
       p.segment_position,
       p.claim_id,
       p.payer_id,
       p.trace_number,
       p.payment_date,
       p.amount,
       p.first_file_id,
       first.file_name AS first_file_name,
       p.first_segment_position,
       p.billing_npi,
       CASE p.problem WHEN 'duplicate_remittance' THEN 'not counted' WHEN 'payment_conflict' THEN 'counted' ELSE 'cash only' END AS counted,
       CASE p.problem
         WHEN 'duplicate_remittance' THEN
           'payment ' || p.trace_number || ' of ' || p.amount::VARCHAR || ' from payer ' || coalesce(p.payer_id, '(no id)')
           || ' repeats, claim for claim, the remittance loaded from ' || first.file_name || ' (transaction at segment '
           || p.first_segment_position::VARCHAR || '): its money is counted once, from that file'
         WHEN 'payment_conflict' THEN
           'payment ' || p.trace_number || ' from payer ' || coalesce(p.payer_id, '(no id)') || ' was loaded from ' || first.file_name
           || ' (transaction at segment ' || p.first_segment_position::VARCHAR || ') with other content ('
           || CASE WHEN p.amount IS DISTINCT FROM p.first_payment_amount
                   THEN coalesce(p.first_payment_amount::VARCHAR, 'no amount') || ' there, ' || coalesce(p.amount::VARCHAR, 'no amount') || ' here'
                   ELSE 'the same amount, but its claims, date or payee differ' END
           || '): both are counted'
         ELSE
           'reversal (CLP02 22) of claim ' || p.claim_id || ' taking back ' || (-p.amount)::VARCHAR || ' from payer ' || coalesce(p.payer_id, '(no id)')
           || coalesce(' (payment ' || p.trace_number || ')', '') || ': no earlier payment of that amount by this payer for this claim is loaded,'
           || ' so it is not counted in the claim''s balance (its cash is)'
       END AS message,
       CASE p.problem
         WHEN 'duplicate_remittance' THEN 'Nothing to undo: the same ERA was sent again. The file stays recorded, so loading it again is skipped.'
         WHEN 'payment_conflict' THEN 'Compare both remittances with the deposit of this trace number and ask the payer which one stands: both count until the payer reverses the claims paid twice.'
         ELSE 'Load the 835 that carried the original payment: the reversal then counts against it.'
       END AS hint
FROM problems p
JOIN ingest_file f ON f.file_id = p.file_id
LEFT JOIN ingest_file first ON first.file_id = p.first_file_id
