-- Fee schedules (metrics.md, "Expected payment"): what each payer's contract allows per procedure code,
-- from fee-schedule CSV files, and rules pricing a payer as a percentage of another payer's schedule.
-- stg_fee_schedule turns both into one row per effective price.

-- grain: one row of a fee-schedule file (header payer_id,procedure_code,modifier,effective_from,
-- effective_to,allowed); a row loaded later replaces the earlier rows of its payer, code and modifier
-- where their dates overlap (load order: file_id, then line_number)
CREATE TABLE fee_schedule (
  file_id         BIGINT NOT NULL,
  line_number     BIGINT NOT NULL,
  payer_id        VARCHAR NOT NULL,
  procedure_code  VARCHAR NOT NULL,
  modifier        VARCHAR,                -- empty: any modifier
  effective_from  DATE NOT NULL,          -- inclusive
  effective_to    DATE,                   -- inclusive; empty: open-ended
  allowed         DECIMAL(18,2) NOT NULL  -- per unit
);  -- key: (file_id, line_number)

-- grain: one row of a fee-schedule rule file (header payer_id,base_payer_id,percent,effective_from,
-- effective_to,procedure_code): the payer allows percent % of the base payer's schedule
CREATE TABLE fee_schedule_rule (
  file_id         BIGINT NOT NULL,
  line_number     BIGINT NOT NULL,
  payer_id        VARCHAR NOT NULL,
  base_payer_id   VARCHAR NOT NULL,
  percent         DECIMAL(7,2) NOT NULL,
  effective_from  DATE NOT NULL,
  effective_to    DATE,
  procedure_code  VARCHAR                 -- empty: every code of the base schedule
);  -- key: (file_id, line_number)
