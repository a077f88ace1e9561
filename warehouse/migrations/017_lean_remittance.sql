-- The three largest remittance tables keep the columns most records fill; what a few records carry moves
-- to tables of its own, a row only where the segment was sent: DuckDB's cost of storing a row grows with
-- its columns, filled or not, and storing is the critical path of `rcm ingest`.
--   remit_claim: the claim's situational names (NM1 IL, 74, TT, PR, GB) → remit_claim_party; the MIA
--     and MOA segments as sent → remit_claim_adjudication_info; line_count (count the lines) dropped.
--   remit_service_line: SVC06/SVC07, the procedure and units as billed when the payer changed them →
--     remit_service_line_original.
--   remit_adjustment: level (line_position IS NULL says it) and claim_is_reversal (remit_claim says
--     it) dropped; stg_remit_adjustment still gives the level.
-- Rows moved from a warehouse loaded before this migration have no segment_position (NULL): the NM1
-- and MIA/MOA positions were not kept then.

-- grain: one NM1 of a claim payment other than the patient (QC) and the rendering provider (82), which
-- are columns of remit_claim. At most one per entity code and claim.
CREATE TABLE remit_claim_party (
  file_id                BIGINT NOT NULL,
  segment_position       BIGINT,
  claim_position         BIGINT NOT NULL,
  entity_code            VARCHAR NOT NULL,  -- NM101: IL insured, 74 corrected patient, TT crossover carrier, PR corrected payer, GB other subscriber
  entity_type            VARCHAR,           -- NM102: 1 person, 2 non-person
  last_name              VARCHAR,           -- NM103 (an organisation's name)
  first_name             VARCHAR,
  middle_name            VARCHAR,
  id_qualifier           VARCHAR,           -- NM108
  id                     VARCHAR            -- NM109
);  -- key: (file_id, claim_position, entity_code)

INSERT INTO remit_claim_party
SELECT file_id, NULL, claim_position, 'IL', NULL, insured_last_name, insured_first_name, NULL, insured_id_qualifier, insured_id
FROM remit_claim WHERE coalesce(insured_last_name, insured_first_name, insured_id_qualifier, insured_id) IS NOT NULL
UNION ALL
SELECT file_id, NULL, claim_position, '74', NULL, corrected_patient_last_name, corrected_patient_first_name, NULL, NULL, corrected_patient_id
FROM remit_claim WHERE coalesce(corrected_patient_last_name, corrected_patient_first_name, corrected_patient_id) IS NOT NULL
UNION ALL
SELECT file_id, NULL, claim_position, 'TT', NULL, crossover_carrier_name, NULL, NULL, crossover_carrier_id_qualifier, crossover_carrier_id
FROM remit_claim WHERE coalesce(crossover_carrier_name, crossover_carrier_id_qualifier, crossover_carrier_id) IS NOT NULL
UNION ALL
SELECT file_id, NULL, claim_position, 'PR', NULL, corrected_payer_name, NULL, NULL, NULL, corrected_payer_id
FROM remit_claim WHERE coalesce(corrected_payer_name, corrected_payer_id) IS NOT NULL
UNION ALL
SELECT file_id, NULL, claim_position, 'GB', NULL, other_subscriber_last_name, NULL, NULL, NULL, other_subscriber_id
FROM remit_claim WHERE coalesce(other_subscriber_last_name, other_subscriber_id) IS NOT NULL;

-- grain: one MIA (inpatient) or MOA (outpatient) adjudication segment of a claim payment, as sent; its
-- remark codes are also rows of remit_remark.
CREATE TABLE remit_claim_adjudication_info (
  file_id                BIGINT NOT NULL,
  segment_position       BIGINT,
  claim_position         BIGINT NOT NULL,
  kind                   VARCHAR NOT NULL,  -- inpatient (MIA), outpatient (MOA)
  segment_text           VARCHAR NOT NULL
);  -- key: (file_id, claim_position, kind)

INSERT INTO remit_claim_adjudication_info
SELECT file_id, NULL, claim_position, 'inpatient', inpatient_adjudication FROM remit_claim WHERE inpatient_adjudication IS NOT NULL
UNION ALL
SELECT file_id, NULL, claim_position, 'outpatient', outpatient_adjudication FROM remit_claim WHERE outpatient_adjudication IS NOT NULL;

-- grain: one service line whose SVC06 (procedure as billed) or SVC07 (units as billed) was sent
CREATE TABLE remit_service_line_original (
  file_id                BIGINT NOT NULL,
  line_position          BIGINT NOT NULL,
  claim_position         BIGINT NOT NULL,
  procedure_qualifier    VARCHAR,
  procedure_code         VARCHAR,
  modifier_1             VARCHAR,
  modifier_2             VARCHAR,
  modifier_3             VARCHAR,
  modifier_4             VARCHAR,
  units                  DECIMAL(18,4)
);  -- key: (file_id, line_position)

INSERT INTO remit_service_line_original
SELECT file_id, line_position, claim_position, original_procedure_qualifier, original_procedure_code,
       original_modifier_1, original_modifier_2, original_modifier_3, original_modifier_4, original_units
FROM remit_service_line
WHERE coalesce(original_procedure_qualifier, original_procedure_code, original_modifier_1, original_modifier_2,
               original_modifier_3, original_modifier_4, original_units::VARCHAR) IS NOT NULL;

ALTER TABLE remit_claim DROP COLUMN insured_last_name;
ALTER TABLE remit_claim DROP COLUMN insured_first_name;
ALTER TABLE remit_claim DROP COLUMN insured_id_qualifier;
ALTER TABLE remit_claim DROP COLUMN insured_id;
ALTER TABLE remit_claim DROP COLUMN corrected_patient_last_name;
ALTER TABLE remit_claim DROP COLUMN corrected_patient_first_name;
ALTER TABLE remit_claim DROP COLUMN corrected_patient_id;
ALTER TABLE remit_claim DROP COLUMN crossover_carrier_name;
ALTER TABLE remit_claim DROP COLUMN crossover_carrier_id_qualifier;
ALTER TABLE remit_claim DROP COLUMN crossover_carrier_id;
ALTER TABLE remit_claim DROP COLUMN corrected_payer_name;
ALTER TABLE remit_claim DROP COLUMN corrected_payer_id;
ALTER TABLE remit_claim DROP COLUMN other_subscriber_last_name;
ALTER TABLE remit_claim DROP COLUMN other_subscriber_id;
ALTER TABLE remit_claim DROP COLUMN inpatient_adjudication;
ALTER TABLE remit_claim DROP COLUMN outpatient_adjudication;
ALTER TABLE remit_claim DROP COLUMN line_count;

ALTER TABLE remit_service_line DROP COLUMN original_procedure_qualifier;
ALTER TABLE remit_service_line DROP COLUMN original_procedure_code;
ALTER TABLE remit_service_line DROP COLUMN original_modifier_1;
ALTER TABLE remit_service_line DROP COLUMN original_modifier_2;
ALTER TABLE remit_service_line DROP COLUMN original_modifier_3;
ALTER TABLE remit_service_line DROP COLUMN original_modifier_4;
ALTER TABLE remit_service_line DROP COLUMN original_units;

ALTER TABLE remit_adjustment DROP COLUMN level;
ALTER TABLE remit_adjustment DROP COLUMN claim_is_reversal;
