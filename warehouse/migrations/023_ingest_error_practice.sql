-- The practice (billing NPI) a refused CSV row belongs to: its own Billing NPI column, else the practice of
-- the claim it names when that claim is known under exactly one. A row error shows to that practice's users
-- (GET /api/ingest/errors); NULL (a file-level rejection, or a row naming no practice) to admins only.
-- Row errors recorded before this column existed stay NULL: admins only.
ALTER TABLE ingest_error ADD COLUMN billing_npi VARCHAR;
