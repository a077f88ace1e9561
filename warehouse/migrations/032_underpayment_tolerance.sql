-- The tolerance of expected payment (metrics.md, "Expected payment"): a paid line is underpaid (or overpaid)
-- when its actual allowed differs from the expected one by more than the larger of a fixed amount and a share
-- of the expected amount. A row for payer '*' applies to every payer without a row of its own
-- (warehouse/reference/underpayment_tolerance.csv).

-- grain: one payer ('*': every other payer) and its tolerance
CREATE TABLE ref_underpayment_tolerance (
  payer_id             VARCHAR NOT NULL,
  minimum_amount       DECIMAL(18,2) NOT NULL,  -- dollars
  percent_of_expected  DECIMAL(9,4) NOT NULL,   -- 1.0000 = 1 % of the expected allowed
  basis                VARCHAR NOT NULL
);  -- key: (payer_id)
