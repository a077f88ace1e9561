-- grain: one service line of an 835 primary record (int_remit_line_allowed) with what its payer's fee
-- schedule expected it to allow (metrics.md, "Expected payment"): the schedule's amount (stg_fee_schedule) for
-- the line's payer, procedure and date of service, the row for the line's first modifier when the schedule
-- prices it, else the row for any modifier, × units; NULL when no row prices it (no expectation, never
-- assumed right). variance = actual − expected. status: 'denied' (a denial, never an underpayment),
-- 'no_expectation', 'underpaid' (expected − actual > tolerance), 'overpaid' (actual − expected > tolerance),
-- 'as_expected'. The tolerance is the larger of an amount and a share of the expected allowed, the payer's
-- own row of ref_underpayment_tolerance, else the row for every payer ('*').
-- stg_fee_schedule holds at most one row per payer, code, modifier and date: each join finds one row or none
WITH priced AS (
  SELECT l.*, coalesce(own.allowed, anyone.allowed) AS schedule_allowed
  FROM int_remit_line_allowed l
  LEFT JOIN stg_fee_schedule own
    ON own.payer_id = l.payer_id AND own.procedure_code = l.procedure_code AND own.modifier = l.modifier_1
   AND own.effective_from <= l.service_date AND (own.effective_to IS NULL OR l.service_date <= own.effective_to)
  LEFT JOIN (SELECT * FROM stg_fee_schedule WHERE modifier IS NULL) anyone
    ON anyone.payer_id = l.payer_id AND anyone.procedure_code = l.procedure_code
   AND anyone.effective_from <= l.service_date AND (anyone.effective_to IS NULL OR l.service_date <= anyone.effective_to)
),
judged AS (
  SELECT p.*,
         round(p.schedule_allowed * p.units, 2)::DECIMAL(18,2) AS expected_allowed,
         coalesce(t.minimum_amount, d.minimum_amount, 0) AS minimum_amount,
         coalesce(t.percent_of_expected, d.percent_of_expected, 0) AS percent_of_expected
  FROM priced p
  LEFT JOIN ref_underpayment_tolerance t ON t.payer_id = p.payer_id
  LEFT JOIN ref_underpayment_tolerance d ON d.payer_id = '*'
),
toleranced AS (
  SELECT *, greatest(minimum_amount, expected_allowed * percent_of_expected * 0.01)::DECIMAL(18,4) AS tolerance
  FROM judged
)
SELECT claim_id, file_id, claim_position, line_position, line_in_claim,
       payer_id, billing_npi, rendering_npi, location,
       adjudication_date, adjudication_month, reversed_date, service_date,
       procedure_code, modifier_1, units,
       paid, patient_responsibility, sequestration, reported_allowed, actual_allowed,
       schedule_allowed, expected_allowed, (actual_allowed - expected_allowed)::DECIMAL(18,2) AS variance, tolerance,
       CASE WHEN is_denied THEN 'denied'
            WHEN expected_allowed IS NULL THEN 'no_expectation'
            WHEN expected_allowed - actual_allowed > tolerance THEN 'underpaid'
            WHEN actual_allowed - expected_allowed > tolerance THEN 'overpaid'
            ELSE 'as_expected' END AS status,
       CASE WHEN NOT is_denied AND expected_allowed - actual_allowed > tolerance THEN (expected_allowed - actual_allowed)::DECIMAL(18,2) ELSE 0::DECIMAL(18,2) END AS underpaid_amount
FROM toleranced
