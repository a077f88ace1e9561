-- grain: one payer id seen on a claim (the claim's payer, or the payer an 837 sent it to), on an 835
-- payment or in a payer profile, with the name to show for it, how many claims are its, and its limits
-- (metrics.md, "Work queues"). Name and limits sit in this one model because every reader reads it whole
-- (a shared table: the practice scope names it), so a queue joins one table for both.
--
-- Name: the practice's payer profile's display name first; else the one its 837 claims give it most often,
-- a tie going to the name sent latest (the 837 carries the practice's own name for the payer); for a payer
-- never billed, the one its 835 payments give most often (the payer's name for itself); else the id itself.
--
-- Class: the most frequent payer class of the filing indicators of its claims (837 SBR09 as sent, 835 CLP06
-- of its records other than reversals; a self-pay claim counts as self_pay), a tie to the class first in
-- alphabetical order; 'other' when none says (a charges export's payer, a payer known only by its profile).
-- Limits: the payer's profile (stg_payer_profile, the file loaded last) when it has one, its follow-up days
-- the class default when the profile leaves them empty; else the class's reference defaults
-- (ref_payer_limits). Self-pay has no filing or appeal limit: NULL.
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
filed AS (
  SELECT payer_id, filing_indicator FROM stg_claim_submission WHERE payer_id IS NOT NULL
  UNION ALL
  SELECT payer_id, filing_indicator FROM stg_remit_claim WHERE payer_id IS NOT NULL AND NOT is_reversal
),
class_uses AS (
  SELECT filed.payer_id, f.payer_class, count(*) AS uses
  FROM filed JOIN ref_claim_filing_indicator f ON f.code = filed.filing_indicator
  GROUP BY ALL
  UNION ALL
  SELECT payer_id, 'self_pay', count(*) FROM int_claim WHERE is_self_pay GROUP BY ALL
),
classes AS (
  SELECT payer_id, arg_min(payer_class, (-uses, payer_class)) AS payer_class
  FROM (SELECT payer_id, payer_class, sum(uses) AS uses FROM class_uses GROUP BY ALL)
  GROUP BY payer_id
),
ids AS (
  SELECT payer_id FROM int_claim
  UNION SELECT payer_id FROM stg_claim_submission WHERE payer_id IS NOT NULL
  UNION SELECT payer_id FROM stg_remit_payment WHERE payer_id IS NOT NULL
  UNION SELECT payer_id FROM stg_payer_profile
)
SELECT ids.payer_id,
       coalesce(p.payer_name, n.claim_name, n.remittance_name, ids.payer_id) AS payer_name,
       coalesce(c.claims, 0) AS claims,
       coalesce(k.payer_class, 'other') AS payer_class,
       CASE WHEN p.file_id IS NULL THEN d.timely_filing_days ELSE p.timely_filing_days END AS timely_filing_days,
       CASE WHEN p.file_id IS NULL THEN d.appeal_days ELSE p.appeal_days END AS appeal_days,
       coalesce(p.follow_up_days, d.follow_up_days) AS follow_up_days,
       CASE WHEN p.file_id IS NULL THEN 'default' ELSE 'profile' END AS limits_source
FROM ids
LEFT JOIN names n USING (payer_id)
LEFT JOIN (SELECT payer_id, count(*) AS claims FROM int_claim GROUP BY payer_id) c USING (payer_id)
LEFT JOIN classes k USING (payer_id)
LEFT JOIN stg_payer_profile p USING (payer_id)
LEFT JOIN ref_payer_limits d ON d.payer_class = coalesce(k.payer_class, 'other')
