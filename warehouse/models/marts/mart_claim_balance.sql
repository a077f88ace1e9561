-- grain: one claim and one period [valid_from, valid_to) during which its balance did not change: the
-- total balance and the patient portion (the insurance portion is the difference), with the claim's
-- attributes the A/R metrics slice and age by. Answers "what did the claim owe on D" for any D: the row
-- with valid_from <= D < valid_to (valid_to NULL: still so today). A period of credit (a negative balance) says
-- since when the claim has been in credit without a break (negative_since); each period carries the claim's
-- latest work facts (int_claim_work_facts), so the work queues read one table.
WITH daily AS (
  SELECT claim_id, event_date, sum(total_change) AS total_change, sum(patient_change) AS patient_change
  FROM int_balance_event
  WHERE event_date IS NOT NULL
  GROUP BY ALL
),
periods AS (
  SELECT claim_id,
         event_date AS valid_from,
         lead(event_date) OVER (PARTITION BY claim_id ORDER BY event_date) AS valid_to,
         (sum(total_change) OVER (PARTITION BY claim_id ORDER BY event_date))::DECIMAL(18,2) AS total_balance,
         (sum(patient_change) OVER (PARTITION BY claim_id ORDER BY event_date))::DECIMAL(18,2) AS patient_balance
  FROM daily
),
credit_runs AS (
  SELECT *, CASE WHEN total_balance < 0
                 THEN coalesce(max(CASE WHEN total_balance >= 0 THEN valid_from END) OVER (PARTITION BY claim_id ORDER BY valid_from ROWS UNBOUNDED PRECEDING), DATE '0001-01-01')
            END AS credit_run
  FROM periods
)
SELECT p.claim_id, p.valid_from, p.valid_to, p.total_balance, p.patient_balance,
       CASE WHEN p.total_balance < 0 THEN min(p.valid_from) OVER (PARTITION BY p.claim_id, p.credit_run) END AS negative_since,
       c.billing_npi, c.payer_id, c.is_self_pay, c.rendering_npi, c.location, c.service_date, c.first_submitted_date, c.first_adjudicated_date, c.charge,
       f.last_submitted_date, f.last_ack_date,
       f.last_adjudicated_date, f.last_adjudication_denied, f.last_denial_categories, f.last_denial_carcs, f.last_denial_rarcs, f.first_remitted_date, f.facts_through
FROM credit_runs p
JOIN mart_claim c USING (claim_id)
LEFT JOIN int_claim_work_facts f USING (claim_id)
ORDER BY p.valid_from
