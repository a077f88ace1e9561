-- grain: one patient control number that two or more billing providers use (837 billing NPI, charges
-- export billing NPI). Their claims are kept apart as "PCN@NPI"; records of that number that name no
-- provider of it (a posting without a billing NPI, say) are in unmatched_record, to review.
SELECT s.patient_control_number,
       s.billing_npis,
       list(DISTINCT n.claim_number ORDER BY n.claim_number) FILTER (WHERE n.claim_number IS NOT NULL) AS claim_numbers,
       count(*) FILTER (WHERE n.claim_number IS NULL) AS records_without_provider
FROM shared_claim_number s
JOIN stg_claim_number n USING (patient_control_number)
GROUP BY ALL
