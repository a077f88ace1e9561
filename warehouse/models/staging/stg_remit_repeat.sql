-- grain: one 835 payment whose payer and trace number (TRN02) a payment loaded before it (an earlier file, or
-- earlier in the same file) already carries. Clearinghouses send the same ERA again, in files that differ
-- only in their envelope: a 'duplicate' repeats the earlier payment's amount, credit/debit flag, payment
-- date (BPR16), payee and every claim record, service line, adjustment and PLB in the same order, and its
-- money is counted once (stg_remit_payment leaves it out). A 'conflict' shares the trace number but not
-- the content: it is counted (nobody can tell here which is right) and listed for a person to settle.
-- first_*: the payment repeated (a duplicate: the first identical one; a conflict: the first with that trace).
WITH candidates AS (
  SELECT file_id, transaction_position, payer_id, trace_number, payment_date
  FROM stg_remit_delivery
  WHERE trace_number IS NOT NULL
  QUALIFY count(*) OVER (PARTITION BY payer_id, trace_number) > 1
),
claims AS (
  SELECT c.file_id, c.transaction_position, c.claim_position
  FROM remit_claim c
  SEMI JOIN candidates k USING (file_id, transaction_position)
),
-- the remittance's money, segment by segment in file order (positions left out: the envelope may differ)
content AS (
  SELECT c.file_id, c.transaction_position, c.claim_position AS position, 0 AS part,
         row('CLP', r.patient_control_number, r.status_code, r.charge, r.paid, r.patient_responsibility, r.payer_claim_number)::VARCHAR AS text
  FROM claims c JOIN remit_claim r USING (file_id, claim_position)
  UNION ALL
  SELECT c.file_id, c.transaction_position, l.line_position, 0,
         row('SVC', l.procedure_code, l.modifier_1, l.modifier_2, l.modifier_3, l.modifier_4, l.charge, l.paid, l.units, l.service_date)::VARCHAR
  FROM claims c JOIN remit_service_line l USING (file_id, claim_position)
  UNION ALL
  SELECT c.file_id, c.transaction_position, a.segment_position, a.triplet,
         row('CAS', a.group_code, a.reason_code, a.amount, a.quantity)::VARCHAR
  FROM claims c JOIN remit_adjustment a USING (file_id, claim_position)
  UNION ALL
  SELECT a.file_id, a.transaction_position, a.segment_position, a.pair,
         row('PLB', a.reason_code, a.reference, a.amount)::VARCHAR
  FROM remit_provider_adjustment a
  SEMI JOIN candidates k USING (file_id, transaction_position)
),
hashes AS (
  SELECT file_id, transaction_position, md5(string_agg(text, chr(10) ORDER BY position, part)) AS content_hash
  FROM content
  GROUP BY ALL
),
payments AS (
  SELECT k.*, p.amount, p.credit_debit, p.payment_date AS paid_on, p.payee_npi, h.content_hash
  FROM candidates k
  JOIN remit_payment p USING (file_id, transaction_position)
  LEFT JOIN hashes h USING (file_id, transaction_position)
),
pairs AS (
  SELECT later.*,
         earlier.file_id AS first_file_id, earlier.transaction_position AS first_transaction_position, earlier.amount AS first_amount,
         earlier.amount IS NOT DISTINCT FROM later.amount AND earlier.credit_debit IS NOT DISTINCT FROM later.credit_debit
           AND earlier.paid_on IS NOT DISTINCT FROM later.paid_on AND earlier.payee_npi IS NOT DISTINCT FROM later.payee_npi
           AND earlier.content_hash IS NOT DISTINCT FROM later.content_hash AS same
  FROM payments later
  JOIN payments earlier
    ON earlier.payer_id IS NOT DISTINCT FROM later.payer_id AND earlier.trace_number = later.trace_number
   AND (earlier.file_id, earlier.transaction_position) < (later.file_id, later.transaction_position)
)
SELECT file_id,
       transaction_position,
       payer_id,
       trace_number,
       payment_date,
       amount AS payment_amount,
       CASE WHEN same THEN 'duplicate' ELSE 'conflict' END AS kind,
       first_file_id,
       first_transaction_position,
       first_amount AS first_payment_amount
FROM pairs
QUALIFY row_number() OVER (PARTITION BY file_id, transaction_position ORDER BY same DESC, first_file_id, first_transaction_position) = 1
