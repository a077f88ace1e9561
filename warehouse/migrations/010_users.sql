-- Who may see what (the server's security): users with one role each, the practices (billing NPIs) each
-- user is granted, API tokens for scripts, and the append-only audit trail of patient-level reads and
-- exports. Passwords and tokens are stored only as hashes.

CREATE SEQUENCE app_user_id START 1;
CREATE SEQUENCE api_token_id START 1;
CREATE SEQUENCE audit_event_id START 1;

-- grain: one user of the workbench
CREATE TABLE app_user (
  user_id        BIGINT PRIMARY KEY DEFAULT nextval('app_user_id'),
  username       VARCHAR NOT NULL UNIQUE,
  role           VARCHAR NOT NULL,          -- admin, practice_manager, billing_lead, finance
  password_hash  VARCHAR NOT NULL,          -- scrypt$N$r$p$salt$hash (base64url)
  disabled_at    TIMESTAMP,
  created_at     TIMESTAMP NOT NULL
);

-- grain: one practice (billing NPI) a user may see; an admin sees every practice
CREATE TABLE app_user_practice (
  user_id      BIGINT NOT NULL,
  billing_npi  VARCHAR NOT NULL
);  -- key: (user_id, billing_npi)

-- grain: one API token of a user (only its SHA-256 is kept; the token is shown once)
CREATE TABLE api_token (
  token_id     BIGINT PRIMARY KEY DEFAULT nextval('api_token_id'),
  user_id      BIGINT NOT NULL,
  name         VARCHAR NOT NULL,
  token_hash   VARCHAR NOT NULL UNIQUE,
  created_at   TIMESTAMP NOT NULL,
  revoked_at   TIMESTAMP
);

-- grain: one read of patient-level data or one export; rows are only ever added
CREATE TABLE audit_event (
  event_id     BIGINT PRIMARY KEY DEFAULT nextval('audit_event_id'),
  occurred_at  TIMESTAMP NOT NULL,
  user_id      BIGINT,
  username     VARCHAR,
  route        VARCHAR NOT NULL,
  parameters   VARCHAR NOT NULL,          -- JSON
  row_count    BIGINT NOT NULL
);
