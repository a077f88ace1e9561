-- grain: one primary 835 record (not a reversal, not a secondary's) of a claim that has a line underpaid beyond the
-- tolerance on any of its records (mart_expected_payment), with when it stands (from its date, until the reversal
-- that takes it back) and what its own lines left short: the underpaid work queue ranks these few claims' records
-- at an as-of date instead of every paid claim's. A record with nothing underpaid has 0 and no lines: when it is the
-- latest standing at D, the claim is not underpaid at D.
WITH claims AS (SELECT DISTINCT claim_id FROM mart_expected_payment WHERE status = 'underpaid')
SELECT e.claim_id, e.file_id, e.claim_position, any_value(e.adjudication_date) AS adjudication_date, any_value(e.reversed_date) AS reversed_date,
       coalesce(sum(e.underpaid_amount) FILTER (WHERE e.status = 'underpaid'), 0)::DECIMAL(18,2) AS underpaid_amount,
       string_agg(e.procedure_code || ' ' || e.underpaid_amount, ', ' ORDER BY e.line_in_claim) FILTER (WHERE e.status = 'underpaid') AS underpaid_lines
FROM mart_expected_payment e JOIN claims USING (claim_id)
GROUP BY e.claim_id, e.file_id, e.claim_position
