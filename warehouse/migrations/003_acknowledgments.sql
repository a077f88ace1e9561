-- Front-end acknowledgments: 999 (per transaction set of an 837 group) and 277CA (per claim).

-- grain: one AK2 loop of a 999: the disposition of one acknowledged transaction set
CREATE TABLE ack_999_set (
  file_id                     BIGINT NOT NULL,
  set_position                BIGINT NOT NULL,   -- the AK2
  transaction_position        BIGINT NOT NULL,   -- the 999's ST
  acknowledged_functional_id  VARCHAR,           -- AK101 (HC for 837)
  acknowledged_group_control  VARCHAR,           -- AK102 = GS06 of the 837 file
  acknowledged_version        VARCHAR,           -- AK103
  acknowledged_type           VARCHAR,           -- AK201 (837)
  acknowledged_control_number VARCHAR,           -- AK202 = ST02 of the 837 transaction set
  status                      VARCHAR,           -- IK501: A accepted, E accepted with errors, R rejected (M/W/X rejected)
  status_codes                VARCHAR,           -- IK502–IK506, space separated
  is_rejected                 BOOLEAN NOT NULL,
  error_count                 INTEGER NOT NULL
);  -- key: (file_id, set_position)

-- grain: one IK3 (segment), IK4 (element) or CTX (context) error of an AK2 loop
CREATE TABLE ack_999_error (
  file_id            BIGINT NOT NULL,
  segment_position   BIGINT NOT NULL,
  set_position       BIGINT NOT NULL,
  kind               VARCHAR NOT NULL,
  segment_id         VARCHAR,
  segment_in_set     VARCHAR,
  loop_id            VARCHAR,
  element_position   VARCHAR,
  element_reference  VARCHAR,
  error_code         VARCHAR,
  bad_value          VARCHAR
);  -- key: (file_id, segment_position)

-- grain: one AK9 of a 999: the disposition of one acknowledged functional group
CREATE TABLE ack_999_group (
  file_id                     BIGINT NOT NULL,
  segment_position            BIGINT NOT NULL,
  acknowledged_functional_id  VARCHAR,
  acknowledged_group_control  VARCHAR,
  status                      VARCHAR,           -- A, E, P (partially accepted), R
  sets_included               VARCHAR,
  sets_received               VARCHAR,
  sets_accepted               VARCHAR
);  -- key: (file_id, segment_position)

-- grain: one STC of a 277CA: for a claim, one of its lines, or the batch
CREATE TABLE ack_277ca_status (
  file_id                 BIGINT NOT NULL,
  segment_position        BIGINT NOT NULL,
  transaction_position    BIGINT NOT NULL,
  level                   VARCHAR NOT NULL,      -- claim, line or batch
  patient_control_number  VARCHAR,               -- TRN02 = 837 CLM01
  payer_claim_number      VARCHAR,               -- REF*1K
  clearinghouse_trace     VARCHAR,               -- REF*D9
  bill_type               VARCHAR,               -- REF*BLT
  category                VARCHAR NOT NULL,      -- STC01-1: A1/A2 accepted; A3/A4/A6/A7/A8 rejected
  status_code             VARCHAR,
  entity                  VARCHAR,
  status_date             DATE,
  action_code             VARCHAR,
  charge                  DECIMAL(18,2),
  additional_statuses     VARCHAR,
  service_date            DATE,
  line_control_number     VARCHAR,
  procedure_code          VARCHAR,
  is_rejected             BOOLEAN NOT NULL,
  is_accepted             BOOLEAN NOT NULL
);  -- key: (file_id, segment_position)

-- grain: one claim of the 837 transaction set a 999 AK2 loop acknowledges, with that disposition. The
-- transaction set is found by its group (GS06 = AK102) and set (ST02 = AK202) control numbers; as these
-- repeat across senders and years, the 999 goes to one 837 only: the one sent by the 999's receiver, on or
-- before the 999's date, the latest such.
CREATE VIEW claim_ack_999 AS
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
WHERE k.preference = 1;
