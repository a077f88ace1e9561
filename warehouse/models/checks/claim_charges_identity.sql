-- check: every claim's charges = insurance paid + payer adjustments + patient payments + write-offs − refunds + its balance today (patient responsibility moves within the balance)
WITH moved AS (
  SELECT claim_id,
         sum(total_change) FILTER (WHERE kind = 'charges') AS charges,
         -sum(total_change) FILTER (WHERE kind <> 'charges') AS settled
  FROM int_balance_event GROUP BY claim_id
),
latest AS (SELECT claim_id, total_balance FROM mart_claim_balance WHERE valid_to IS NULL)
SELECT m.claim_id, m.charges, m.settled, l.total_balance
FROM moved m JOIN latest l USING (claim_id)
WHERE coalesce(m.charges, 0) <> coalesce(m.settled, 0) + l.total_balance
