-- grain: one patient control number that two or more billing providers use (the 837's billing NPI, the
-- 835's payee NPI). Claims are identified by their patient control number (and replacement chain): a
-- billing company whose practices reuse numbers would see their claims merged, and this lists where.
WITH seen AS (
  SELECT claim_id, billing_provider_npi AS npi, '837' AS source FROM stg_claim_submission WHERE billing_provider_npi IS NOT NULL
  UNION
  SELECT claim_id, payee_npi, '835' FROM stg_remit_claim WHERE payee_npi IS NOT NULL
)
SELECT claim_id, list(DISTINCT npi ORDER BY npi) AS billing_npis, list(DISTINCT source ORDER BY source) AS sources
FROM seen
GROUP BY claim_id
HAVING count(DISTINCT npi) > 1
