-- The runs of the reports (reports/): who computed which package when, with which parameters, the SHA-256
-- of each output file and of the package's numbers, and the numbers themselves, so that `rcm report diff`
-- can say which changed between two runs. Rows are only ever added.

CREATE SEQUENCE report_run_id START 1;

-- grain: one run of a report (a failed run too, with its error)
CREATE TABLE report_run (
  run_id           BIGINT PRIMARY KEY,
  report           VARCHAR NOT NULL,          -- monthly
  month            VARCHAR NOT NULL,          -- YYYY-MM
  practices        VARCHAR,                   -- JSON array of billing NPIs; NULL: every practice
  as_of            DATE NOT NULL,             -- the month end: events dated on or before it
  close_date       DATE NOT NULL,             -- files loaded on or before it
  close_rule       VARCHAR NOT NULL,          -- why that close date (given, month end + 10 days, first load)
  formats          VARCHAR NOT NULL,          -- comma-separated
  out_dir          VARCHAR,
  username         VARCHAR NOT NULL,
  user_id          BIGINT,                    -- app_user, when run by a signed-in user
  started_at       TIMESTAMP NOT NULL,        -- UTC
  finished_at      TIMESTAMP,                 -- UTC
  status           VARCHAR NOT NULL,          -- complete, failed
  error            VARCHAR,
  parameters       VARCHAR NOT NULL,          -- JSON: everything else that shaped the numbers (models, reference data, files)
  numbers_sha256   VARCHAR                    -- of the closed numbers: "key<TAB>value" lines in key order
);

-- grain: one file a run wrote
CREATE TABLE report_run_file (
  run_id    BIGINT NOT NULL,
  format    VARCHAR NOT NULL,
  name      VARCHAR NOT NULL,                 -- the table (csv) or the package (xlsx)
  path      VARCHAR NOT NULL,
  bytes     BIGINT NOT NULL,
  sha256    VARCHAR NOT NULL
);  -- key: (run_id, path)

-- grain: one number of a run's package: table/row/column, as exact text (money 1234.50)
CREATE TABLE report_run_number (
  run_id    BIGINT NOT NULL,
  key       VARCHAR NOT NULL,
  section   VARCHAR NOT NULL,                 -- closed, post_close
  value     VARCHAR
);  -- key: (run_id, key)
