-- grain: one 837 claim of a transaction set a 999 AK2 loop acknowledges, with that disposition. The
-- transaction set is found by its group (GS06 = AK102) and set (ST02 = AK202) control numbers; as these
-- repeat across senders and years, the 999 goes to one 837 only: the one sent by the 999's receiver, on or
-- before the 999's date, the latest such.
WITH candidates AS (
  SELECT a.file_id AS ack_file_id, a.set_position, a.status, a.is_rejected, t.file_id AS claim_file_id, t.transaction_position,
         row_number() OVER (
           PARTITION BY a.file_id, a.set_position
           ORDER BY (t.interchange_sender_id IS NOT DISTINCT FROM ack.interchange_receiver_id) DESC,
                    (s.submitted_date <= try_strptime(ack.group_date, '%Y%m%d')::DATE) DESC NULLS LAST,
                    s.submitted_date DESC NULLS LAST, t.file_id DESC
         ) AS preference
  FROM ack_999_set a
  JOIN x12_transaction ack ON ack.file_id = a.file_id AND ack.transaction_position = a.transaction_position
  JOIN x12_transaction t
    ON t.transaction_type = '837' AND t.group_control_number = a.acknowledged_group_control AND t.control_number = a.acknowledged_control_number
  LEFT JOIN claim_submission s ON s.file_id = t.file_id AND s.transaction_position = t.transaction_position
)
SELECT c.file_id AS claim_file_id, c.claim_position, c.patient_control_number,
       k.ack_file_id, k.set_position, k.status, k.is_rejected
FROM candidates k
JOIN claim c ON c.file_id = k.claim_file_id AND c.transaction_position = k.transaction_position
WHERE k.preference = 1
