-- 837 claims: place of service and facility type in columns of their own. CLM05-1 is a place of service on
-- an 837P and a facility type code (the first two digits of the bill type) on an 837I; one column for both
-- showed an institutional claim's bill type 111 as place of service 11 (office).
--   claim.facility_code → claim.place_of_service (837P only; NULL for an 837I)
--   claim.facility_type_code (837I only), added last: the loader writes the columns in table order.
-- Claims loaded before are put right here: the claim type is the transaction's implementation guide
-- (ST03, else GS08: X222 / 4010 X098 professional, X223 / 4010 X096 institutional), where CLM05-2 had
-- decided it before (a 4010 837I with an empty CLM05-2, or an 837I with CLM05-2 B, loaded as professional).
ALTER TABLE claim RENAME COLUMN facility_code TO place_of_service;
ALTER TABLE claim ADD COLUMN facility_type_code VARCHAR;  -- 837I CLM05-1

UPDATE claim SET claim_type = g.claim_type
FROM (
  SELECT file_id, transaction_position,
         CASE WHEN regexp_matches(coalesce(implementation_reference, group_version, ''), 'X223|X096') THEN 'institutional'
              WHEN regexp_matches(coalesce(implementation_reference, group_version, ''), 'X222|X098') THEN 'professional' END AS claim_type
  FROM x12_transaction
  WHERE transaction_type = '837'
) g
WHERE g.file_id = claim.file_id AND g.transaction_position = claim.transaction_position
  AND g.claim_type IS NOT NULL AND g.claim_type <> claim.claim_type;

UPDATE claim
SET facility_type_code = place_of_service,
    place_of_service = NULL,
    bill_type = CASE WHEN place_of_service IS NOT NULL AND frequency_code IS NOT NULL THEN place_of_service || frequency_code END
WHERE claim_type = 'institutional';

UPDATE claim SET bill_type = NULL WHERE claim_type = 'professional' AND bill_type IS NOT NULL;

-- 277CA statuses: a status whose STC02 was not a date was loaded with none and fell out of every dated
-- count (a rejection so dated was never counted); it takes its file's date (GS04), as metrics.md dates an
-- acknowledgment and as the loader now does. ack_277ca_status.level may also be 'provider' (2200C: a
-- billing provider accepted or rejected as a whole, billing_provider_npi set, no patient control number).
UPDATE ack_277ca_status SET status_date = try_strptime(t.group_date, '%Y%m%d')::DATE
FROM x12_transaction t
WHERE t.file_id = ack_277ca_status.file_id AND t.transaction_position = ack_277ca_status.transaction_position
  AND ack_277ca_status.status_date IS NULL;
