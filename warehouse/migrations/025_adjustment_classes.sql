-- Adjustment classes (metrics.md, "Adjustment classes"): every reduction of a balance that is not a payment
-- belongs to exactly one class. Payer adjustments outside a denial category are contractual; a posting's
-- class comes from its type and reason through ref_posting_reason_class (int_balance_event). Net revenue
-- subtracts the classes that were never revenue; the others are losses.

-- grain: one adjustment class
CREATE TABLE ref_adjustment_class (
  class                VARCHAR NOT NULL,
  label                VARCHAR NOT NULL,
  reduces_net_revenue  BOOLEAN NOT NULL,  -- subtracted from gross charges in net revenue (MGMA adjusted charges)
  is_loss              BOOLEAN NOT NULL,  -- revenue the practice earned and did not collect
  sort_order           INTEGER NOT NULL
);  -- key: (class)

-- grain: one posting type and reason code of a practice-management export, and the class of its amounts
CREATE TABLE ref_posting_reason_class (
  posting_type  VARCHAR NOT NULL,  -- write_off or adjustment
  reason_code   VARCHAR NOT NULL,  -- upper case; the export's code is trimmed and upper-cased to match
  class         VARCHAR NOT NULL,
  label         VARCHAR NOT NULL
);  -- key: (posting_type, reason_code)
