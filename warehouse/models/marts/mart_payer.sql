-- grain: one payer id seen on a claim (the claim's payer, or the payer an 837 sent it to) or on an 835
-- payment, with the name to show for it and how many claims are its. The name is the one its 837 claims
-- give it most often, a tie going to the name sent latest (the 837 carries the practice's own name for the
-- payer); for a payer never billed, the one its 835 payments give most often (the payer's name for
-- itself); else the id itself. A practice's payer profile names a payer before any file does: its display
-- name belongs first in the coalesce of payer_name below.
WITH named AS (
  SELECT payer_id, 1 AS source, payer_name, count(*) AS uses, max(coalesce(submitted_date, DATE '0001-01-01')) AS last_used, max(file_id) AS last_file
  FROM stg_claim_submission
  WHERE payer_id IS NOT NULL AND nullif(trim(payer_name), '') IS NOT NULL
  GROUP BY ALL
  UNION ALL
  SELECT payer_id, 2, payer_name, count(*), max(payment_date), max(file_id)
  FROM stg_remit_payment
  WHERE payer_id IS NOT NULL AND nullif(trim(payer_name), '') IS NOT NULL
  GROUP BY ALL
),
names AS (
  SELECT payer_id,
         arg_max(payer_name, (uses, last_used, last_file)) FILTER (WHERE source = 1) AS claim_name,
         arg_max(payer_name, (uses, last_used, last_file)) FILTER (WHERE source = 2) AS remittance_name
  FROM named
  GROUP BY payer_id
),
ids AS (
  SELECT payer_id FROM int_claim
  UNION SELECT payer_id FROM stg_claim_submission WHERE payer_id IS NOT NULL
  UNION SELECT payer_id FROM stg_remit_payment WHERE payer_id IS NOT NULL
)
SELECT ids.payer_id,
       coalesce(n.claim_name, n.remittance_name, ids.payer_id) AS payer_name,
       coalesce(c.claims, 0) AS claims
FROM ids
LEFT JOIN names n USING (payer_id)
LEFT JOIN (SELECT payer_id, count(*) AS claims FROM int_claim GROUP BY payer_id) c USING (payer_id)
