-- Whether the marts are older than the loaded data. Every commit that stores files adds one to the load
-- generation, in the same transaction; a build records the generation it read. A build that did not finish
-- (the process killed after the files were committed, or rcm ingest --no-build) leaves the two apart, and
-- whatever reads the marts rebuilds them first or says to (rcm build).

-- grain: the warehouse (one row)
CREATE TABLE load_generation (
  generation  BIGINT NOT NULL
);
INSERT INTO load_generation SELECT count(*) FROM ingest_file;

-- the load generation the last build read; NULL: unknown (then the marts count as older than the data)
ALTER TABLE model_build ADD COLUMN load_generation BIGINT;
-- a build that finished after the last file was loaded saw every file
UPDATE model_build SET load_generation = (SELECT generation FROM load_generation)
WHERE built_at >= (SELECT coalesce(max(loaded_at), TIMESTAMP '1970-01-01') FROM ingest_file);
