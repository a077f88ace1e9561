-- The claim ledger (rcm claim show) reads metrics.md as the models do (warehouse/models/intermediate/
-- int_adjudication.sql, int_balance_event.sql): a record processed as secondary or tertiary (ref_claim_status)
-- does not take the prior payer's adjustment (OA 23) off a second time; and a claim known from a charges
-- export but not from an 837 (a self-pay visit, a visit not billed yet) is charged on its date of service.

CREATE OR REPLACE VIEW claim_event_by_number AS
WITH submissions AS (
  SELECT c.file_id, c.claim_position AS position, c.patient_control_number, c.charge, c.frequency_code, s.submitted_date,
         r.kind AS resubmission_kind, r.original_patient_control_number
  FROM claim c
  JOIN claim_submission s USING (file_id, transaction_position)
  LEFT JOIN claim_resubmission r USING (file_id, claim_position)
)
SELECT patient_control_number AS claim_id,
       submitted_date AS event_date, 1 AS event_rank, '837' AS source,
       CASE resubmission_kind WHEN 'replacement' THEN 'replaced' WHEN 'void' THEN 'voided' WHEN 'resubmission' THEN 'resubmitted' ELSE 'submitted' END AS event,
       charge AS amount,
       'claim ' || patient_control_number || ', frequency ' || coalesce(frequency_code, '?') AS detail,
       file_id, position
FROM submissions
UNION ALL
SELECT m.patient_control_number, try_strptime(t.group_date, '%Y%m%d')::DATE, 2, '999',
       CASE WHEN m.is_rejected THEN 'rejected by the clearinghouse' ELSE 'accepted by the clearinghouse' END,
       NULL, '999 IK5 ' || coalesce(m.status, '?'), m.ack_file_id, m.set_position
FROM claim_ack_999 m
JOIN ack_999_set a ON a.file_id = m.ack_file_id AND a.set_position = m.set_position
JOIN x12_transaction t ON t.file_id = a.file_id AND t.transaction_position = a.transaction_position
UNION ALL
SELECT patient_control_number, status_date, 3, '277CA',
       CASE WHEN is_rejected THEN 'rejected by the payer' WHEN is_accepted THEN 'accepted by the payer' ELSE 'status from the payer' END,
       charge, '277CA ' || category || coalesce(':' || status_code, '') || coalesce(':' || entity, '') || coalesce(', payer claim ' || payer_claim_number, ''),
       file_id, segment_position
FROM ack_277ca_status
WHERE level = 'claim'
UNION ALL
SELECT r.patient_control_number, p.payment_date, 4, '835',
       CASE WHEN r.is_reversal THEN 'reversed'
            WHEN r.status_code = '4' THEN 'denied'
            WHEN r.status_code IN ('19', '20', '21') THEN 'paid and forwarded'
            WHEN r.status_code = '23' THEN 'not the payer''s claim'
            WHEN r.status_code = '25' THEN 'priced (predetermination)'
            WHEN r.paid > 0 THEN 'paid'
            ELSE 'adjudicated, nothing paid' END,
       r.paid,
       'status ' || r.status_code || ', charge ' || coalesce(r.charge::VARCHAR, '?') || ', patient responsibility ' || coalesce(r.patient_responsibility::VARCHAR, '0.00')
         || coalesce(', payer claim ' || r.payer_claim_number, '') || coalesce(', trace ' || p.trace_number, ''),
       r.file_id, r.claim_position
FROM remit_claim r
JOIN remit_payment p USING (file_id, transaction_position)
UNION ALL
SELECT claim_id, posting_date, 5, 'posting', replace(posting_type, '_', ' '), amount,
       coalesce(payer_or_patient, '') || coalesce(', ref ' || reference, '') || coalesce(', reason ' || reason_code, ''),
       file_id, line_number
FROM payment_posting
UNION ALL
SELECT claim_id, min(service_date), 0, 'charges', 'charged', sum(charge),
       'charges export, ' || count(*) || ' line' || CASE WHEN count(*) > 1 THEN 's' ELSE '' END,
       min(file_id), min(line_number)
FROM charge_line
GROUP BY claim_id;

CREATE OR REPLACE VIEW remit_claim_balance_effect AS
SELECT r.file_id, r.claim_position, r.charge, r.is_reversal, r.paid,
       coalesce(sum(a.amount) FILTER (WHERE a.group_code <> 'PR' AND NOT coalesce(k.is_denial, false)
                                    AND NOT (s.processed_as IN ('secondary', 'tertiary') AND k.category = 'prior_payer')), 0) AS payer_adjustment,
       coalesce(sum(a.amount) FILTER (WHERE a.group_code <> 'PR' AND coalesce(k.is_denial, false)), 0) AS denied,
       coalesce(sum(a.amount) FILTER (WHERE a.group_code = 'PR'), 0) AS patient_responsibility
FROM remit_claim r
JOIN remit_payment p USING (file_id, transaction_position)
LEFT JOIN ref_claim_status s ON s.code = r.status_code
LEFT JOIN remit_adjustment a ON a.file_id = r.file_id AND a.claim_position = r.claim_position
LEFT JOIN ref_carc_category k
  ON k.carc = a.reason_code AND (k.effective_from IS NULL OR k.effective_from <= p.payment_date) AND (k.effective_to IS NULL OR p.payment_date <= k.effective_to)
GROUP BY r.file_id, r.claim_position, r.charge, r.is_reversal, r.paid;

CREATE OR REPLACE VIEW claim_ledger AS
WITH events AS (
  SELECT e.*, b.charge AS remit_charge, b.is_reversal, b.paid, b.payer_adjustment, b.patient_responsibility, coalesce(b.denied, 0) AS denied,
         bool_or(e.source = '837') OVER (PARTITION BY e.claim_id) AS has_837,
         bool_or(e.source = 'charges') OVER (PARTITION BY e.claim_id) AS has_charges,
         CASE WHEN e.source = '835' AND NOT b.is_reversal
              THEN row_number() OVER (PARTITION BY e.claim_id, e.source, b.is_reversal ORDER BY e.event_date NULLS LAST, e.file_id, e.position) END AS adjudication_number
  FROM claim_event e
  LEFT JOIN remit_claim_balance_effect b ON e.source = '835' AND b.file_id = e.file_id AND b.claim_position = e.position
),
deltas AS (
  SELECT e.*,
         CASE
           WHEN e.source = '837' AND e.event = 'voided' THEN -coalesce(lag(e.amount) OVER submissions, 0)
           WHEN e.source = '837' THEN e.amount - coalesce(lag(e.amount) OVER submissions, 0)
           -- a claim billed without an 837 here is charged by its charges export, on its date of service
           WHEN e.source = 'charges' AND NOT e.has_837 THEN e.amount
           -- a claim known only from its remittances is charged CLP03 of its first record that is not a reversal
           WHEN e.source = '835' AND NOT e.has_837 AND NOT e.has_charges AND e.adjudication_number = 1 THEN e.remit_charge
           ELSE 0
         END AS charge_delta,
         CASE WHEN e.source = '835' THEN -(e.paid + e.payer_adjustment) ELSE 0 END AS insurance_delta,
         CASE WHEN e.source = '835' THEN e.patient_responsibility ELSE 0 END AS patient_responsibility_delta,
         CASE e.source WHEN 'posting' THEN
           CASE e.event WHEN 'refund' THEN abs(e.amount) WHEN 'transfer' THEN 0 WHEN 'adjustment' THEN -e.amount ELSE -abs(e.amount) END
         ELSE 0 END AS posting_delta
  FROM events e
  WINDOW submissions AS (PARTITION BY e.claim_id, e.source ORDER BY e.event_date NULLS LAST, e.file_id, e.position)
)
SELECT d.* EXCLUDE (remit_charge, is_reversal, paid, payer_adjustment, patient_responsibility, has_837, has_charges, adjudication_number) REPLACE (
         -- finer labels for adjudications: a payment after a reversal corrects it; a payment with denied
         -- dollars is partial; nothing paid with denied dollars is a denial whatever CLP02 says
         CASE
           WHEN d.source = '835' AND d.event = 'paid' AND lag(d.event) OVER adjudications = 'reversed' THEN 'corrected'
           WHEN d.source = '835' AND d.event = 'paid' AND d.denied > 0 THEN 'partially paid'
           WHEN d.source = '835' AND d.event = 'adjudicated, nothing paid' AND d.denied > 0 THEN 'denied'
           ELSE d.event
         END AS event),
       charge_delta + insurance_delta + posting_delta AS balance_delta,
       sum(charge_delta + insurance_delta + posting_delta) OVER (
         PARTITION BY claim_id ORDER BY event_date NULLS LAST, event_rank, file_id, position ROWS UNBOUNDED PRECEDING
       ) AS balance
FROM deltas d
WINDOW adjudications AS (PARTITION BY d.claim_id, d.source ORDER BY d.event_date NULLS LAST, d.file_id, d.position);
