-- check: at every month end, (A/R − credit balances) rolls forward: the balances on that day sum to all balance changes dated on or before it, less the open balances of claims not yet served (which are not A/R)
WITH month_ends AS (
  SELECT DISTINCT last_day(event_date) AS d FROM int_balance_event WHERE event_date IS NOT NULL
),
balances AS (
  SELECT m.d, b.claim_id, b.total_balance, c.service_date
  FROM month_ends m JOIN mart_claim_balance b ON b.valid_from <= m.d AND (b.valid_to IS NULL OR b.valid_to > m.d)
  JOIN int_claim c USING (claim_id)
),
ar AS (
  SELECT d, sum(total_balance) FILTER (WHERE service_date <= d AND total_balance > 0) AS ar,
         coalesce(-sum(total_balance) FILTER (WHERE total_balance < 0), 0) AS credits,
         coalesce(sum(total_balance) FILTER (WHERE service_date > d AND total_balance > 0), 0) AS not_yet_served
  FROM balances GROUP BY d
),
changes AS (
  SELECT m.d, sum(e.total_change) AS changes FROM month_ends m JOIN int_balance_event e ON e.event_date <= m.d GROUP BY m.d
)
SELECT ar.d, ar.ar, ar.credits, ar.not_yet_served, changes.changes
FROM ar JOIN changes USING (d)
WHERE coalesce(ar.ar, 0) - ar.credits + ar.not_yet_served <> changes.changes
