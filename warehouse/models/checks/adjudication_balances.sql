-- check: on every 835 record that balanced in its file, charge = paid + every adjustment the models classified (non-denial, denied, patient responsibility, prior payer)
SELECT a.file_id, a.claim_position, a.claim_id, a.charge, a.paid, s.adjusted
FROM int_adjudication a
JOIN remit_claim r USING (file_id, claim_position)
JOIN (SELECT file_id, claim_position, sum(amount) AS adjusted FROM stg_remit_adjustment GROUP BY ALL) s USING (file_id, claim_position)
WHERE r.is_balanced AND a.charge <> a.paid + s.adjusted
