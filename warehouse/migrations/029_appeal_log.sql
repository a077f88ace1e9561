-- The appeal log (metrics.md: days_to_appeal): the appeals a practice's practice-management system records,
-- one CSV row per appeal of a claim at one level (header claim_id, appeal_date, level, outcome; optional
-- outcome_date, billing_npi). Loaded like any export; stg_appeal keeps, for each claim and level, the row
-- of the log loaded last.

-- grain: one row of an appeal-log file
CREATE TABLE appeal_log (
  file_id       BIGINT NOT NULL,
  line_number   BIGINT NOT NULL,
  claim_id      VARCHAR NOT NULL,   -- the patient control number, as the other exports name a claim
  appeal_date   DATE NOT NULL,
  level         INTEGER NOT NULL,   -- 1 (first level: redetermination, reconsideration) to 5
  outcome       VARCHAR NOT NULL,   -- pending, overturned, partially_overturned, upheld, withdrawn
  outcome_date  DATE,
  billing_npi   VARCHAR             -- the practice the claim belongs to, when the log says
);  -- key: (file_id, line_number)
