-- Ingest bookkeeping and the 835 remittance tables.
-- Every row of a remit_* table carries file_id and segment_position: join ingest_file for the batch,
-- the file name and the file's SHA-256. Positions count segments from 1 over the whole file.
-- Money is DECIMAL(18,2), exact. Keys are stated after each table and checked by tests, not enforced by
-- indexes: DuckDB's indexes would cost memory and append time on these bulk tables.

CREATE SEQUENCE ingest_batch_id START 1;
CREATE SEQUENCE ingest_file_id START 1;
CREATE SEQUENCE ingest_error_id START 1;

-- grain: one run of `rcm ingest`
CREATE TABLE ingest_batch (
  batch_id        BIGINT PRIMARY KEY,
  started_at      TIMESTAMP NOT NULL,
  finished_at     TIMESTAMP,
  files_loaded    INTEGER,
  files_skipped   INTEGER,
  files_rejected  INTEGER
);

-- grain: one file loaded into the warehouse (rejected files are in ingest_error instead)
CREATE TABLE ingest_file (
  file_id            BIGINT PRIMARY KEY,
  batch_id           BIGINT NOT NULL,
  file_name          VARCHAR NOT NULL,
  file_hash          VARCHAR NOT NULL UNIQUE,
  size_bytes         BIGINT NOT NULL,
  content_type       VARCHAR NOT NULL,
  encoding           VARCHAR,
  segment_count      BIGINT NOT NULL,
  transaction_count  INTEGER NOT NULL,
  claim_count        BIGINT NOT NULL,
  warning_count      BIGINT NOT NULL,
  loaded_at          TIMESTAMP NOT NULL
);

-- grain: one file (or, for CSV files, one row) that could not be loaded
CREATE TABLE ingest_error (
  error_id          BIGINT PRIMARY KEY,
  batch_id          BIGINT,
  file_name         VARCHAR NOT NULL,
  file_hash         VARCHAR,
  error_code        VARCHAR NOT NULL,
  segment_position  BIGINT,
  line_number       BIGINT,
  segment_text      VARCHAR,
  message           VARCHAR NOT NULL,
  hint              VARCHAR,
  raw_row           VARCHAR,
  recorded_at       TIMESTAMP NOT NULL
);

-- grain: one warning about a loaded file; subject_position is the segment of the row it concerns
-- (the payment's BPR, the claim's CLP, the line's SVC)
CREATE TABLE ingest_warning (
  file_id           BIGINT NOT NULL,
  segment_position  BIGINT,
  subject_position  BIGINT,
  warning_code      VARCHAR NOT NULL,
  message           VARCHAR NOT NULL,
  segment_text      VARCHAR
);

-- grain: one X12 transaction set (ST..SE) of any type, with its envelope
CREATE TABLE x12_transaction (
  file_id                      BIGINT NOT NULL,
  transaction_position         BIGINT NOT NULL,
  end_position                 BIGINT NOT NULL,
  transaction_type             VARCHAR NOT NULL,
  control_number               VARCHAR,
  implementation_reference     VARCHAR,
  interchange_control_number   VARCHAR,
  interchange_sender_qualifier VARCHAR,
  interchange_sender_id        VARCHAR,
  interchange_receiver_qualifier VARCHAR,
  interchange_receiver_id      VARCHAR,
  interchange_date             VARCHAR,
  interchange_time             VARCHAR,
  interchange_version          VARCHAR,
  usage_indicator              VARCHAR,
  group_functional_id          VARCHAR,
  group_control_number         VARCHAR,
  group_sender_code            VARCHAR,
  group_receiver_code          VARCHAR,
  group_date                   VARCHAR,
  group_version                VARCHAR
);  -- key: (file_id, transaction_position)

-- grain: one 835 transaction set = one payment (BPR/TRN) from one payer to one payee
CREATE TABLE remit_payment (
  file_id                      BIGINT NOT NULL,
  transaction_position         BIGINT NOT NULL,
  payment_position             BIGINT,
  handling_code                VARCHAR,
  amount                       DECIMAL(18,2),
  credit_debit                 VARCHAR,
  method                       VARCHAR,
  format                       VARCHAR,
  payment_date                 DATE,
  trace_type                   VARCHAR,
  trace_number                 VARCHAR,
  originator_id                VARCHAR,
  originator_supplemental_code VARCHAR,
  production_date              DATE,
  currency                     VARCHAR,
  payer_name                   VARCHAR,
  payer_id                     VARCHAR,
  payer_id_qualifier           VARCHAR,
  payee_name                   VARCHAR,
  payee_id_qualifier           VARCHAR,
  payee_id                     VARCHAR,
  payee_npi                    VARCHAR,
  payee_tax_id                 VARCHAR,
  claim_count                  INTEGER NOT NULL,
  claim_paid_total             DECIMAL(18,2) NOT NULL,
  provider_adjustment_total    DECIMAL(18,2) NOT NULL,
  is_balanced                  BOOLEAN
);  -- key: (file_id, transaction_position)

-- grain: one claim payment (CLP) on a remittance; reversals (status 22) are rows of their own
CREATE TABLE remit_claim (
  file_id                       BIGINT NOT NULL,
  claim_position                BIGINT NOT NULL,
  transaction_position          BIGINT NOT NULL,
  header_number                 VARCHAR,
  patient_control_number        VARCHAR NOT NULL,
  status_code                   VARCHAR NOT NULL,
  charge                        DECIMAL(18,2),
  paid                          DECIMAL(18,2),
  patient_responsibility        DECIMAL(18,2),
  filing_indicator              VARCHAR,
  payer_claim_number            VARCHAR,
  facility_type_code            VARCHAR,
  frequency_code                VARCHAR,
  drg_code                      VARCHAR,
  drg_weight                    DECIMAL(18,4),
  discharge_fraction            DECIMAL(18,4),
  is_reversal                   BOOLEAN NOT NULL,
  patient_last_name             VARCHAR,
  patient_first_name            VARCHAR,
  patient_middle_name           VARCHAR,
  patient_id_qualifier          VARCHAR,
  patient_id                    VARCHAR,
  insured_last_name             VARCHAR,
  insured_first_name            VARCHAR,
  insured_id_qualifier          VARCHAR,
  insured_id                    VARCHAR,
  corrected_patient_last_name   VARCHAR,
  corrected_patient_first_name  VARCHAR,
  corrected_patient_id          VARCHAR,
  rendering_provider_entity_type VARCHAR,
  rendering_provider_last_name  VARCHAR,
  rendering_provider_first_name VARCHAR,
  rendering_provider_id_qualifier VARCHAR,
  rendering_provider_id         VARCHAR,
  crossover_carrier_name        VARCHAR,
  crossover_carrier_id_qualifier VARCHAR,
  crossover_carrier_id          VARCHAR,
  corrected_payer_name          VARCHAR,
  corrected_payer_id            VARCHAR,
  other_subscriber_last_name    VARCHAR,
  other_subscriber_id           VARCHAR,
  statement_from                DATE,
  statement_to                  DATE,
  coverage_expiration           DATE,
  received_date                 DATE,
  inpatient_adjudication        VARCHAR,
  outpatient_adjudication       VARCHAR,
  line_count                    INTEGER NOT NULL,
  is_balanced                   BOOLEAN
);  -- key: (file_id, claim_position)

-- grain: one service line (SVC) of a claim payment
CREATE TABLE remit_service_line (
  file_id                       BIGINT NOT NULL,
  line_position                 BIGINT NOT NULL,
  claim_position                BIGINT NOT NULL,
  procedure_qualifier           VARCHAR,
  procedure_code                VARCHAR,
  modifier_1                    VARCHAR,
  modifier_2                    VARCHAR,
  modifier_3                    VARCHAR,
  modifier_4                    VARCHAR,
  procedure_description         VARCHAR,
  charge                        DECIMAL(18,2),
  paid                          DECIMAL(18,2),
  revenue_code                  VARCHAR,
  units                         DECIMAL(18,4) NOT NULL,
  original_procedure_qualifier  VARCHAR,
  original_procedure_code       VARCHAR,
  original_modifier_1           VARCHAR,
  original_modifier_2           VARCHAR,
  original_modifier_3           VARCHAR,
  original_modifier_4           VARCHAR,
  original_units                DECIMAL(18,4),
  service_date                  DATE,
  service_start                 DATE,
  service_end                   DATE,
  line_control_number           VARCHAR,  -- REF*6R
  allowed_amount                DECIMAL(18,2),  -- AMT*B6
  is_balanced                   BOOLEAN
);  -- key: (file_id, line_position)

-- grain: one adjustment triplet (group, reason, amount, quantity) of a CAS segment, claim or line level
CREATE TABLE remit_adjustment (
  file_id                BIGINT NOT NULL,
  segment_position       BIGINT NOT NULL,
  triplet                INTEGER NOT NULL,
  claim_position         BIGINT NOT NULL,
  line_position          BIGINT,
  level                  VARCHAR NOT NULL,
  group_code             VARCHAR NOT NULL,
  reason_code            VARCHAR NOT NULL,
  amount                 DECIMAL(18,2) NOT NULL,
  quantity               DECIMAL(18,4),
  claim_is_reversal      BOOLEAN NOT NULL
);  -- key: (file_id, segment_position, triplet)

-- grain: one reason/amount pair of a PLB segment
CREATE TABLE remit_provider_adjustment (
  file_id                BIGINT NOT NULL,
  segment_position       BIGINT NOT NULL,
  pair                   INTEGER NOT NULL,
  transaction_position   BIGINT NOT NULL,
  provider_id            VARCHAR,
  fiscal_period_date     DATE,
  reason_code            VARCHAR NOT NULL,
  reference              VARCHAR,
  amount                 DECIMAL(18,2) NOT NULL
);  -- key: (file_id, segment_position, pair)

-- grain: one REF segment; scope says whose it is (payment, payer, payee, claim, line). A line's first
-- REF*6R is remit_service_line.line_control_number instead.
CREATE TABLE remit_reference (
  file_id                BIGINT NOT NULL,
  segment_position       BIGINT NOT NULL,
  transaction_position   BIGINT NOT NULL,
  claim_position         BIGINT,
  line_position          BIGINT,
  scope                  VARCHAR NOT NULL,
  qualifier              VARCHAR NOT NULL,
  value                  VARCHAR NOT NULL
);  -- key: (file_id, segment_position)

-- grain: one AMT segment (informational amounts, not part of balancing). A line's first AMT*B6 is
-- remit_service_line.allowed_amount instead.
CREATE TABLE remit_amount (
  file_id                BIGINT NOT NULL,
  segment_position       BIGINT NOT NULL,
  claim_position         BIGINT NOT NULL,
  line_position          BIGINT,
  qualifier              VARCHAR NOT NULL,
  amount                 DECIMAL(18,2) NOT NULL
);  -- key: (file_id, segment_position)

-- grain: one QTY segment
CREATE TABLE remit_quantity (
  file_id                BIGINT NOT NULL,
  segment_position       BIGINT NOT NULL,
  claim_position         BIGINT NOT NULL,
  line_position          BIGINT,
  qualifier              VARCHAR NOT NULL,
  quantity               DECIMAL(18,4)
);  -- key: (file_id, segment_position)

-- grain: one remark code: MOA/MIA at claim level, LQ at line level
CREATE TABLE remit_remark (
  file_id                BIGINT NOT NULL,
  segment_position       BIGINT NOT NULL,
  claim_position         BIGINT NOT NULL,
  line_position          BIGINT,
  source                 VARCHAR NOT NULL,
  qualifier              VARCHAR NOT NULL,
  code                   VARCHAR NOT NULL
);
