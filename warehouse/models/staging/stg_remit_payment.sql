-- grain: one 835 payment counted: every delivery of a remittance but the copies that repeat one loaded
-- before (stg_remit_repeat, kind 'duplicate'). Every model that counts remittance money reads the 835
-- through this one, so a remittance sent twice is counted once everywhere.
SELECT d.*
FROM stg_remit_delivery d
ANTI JOIN (SELECT file_id, transaction_position FROM stg_remit_repeat WHERE kind = 'duplicate') r USING (file_id, transaction_position)
