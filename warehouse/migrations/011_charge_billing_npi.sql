-- The practice (billing NPI) of a charges-export line, when the export names it: a visit known only from
-- the charges export (self-pay, not billed yet) is then attributed to its practice like a billed claim.
ALTER TABLE charge_line ADD COLUMN billing_npi VARCHAR;
