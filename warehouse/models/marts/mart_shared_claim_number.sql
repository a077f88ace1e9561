-- grain: one patient control number that two or more billing providers use (837 billing NPI, charges
-- export billing NPI). Their claims are kept apart as "PCN@NPI"; records of that number that name no
-- provider of it (a posting without a billing NPI, say) are in mart_unmatched_record, to review.
SELECT patient_control_number,
       any_value(shared_by) AS billing_npis,
       list(DISTINCT claim_number ORDER BY claim_number) FILTER (WHERE claim_number IS NOT NULL) AS claim_numbers,
       count(*) FILTER (WHERE claim_number IS NULL) AS records_without_provider
FROM stg_claim_number
WHERE shared_by IS NOT NULL
GROUP BY patient_control_number
