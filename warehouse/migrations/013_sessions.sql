-- Browser sessions of the server: the cookie holds a random token, the table only its SHA-256, with the
-- session's CSRF token (sent back in a header on every state-changing request) and its times. A session
-- ends at logout, after the idle timeout, or at its absolute lifetime, whichever comes first (the limits are
-- the server's options; ended sessions are kept for the record).

-- grain: one browser session of a user
CREATE TABLE app_session (
  session_hash   VARCHAR PRIMARY KEY,
  user_id        BIGINT NOT NULL,
  csrf_token     VARCHAR NOT NULL,
  created_at     TIMESTAMP NOT NULL,
  last_seen_at   TIMESTAMP NOT NULL,
  ended_at       TIMESTAMP
);
