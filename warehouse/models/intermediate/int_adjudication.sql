-- grain: one 835 claim payment record, with what it does to the claim's balance (metrics.md, "Claim
-- state"): payer adjustments outside a denial category reduce it, denied dollars stay open, patient
-- responsibility (PR) moves dollars to the patient portion. A record processed as secondary or tertiary
-- (CLP02 2 or 3, per ref_claim_status), or a reversal
-- from a payer other than the claim's, is a secondary payer's (a crossover): its OA 23 (prior payer) is
-- the primary's part, already counted; its payment and other adjustments reduce the patient portion too.
-- The claim's first adjudication is its earliest record that is neither a reversal nor a secondary's.
-- A reversal (CLP02 22) undoes an earlier record of the same claim and payer that paid the amount it takes
-- back: the k-th reversal of an amount needs k such records before it. One without (its original was never
-- loaded) is an orphan: it would reopen dollars no loaded record took off, so it changes no balance
-- (int_balance_event) and is listed as a data-quality problem (mart_remittance_problem); its cash counts.
WITH adjustments AS (
  SELECT file_id, claim_position,
         sum(amount) FILTER (WHERE group_code = 'PR') AS patient_responsibility,
         sum(amount) FILTER (WHERE group_code <> 'PR' AND NOT is_denial AND category <> 'prior_payer') AS payer_adjustment,
         sum(amount) FILTER (WHERE group_code <> 'PR' AND NOT is_denial AND category = 'prior_payer') AS prior_payer_adjustment,
         sum(amount) FILTER (WHERE group_code <> 'PR' AND is_denial) AS denied,
         sum(amount) FILTER (WHERE group_code <> 'PR' AND category = 'contractual') AS contractual
  FROM stg_remit_adjustment
  GROUP BY ALL
),
records AS (
  SELECT r.*,
         c.payer_id AS claim_payer_id,
         coalesce(s.processed_as IN ('secondary', 'tertiary'), false) OR (r.is_reversal AND r.payer_id IS DISTINCT FROM c.payer_id) AS is_secondary,
         coalesce(s.is_denied_in_full, false) AS is_denied_in_full,
         coalesce(a.patient_responsibility, 0) AS pr_amount,
         coalesce(a.payer_adjustment, 0) AS payer_adjustment,
         coalesce(a.prior_payer_adjustment, 0) AS prior_payer_adjustment,
         coalesce(a.denied, 0) AS denied,
         coalesce(a.contractual, 0) AS contractual
  FROM stg_remit_claim r
  JOIN int_claim c USING (claim_id)
  LEFT JOIN ref_claim_status s ON s.code = r.status_code
  LEFT JOIN adjustments a USING (file_id, claim_position)
),
paired AS (
  SELECT *,
         is_reversal AND sum(is_reversal::INTEGER) OVER taken > sum((NOT is_reversal)::INTEGER) OVER taken AS is_orphan_reversal
  FROM records
  WINDOW taken AS (PARTITION BY claim_id, payer_id, abs(paid) ORDER BY adjudication_date, file_id, claim_position ROWS UNBOUNDED PRECEDING)
)
SELECT file_id, claim_position, claim_id, payer_id, adjudication_date, status_code, is_reversal, is_orphan_reversal, is_secondary, is_denied_in_full,
       charge, paid, pr_amount::DECIMAL(18,2) AS patient_responsibility, denied::DECIMAL(18,2) AS denied, contractual::DECIMAL(18,2) AS contractual, payer_claim_number,
       -- a secondary's prior-payer adjustment is the primary's part; elsewhere (a primary sending OA 23) it reduces
       (payer_adjustment + CASE WHEN is_secondary THEN 0 ELSE prior_payer_adjustment END)::DECIMAL(18,2) AS balance_adjustment,
       CASE WHEN NOT is_reversal AND NOT is_secondary
            THEN row_number() OVER (PARTITION BY claim_id, is_reversal OR is_secondary ORDER BY adjudication_date, file_id, claim_position) = 1
            ELSE false END AS is_first
FROM paired
