-- Claims as billed: 837P and 837I. Every row carries file_id and its segment position (join ingest_file
-- for the batch, file name and hash). Money is DECIMAL(18,2).

-- grain: one 837 transaction set = one submission of claims
CREATE TABLE claim_submission (
  file_id                BIGINT NOT NULL,
  transaction_position   BIGINT NOT NULL,
  submitted_date         DATE,          -- BHT04
  submission_reference   VARCHAR,       -- BHT03
  submitter_name         VARCHAR,
  submitter_id           VARCHAR,
  receiver_name          VARCHAR,
  receiver_id            VARCHAR,
  claim_count            INTEGER NOT NULL
);  -- key: (file_id, transaction_position)

-- grain: one claim (CLM) as billed; a resubmission is a row of its own
CREATE TABLE claim (
  file_id                        BIGINT NOT NULL,
  claim_position                 BIGINT NOT NULL,
  transaction_position           BIGINT NOT NULL,
  claim_type                     VARCHAR NOT NULL,   -- professional (837P) or institutional (837I)
  patient_control_number         VARCHAR NOT NULL,   -- CLM01 = 835 CLP01
  charge                         DECIMAL(18,2),
  facility_code                  VARCHAR,            -- 837P place of service; 837I facility type
  facility_code_qualifier        VARCHAR,
  frequency_code                 VARCHAR,            -- 1 original, 7 replacement, 8 void
  bill_type                      VARCHAR,            -- 837I: facility type + frequency
  original_payer_claim_number    VARCHAR,            -- REF*F8 (with frequency 7 and 8)
  prior_authorization            VARCHAR,            -- REF*G1
  clearinghouse_trace            VARCHAR,            -- REF*D9
  medical_record_number          VARCHAR,            -- REF*EA
  statement_from                 DATE,
  statement_to                   DATE,
  admission_date                 DATE,
  billing_provider_name          VARCHAR,
  billing_provider_npi           VARCHAR,
  billing_provider_tax_id        VARCHAR,
  billing_provider_taxonomy      VARCHAR,
  subscriber_last_name           VARCHAR,
  subscriber_first_name          VARCHAR,
  subscriber_member_id           VARCHAR,
  payer_responsibility           VARCHAR,            -- SBR01: P primary, S secondary, T tertiary ...
  subscriber_relationship        VARCHAR,            -- SBR02: 18 self
  group_number                   VARCHAR,
  filing_indicator               VARCHAR,            -- SBR09
  patient_last_name              VARCHAR,
  patient_first_name             VARCHAR,
  patient_birth_date             DATE,
  patient_gender                 VARCHAR,
  payer_name                     VARCHAR,
  payer_id                       VARCHAR,
  rendering_provider_name        VARCHAR,
  rendering_provider_npi         VARCHAR,
  referring_provider_npi         VARCHAR,
  attending_provider_npi         VARCHAR,
  service_facility_name          VARCHAR,
  line_count                     INTEGER NOT NULL,
  diagnosis_count                INTEGER NOT NULL
);  -- key: (file_id, claim_position)

-- grain: one diagnosis of a claim (HI), in the order pointers refer to
CREATE TABLE claim_diagnosis (
  file_id            BIGINT NOT NULL,
  claim_position     BIGINT NOT NULL,
  segment_position   BIGINT NOT NULL,
  sequence           INTEGER NOT NULL,
  qualifier          VARCHAR NOT NULL,   -- ABK/ABF (ICD-10-CM), BK/BF (ICD-9-CM), ABJ, APR, ABN
  code               VARCHAR NOT NULL,
  is_principal       BOOLEAN NOT NULL
);  -- key: (file_id, claim_position, sequence)

-- grain: one service line (SV1 or SV2) of a claim
CREATE TABLE claim_line (
  file_id               BIGINT NOT NULL,
  line_position         BIGINT NOT NULL,
  claim_position        BIGINT NOT NULL,
  line_number           VARCHAR,
  procedure_qualifier   VARCHAR,
  procedure_code        VARCHAR,
  modifier_1            VARCHAR,
  modifier_2            VARCHAR,
  modifier_3            VARCHAR,
  modifier_4            VARCHAR,
  revenue_code          VARCHAR,
  charge                DECIMAL(18,2),
  unit_basis            VARCHAR,
  units                 DECIMAL(18,4),
  place_of_service      VARCHAR,
  diagnosis_pointers    VARCHAR,    -- as billed, e.g. 1:2
  diagnosis_code_1      VARCHAR,    -- the pointers resolved to codes
  diagnosis_code_2      VARCHAR,
  diagnosis_code_3      VARCHAR,
  diagnosis_code_4      VARCHAR,
  service_date          DATE,
  service_date_end      DATE,
  line_control_number   VARCHAR,    -- REF*6R = 835 REF*6R
  rendering_provider_npi VARCHAR,
  non_covered_charge    DECIMAL(18,2)
);  -- key: (file_id, line_position)
