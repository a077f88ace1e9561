-- check: every claim appears once in mart_claim and has at most one first adjudication, whatever reversals and corrections followed
SELECT claim_id, count(*) AS rows, NULL AS first_adjudications FROM mart_claim GROUP BY claim_id HAVING count(*) > 1
UNION ALL
SELECT claim_id, NULL, count(*) FROM int_adjudication WHERE is_first GROUP BY claim_id HAVING count(*) > 1
