-- CLP02 (the claim status) is required by X12, but a sender may leave it empty: the claim payment still
-- loads, as missing, with a warning (a NOT NULL column would refuse the whole file over one claim). Models read a missing status as no status: not paid, not denied by status, not a reversal.
ALTER TABLE remit_claim ALTER COLUMN status_code DROP NOT NULL;
