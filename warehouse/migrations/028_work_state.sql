-- A claim's work state (metrics.md, "Work queues"): who owns it, its status, when to look at it again and the
-- notes, kept apart from the imported data and written only through audited commands (the server's work
-- routes, rcm work set). It never changes a computed number (days_to_appeal reads the first `appealed`).

-- grain: one claim's work state now
CREATE TABLE work_state (
  claim_id    VARCHAR NOT NULL PRIMARY KEY,
  status      VARCHAR NOT NULL,   -- new, in_progress, corrected, appealed, waiting_on_payer, written_off, done
  owner       VARCHAR,            -- a user name
  follow_up   DATE,
  note        VARCHAR,            -- the latest note (every note is in work_state_event)
  updated_by  VARCHAR NOT NULL,
  updated_at  TIMESTAMP NOT NULL
);

CREATE SEQUENCE work_state_event_id;

-- grain: one change of a claim's work state, in the order made: the state after it, and its note
CREATE TABLE work_state_event (
  event_id    BIGINT NOT NULL PRIMARY KEY DEFAULT nextval('work_state_event_id'),
  claim_id    VARCHAR NOT NULL,
  status      VARCHAR NOT NULL,
  owner       VARCHAR,
  follow_up   DATE,
  note        VARCHAR,
  changed_by  VARCHAR NOT NULL,
  changed_at  TIMESTAMP NOT NULL
);
