-- grain: one ingested file and one practice (billing NPI) whose claims it carries: who may see the file,
-- its warnings (GET /api/ingest/batches, /api/ingest/files; a refused row and a remittance problem go by
-- the practice their row names, not their file's). An 837, 835, 277CA, posting or charges file belongs
-- to the practices of its claims; a 999 to those of the 837 it acknowledges; a 277CA also to each billing
-- provider it gives a provider-level status (2200C), so that a practice sees its provider's rejection. A file
-- with no claim (rejected, or an acknowledgment of nothing loaded) belongs to no practice: only an admin sees it.
WITH records AS (
  SELECT file_id, claim_id FROM stg_claim_submission
  UNION SELECT file_id, claim_id FROM stg_remit_claim
  UNION SELECT file_id, claim_id FROM stg_posting
  UNION SELECT file_id, claim_id FROM stg_charge
  UNION SELECT n.file_id, coalesce(chain.root, n.claim_number) FROM stg_claim_number n LEFT JOIN stg_claim_chain chain ON chain.claim_id = n.claim_number
        WHERE n.claim_number IS NOT NULL
  UNION SELECT m.ack_file_id, s.claim_id FROM stg_claim_ack_999 m JOIN stg_claim_submission s ON s.file_id = m.claim_file_id AND s.claim_position = m.claim_position
)
SELECT DISTINCT r.file_id, c.billing_npi
FROM records r
JOIN mart_claim c USING (claim_id)
WHERE c.billing_npi IS NOT NULL
UNION
SELECT file_id, billing_provider_npi FROM ack_277ca_status WHERE level = 'provider' AND billing_provider_npi IS NOT NULL
