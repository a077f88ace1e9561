-- grain: one rendering provider (NPI) of a claim, with the name to show for it and how many claims are
-- its. The name is the one the 837s give it most often, a tie going to the name sent latest; for a provider
-- no 837 names, the one its 835s give it (NM1*82: last name, first name) most often; else the NPI itself.
WITH named AS (
  SELECT rendering_provider_npi AS npi, 1 AS source, trim(rendering_provider_name) AS provider_name, count(*) AS uses,
         max(coalesce(submitted_date, DATE '0001-01-01')) AS last_used, max(file_id) AS last_file
  FROM stg_claim_submission
  WHERE rendering_provider_npi IS NOT NULL AND nullif(trim(rendering_provider_name), '') IS NOT NULL
  GROUP BY ALL
  UNION ALL
  SELECT rendering_provider_id, 2, concat_ws(', ', nullif(trim(rendering_provider_last_name), ''), nullif(trim(rendering_provider_first_name), '')), count(*),
         DATE '0001-01-01', max(file_id)
  FROM remit_claim
  WHERE rendering_provider_id_qualifier = 'XX' AND nullif(trim(rendering_provider_last_name), '') IS NOT NULL
  GROUP BY ALL
),
names AS (
  SELECT npi,
         arg_max(provider_name, (uses, last_used, last_file)) FILTER (WHERE source = 1) AS claim_name,
         arg_max(provider_name, (uses, last_used, last_file)) FILTER (WHERE source = 2) AS remittance_name
  FROM named
  GROUP BY npi
)
SELECT c.npi, coalesce(n.claim_name, n.remittance_name, c.npi) AS provider_name, c.claims
FROM (SELECT rendering_npi AS npi, count(*) AS claims FROM int_claim WHERE rendering_npi IS NOT NULL GROUP BY ALL) c
LEFT JOIN names n USING (npi)
