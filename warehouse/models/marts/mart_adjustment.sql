-- grain: one reduction of a claim's balance that is not a payment (metrics.md, "Adjustment classes"): a
-- payer adjustment or a write-off of int_balance_event with its class, dated; and one row per day a denial
-- write-off is recovered. amount is positive when it reduces the balance (a reversal's is negative).
-- A recovery is a credit a claim's money makes after its first denial write-off: the balance taken below
-- zero (up to the claim's denial write-offs in all) by money that came after the dollars were written off,
-- measured day by day beyond the credit the write-off's day ended with. It is class denial with a negative amount, so
-- that the class's sum is the denial write-offs net of later recoveries (the final denial rate's
-- numerator); a patient paying what was still theirs recovers nothing.
-- The claim's attributes are mart_claim's; a denial's categories, CARCs and CPTs are those of the claim's first
-- denial, the first adjudication that denied a line ('(unknown)' when none did: only the write-off's reason
-- says denial).
WITH classed AS (
  SELECT claim_id, kind, source, file_id, position, event_date, adjustment_class, -total_change AS amount
  FROM int_balance_event
  WHERE adjustment_class IS NOT NULL AND event_date IS NOT NULL
),
denial_written AS (
  SELECT claim_id, min(event_date) AS first_written_date, sum(amount) AS written
  FROM classed WHERE adjustment_class = 'denial' GROUP BY claim_id
),
daily_balance AS (
  SELECT d.claim_id, d.event_date, w.first_written_date, w.written,
         sum(d.change) OVER (PARTITION BY d.claim_id ORDER BY d.event_date) AS balance
  FROM (SELECT claim_id, event_date, sum(total_change) AS change FROM int_balance_event WHERE event_date IS NOT NULL GROUP BY ALL) d
  JOIN denial_written w USING (claim_id)
),
credit AS (
  -- the credit held between nothing and the write-offs, from the end of the first write-off's day on
  SELECT claim_id, event_date, greatest(least(-balance, written), 0) AS held
  FROM daily_balance WHERE event_date >= first_written_date
),
recovered AS (
  -- beyond the credit the write-off's day ended with (money that came before the dollars were written off)
  SELECT claim_id, event_date, greatest(held - first_value(held) OVER (PARTITION BY claim_id ORDER BY event_date), 0) AS recovered
  FROM credit
),
recoveries AS (
  SELECT claim_id, 'recovery' AS kind, 'recovery' AS source, NULL::BIGINT AS file_id, NULL::BIGINT AS position, event_date, 'denial' AS adjustment_class,
         -(recovered - lag(recovered) OVER (PARTITION BY claim_id ORDER BY event_date)) AS amount
  FROM recovered
),
reductions AS (
  SELECT * FROM classed
  UNION ALL
  SELECT claim_id, kind, source, file_id, position, event_date, adjustment_class, amount FROM recoveries WHERE amount <> 0  -- the first day's lag is NULL
)
SELECT r.claim_id, r.kind, r.source, r.file_id, r.position, r.event_date, strftime(r.event_date, '%Y-%m') AS event_month,
       r.adjustment_class, r.amount::DECIMAL(18,2) AS amount,
       c.payer_id, c.billing_npi, c.rendering_npi, c.location,
       CASE WHEN len(c.first_denial_record_categories) > 0 THEN c.first_denial_record_categories ELSE ['(unknown)'] END AS denial_categories,
       CASE WHEN len(c.first_denial_record_carcs) > 0 THEN c.first_denial_record_carcs ELSE ['(unknown)'] END AS denial_carcs,
       CASE WHEN len(c.first_denial_record_cpts) > 0 THEN c.first_denial_record_cpts ELSE ['(unknown)'] END AS denial_cpts
FROM reductions r
JOIN mart_claim c USING (claim_id)
