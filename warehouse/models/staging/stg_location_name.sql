-- grain: one location as a charges export writes it (a short code such as "MAIN"), with the name the 837s
-- give the same place (their service facility, else billing provider name): the name of that location on
-- the 837s of the claims that the export and an 837 both carry, the most frequent (a tie: the first in
-- alphabetical order). A claim known only from the export is then shown where its billed neighbours are,
-- under one name; a code no 837 claim shares keeps its own.
WITH pairs AS (
  SELECT e.location AS code, s.location AS name, count(DISTINCT e.claim_id) AS claims
  FROM stg_charge e
  JOIN stg_claim_submission s ON s.claim_id = e.claim_id AND s.submission_number = 1
  WHERE e.location IS NOT NULL AND s.location IS NOT NULL
  GROUP BY ALL
)
SELECT code, name, claims
FROM (SELECT *, row_number() OVER (PARTITION BY code ORDER BY claims DESC, name) AS choice FROM pairs)
WHERE choice = 1
