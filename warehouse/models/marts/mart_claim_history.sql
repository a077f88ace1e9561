-- grain: one event of a claim's history, every source together (rcm claim show, /api/claims/:id): charged
-- (on the first date of service), submitted, resubmitted, replaced, voided (837), accepted or rejected by
-- the clearinghouse (999, with its rejection's reason codes) and by the payer (277CA), paid, partially paid, denied, reversed, corrected (835),
-- patient billed (a statement), patient payments, refunds, write-offs (postings). What an event does to the
-- balance is int_balance_event's change at the event's record, the one definition the metrics read, so the
-- balance after the last event of a date is the claim's balance on that date in every metric.
WITH changes AS (
  SELECT claim_id, source, file_id, position, sum(total_change) AS change
  FROM int_balance_event
  GROUP BY ALL
),
adjudications AS (
  SELECT a.*, r.trace_number, r.patient_responsibility AS pr_amount,
         lag(a.is_reversal) OVER (PARTITION BY a.claim_id ORDER BY a.adjudication_date, a.file_id, a.claim_position) AS follows_reversal
  FROM int_adjudication a
  JOIN stg_remit_claim r USING (file_id, claim_position)
),
events AS (
  SELECT claim_id, service_date AS event_date, 0 AS event_rank, CASE source WHEN 'charges export' THEN 'charges' ELSE source END AS source,
         'service' AS record, 'charged' AS event, charge AS amount,
         'date of service; the charge of the ' || CASE source WHEN '837' THEN 'first 837' WHEN 'charges export' THEN 'charges export' ELSE 'first 835 (CLP03)' END AS detail,
         charge_file_id AS file_id, charge_position AS position
  FROM int_claim
  WHERE service_date IS NOT NULL
  UNION ALL
  SELECT claim_id, submitted_date, 1, '837', '837',
         CASE WHEN frequency_code = '8' THEN 'voided' WHEN frequency_code = '7' THEN 'replaced' WHEN submission_number > 1 THEN 'resubmitted' ELSE 'submitted' END,
         charge, 'claim ' || patient_control_number || ', frequency ' || coalesce(frequency_code, '?'), file_id, claim_position
  FROM stg_claim_submission
  UNION ALL
  SELECT s.claim_id, try_strptime(t.group_date, '%Y%m%d')::DATE, 2, '999', '999',
         CASE WHEN m.is_rejected THEN 'rejected by the clearinghouse' ELSE 'accepted by the clearinghouse' END,
         NULL, '999 IK5 ' || coalesce(m.status, '?') || coalesce('; reasons ' || (
           SELECT string_agg(r.code, ', ' ORDER BY r.code) FROM int_rejection_reason r
           WHERE r.ack_file_id = m.ack_file_id AND r.ack_position = m.set_position AND r.file_id = s.file_id AND r.claim_position = s.claim_position), ''),
         m.ack_file_id, m.set_position
  FROM stg_claim_submission s
  JOIN stg_claim_ack_999 m ON m.claim_file_id = s.file_id AND m.claim_position = s.claim_position
  JOIN ack_999_set a ON a.file_id = m.ack_file_id AND a.set_position = m.set_position
  JOIN x12_transaction t ON t.file_id = a.file_id AND t.transaction_position = a.transaction_position
  UNION ALL
  SELECT coalesce(chain.root, n.claim_number), s.status_date, 3, '277CA', '277CA',
         CASE WHEN s.is_rejected THEN 'rejected by the payer' WHEN s.is_accepted THEN 'accepted by the payer' ELSE 'status from the payer' END,
         s.charge, '277CA ' || s.category || coalesce(':' || s.status_code, '') || coalesce(':' || s.entity, '') || coalesce(', payer claim ' || s.payer_claim_number, ''),
         s.file_id, s.segment_position
  FROM stg_claim_number n
  JOIN ack_277ca_status s ON s.file_id = n.file_id AND s.segment_position = n.position
  LEFT JOIN stg_claim_chain chain ON chain.claim_id = n.claim_number
  WHERE n.source = '277CA' AND n.claim_number IS NOT NULL
  UNION ALL
  SELECT claim_id, adjudication_date, 4, '835', '835',
         CASE WHEN is_reversal THEN 'reversed'
              WHEN status_code = '23' THEN 'not the payer''s claim'
              WHEN status_code = '25' THEN 'priced (predetermination)'
              WHEN paid > 0 AND follows_reversal THEN 'corrected'
              WHEN status_code IN ('19', '20', '21') THEN 'paid and forwarded'
              WHEN paid > 0 AND denied > 0 THEN 'partially paid'
              WHEN paid > 0 THEN 'paid'
              WHEN status_code = '4' OR denied > 0 THEN 'denied'
              ELSE 'adjudicated, nothing paid' END,
         paid,
         'status ' || coalesce(status_code, '(none)') || ', charge ' || charge::VARCHAR || ', patient responsibility ' || coalesce(pr_amount, 0)::DECIMAL(18,2)::VARCHAR
           || coalesce(', payer claim ' || payer_claim_number, '') || coalesce(', trace ' || trace_number, '')
           || CASE WHEN is_orphan_reversal THEN '; the payment it reverses was never loaded: not counted in the balance' ELSE '' END,
         file_id, claim_position
  FROM adjudications
  UNION ALL
  SELECT coalesce(chain.root, n.claim_number), p.posting_date, 5, 'posting', 'posting',
         CASE p.posting_type WHEN 'statement' THEN 'patient billed' ELSE replace(p.posting_type, '_', ' ') END,
         p.amount,
         concat_ws(', ', nullif(p.payer_or_patient, ''), 'ref ' || p.reference, 'reason ' || p.reason_code),
         p.file_id, p.line_number
  FROM stg_claim_number n
  JOIN payment_posting p ON p.file_id = n.file_id AND p.line_number = n.position
  LEFT JOIN stg_claim_chain chain ON chain.claim_id = n.claim_number
  WHERE n.source = 'posting' AND n.claim_number IS NOT NULL
)
SELECT e.claim_id, e.event_date, e.event_rank, e.source, e.event, e.amount::DECIMAL(18,2) AS amount, e.detail, e.file_id, e.position,
       coalesce(c.change, 0)::DECIMAL(18,2) AS balance_delta,
       sum(coalesce(c.change, 0)) OVER (
         PARTITION BY e.claim_id ORDER BY e.event_date NULLS LAST, e.event_rank, e.file_id, e.position ROWS UNBOUNDED PRECEDING
       )::DECIMAL(18,2) AS balance
FROM events e
-- record: the source of the change in int_balance_event ('service' for the charge on the date of service)
LEFT JOIN changes c ON c.claim_id = e.claim_id AND c.source = e.record AND c.file_id = e.file_id AND c.position = e.position
