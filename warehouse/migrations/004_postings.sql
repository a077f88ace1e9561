-- Practice-management exports: payment postings and charges, for practices that post by hand or do not
-- keep their 837s. row_key is the row's content (and its place among identical rows of its file): a
-- corrected file loaded again adds only the rows that were not there.

-- grain: one posting row: a patient or insurance payment, a refund, a write-off, a transfer, an adjustment
CREATE TABLE payment_posting (
  file_id           BIGINT NOT NULL,
  line_number       BIGINT NOT NULL,
  row_key           VARCHAR NOT NULL,
  claim_id          VARCHAR NOT NULL,     -- = 837 CLM01 / 835 CLP01
  posting_date      DATE NOT NULL,
  amount            DECIMAL(18,2) NOT NULL,
  posting_type      VARCHAR NOT NULL,     -- patient_payment, insurance_payment, refund, write_off, transfer, adjustment
  payer_or_patient  VARCHAR,
  reason_code       VARCHAR,
  reference         VARCHAR               -- check or EFT number
);  -- key: (file_id, line_number); row_key unique across files

-- grain: one charge (service line) row of a charges export
CREATE TABLE charge_line (
  file_id           BIGINT NOT NULL,
  line_number       BIGINT NOT NULL,
  row_key           VARCHAR NOT NULL,
  claim_id          VARCHAR NOT NULL,
  service_date      DATE NOT NULL,
  provider          VARCHAR,
  payer             VARCHAR,
  location          VARCHAR,
  procedure_code    VARCHAR NOT NULL,
  modifier_1        VARCHAR,
  modifier_2        VARCHAR,
  modifier_3        VARCHAR,
  modifier_4        VARCHAR,
  diagnosis_1       VARCHAR,
  diagnosis_2       VARCHAR,
  diagnosis_3       VARCHAR,
  diagnosis_4       VARCHAR,
  diagnoses         VARCHAR,              -- all of them, space separated
  units             DECIMAL(18,4) NOT NULL,
  charge            DECIMAL(18,2) NOT NULL
);  -- key: (file_id, line_number); row_key unique across files
