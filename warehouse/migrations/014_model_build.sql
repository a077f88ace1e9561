-- Which version of the SQL models the marts were built from (a SHA-256 of every model file), so that a
-- server started on a warehouse built by older code rebuilds them first instead of serving stale marts.

-- grain: the last successful model build (one row)
CREATE TABLE model_build (
  models_hash  VARCHAR NOT NULL,
  built_at     TIMESTAMP NOT NULL
);
