-- Scheduled delivery of reports (reports/schedule, reports/delivery): each user's e-mail address, the
-- schedules the workbench has seen (their occurrences count from then), each due occurrence run at most
-- once, and every attempt to deliver its files (e-mail or folder), refusals included. Rows of the
-- occurrence and delivery tables are only ever added, but for an occurrence's status when it finishes.

ALTER TABLE app_user ADD COLUMN email VARCHAR;  -- where scheduled reports go; NULL: none

-- grain: one schedule of the schedules file, by name, from the first time the workbench saw it
CREATE TABLE report_schedule (
  name           VARCHAR PRIMARY KEY,
  first_seen_at  TIMESTAMP NOT NULL           -- UTC; occurrences after it are due, earlier ones never were
);

-- grain: one occurrence of a schedule that was run (or skipped): at most one row each
CREATE TABLE report_schedule_run (
  schedule       VARCHAR NOT NULL,
  occurrence_at  TIMESTAMP NOT NULL,          -- UTC: the cron time (for a manual run: when it was asked for)
  trigger        VARCHAR NOT NULL,            -- due, manual
  started_at     TIMESTAMP NOT NULL,          -- UTC
  finished_at    TIMESTAMP,
  status         VARCHAR NOT NULL,            -- running, complete, failed, skipped
  month          VARCHAR,                     -- the month reported (YYYY-MM)
  run_id         BIGINT,                      -- report_run
  error          VARCHAR,
  PRIMARY KEY (schedule, occurrence_at)
);

CREATE SEQUENCE report_delivery_id START 1;

-- grain: one attempt to deliver one occurrence's files over one channel to one recipient (a user by e-mail,
-- or a folder); a refused recipient has one row, status refused, with the reason
CREATE TABLE report_delivery (
  delivery_id    BIGINT PRIMARY KEY DEFAULT nextval('report_delivery_id'),
  schedule       VARCHAR NOT NULL,
  occurrence_at  TIMESTAMP NOT NULL,
  run_id         BIGINT,
  channel        VARCHAR NOT NULL,            -- email, folder
  recipient      VARCHAR NOT NULL,            -- a username (email) or the folder's path
  address        VARCHAR,                     -- the e-mail address it went to
  attempt        INTEGER NOT NULL,            -- 1, 2, …
  status         VARCHAR NOT NULL,            -- delivered, retrying (temporary failure), failed, refused
  response       VARCHAR,                     -- the SMTP server's answer, the error or the refusal's reason
  message_id     VARCHAR,
  attempted_at   TIMESTAMP NOT NULL           -- UTC
);
