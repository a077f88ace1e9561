-- grain: one record of any source that names a claim (837 claim, 835 claim payment, 277CA claim status,
-- posting, charge line), with its claim number: the patient control number, qualified "PCN@NPI" when two
-- billing providers use it (the claim_number view of migration 012, computed once per build). NULL: the
-- number is shared and the record names no provider of it; such records are listed in unmatched_record.
SELECT source, file_id, position, patient_control_number, billing_npi, claim_number FROM claim_number
