-- Payer limits (metrics.md, "Work queues"): timely-filing days (from the date of service), appeal days (from
-- the denial's 835 date) and follow-up days (no answer after a submission). Reference defaults per payer
-- class; a practice's own values per payer come from payer-profile CSV files, and mart_payer says which
-- one each payer uses.

-- grain: one payer class (ref_claim_filing_indicator.payer_class) and its typical limits; empty: no limit
CREATE TABLE ref_payer_limits (
  payer_class         VARCHAR NOT NULL,
  label               VARCHAR NOT NULL,
  timely_filing_days  INTEGER,
  appeal_days         INTEGER,
  follow_up_days      INTEGER,
  basis               VARCHAR NOT NULL  -- where the typical value comes from
);  -- key: (payer_class)

-- grain: one row of a payer-profile file (header payer_id,payer_name,timely_filing_days,appeal_days,
-- follow_up_days); stg_payer_profile picks each payer's row of the file loaded last
CREATE TABLE payer_profile (
  file_id             BIGINT NOT NULL,
  line_number         BIGINT NOT NULL,
  payer_id            VARCHAR NOT NULL,
  payer_name          VARCHAR,            -- empty: the name the payer's files give it
  timely_filing_days  INTEGER NOT NULL,
  appeal_days         INTEGER NOT NULL,
  follow_up_days      INTEGER             -- empty: the payer class's default
);  -- key: (file_id, line_number)
