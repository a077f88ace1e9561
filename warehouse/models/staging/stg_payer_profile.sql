-- grain: one payer a payer-profile file names, with its row of the file loaded last. "Last" is load order:
-- the highest file_id (ingest_file's id, drawn from a sequence as files load; the files of one run in the
-- order the run loads them); a file naming a payer twice gives it its last line. The row replaces the
-- earlier ones whole: an empty name or follow-up in it means the files' name and the class default, not
-- an earlier file's value.
SELECT payer_id, payer_name, timely_filing_days, appeal_days, follow_up_days, file_id, line_number
FROM payer_profile
QUALIFY row_number() OVER (PARTITION BY payer_id ORDER BY file_id DESC, line_number DESC) = 1
