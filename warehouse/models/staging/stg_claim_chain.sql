-- grain: one claim number that replaces, voids or resends another (stg_claim_resubmission), with the
-- first claim of its chain: the claim every record of the chain belongs to. A number missing here is its
-- own claim.
WITH RECURSIVE links AS (
  SELECT DISTINCT claim_number AS claim_id, original_claim_number AS parent
  FROM stg_claim_resubmission
  WHERE original_claim_number <> claim_number
),
walk(claim_id, root, depth) AS (
  SELECT claim_id, parent, 1 FROM links
  UNION ALL
  SELECT w.claim_id, l.parent, w.depth + 1 FROM walk w JOIN links l ON l.claim_id = w.root WHERE w.depth < 50
)
SELECT claim_id, arg_max(root, depth) AS root FROM walk GROUP BY claim_id
