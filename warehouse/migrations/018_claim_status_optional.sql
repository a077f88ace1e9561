-- CLP02 (the claim status) is required by X12, but a sender may leave it empty: the claim payment still
-- loads, as missing, with a warning (before this, the row could not be stored and the whole file was
-- refused). Models read a missing status as no status: not paid, not denied by status, not a reversal.
ALTER TABLE remit_claim ALTER COLUMN status_code DROP NOT NULL;
