-- grain: one claim and one period [valid_from, valid_to) during which its balance did not change: the
-- total balance and the patient portion (the insurance portion is the difference), with the claim's
-- attributes the A/R metrics slice and age by. Answers "what did the claim owe on D" for any D: the row
-- with valid_from <= D < valid_to (valid_to NULL: still so today).
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
)
SELECT p.*, c.billing_npi, c.payer_id, c.is_self_pay, c.rendering_npi, c.location, c.service_date, c.first_submitted_date, c.first_adjudicated_date, c.charge
FROM periods p
JOIN mart_claim c USING (claim_id)
ORDER BY p.valid_from
