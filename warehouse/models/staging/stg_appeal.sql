-- grain: one appeal of a claim at one level, from the appeal log loaded last that names it (a later log's
-- row for the same claim and level replaces the earlier one whole; a log naming it twice gives its last
-- line). The claim is named as every source names it (stg_claim_number, stg_claim_chain); a row whose
-- number is shared and names no provider of it is left out, never guessed.
SELECT coalesce(chain.root, n.claim_number) AS claim_id, a.level, a.appeal_date, a.outcome, a.outcome_date, a.file_id, a.line_number
FROM appeal_log a
JOIN stg_claim_number n ON n.source = 'appeal' AND n.file_id = a.file_id AND n.position = a.line_number
LEFT JOIN stg_claim_chain chain ON chain.claim_id = n.claim_number
WHERE n.claim_number IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY coalesce(chain.root, n.claim_number), a.level ORDER BY a.file_id DESC, a.line_number DESC) = 1
