-- A practice's own write-off and adjustment reasons (metrics.md, "Adjustment classes": "a mapping file may add
-- a practice's own reasons"), from the `payments.reasons` of the mapping file `rcm ingest --mapping` reads.
-- They come before the reference table's (ref_posting_reason_class) in int_balance_event; a later mapping
-- file's class for a reason replaces an earlier one.

-- grain: one reason code of the practice's exports (trimmed, upper case)
CREATE TABLE posting_reason_mapping (
  reason_code  VARCHAR NOT NULL PRIMARY KEY,
  class        VARCHAR NOT NULL,
  mapped_from  VARCHAR NOT NULL,    -- the mapping file that said so
  mapped_at    TIMESTAMP NOT NULL
);
