-- Migrations hold tables only: the logic over them is a model in warehouse/models/ (rcm build), where it
-- has its grain, its contract and its cases. The views of migrations 003–012 go. Claim identity, claim
-- resubmission and the 999 match are now stg_claim_number, stg_claim_resubmission, stg_claim_chain and
-- stg_claim_ack_999; unmatched_record is mart_unmatched_record; claim_identity is a count of
-- stg_claim_number by source; claim_ledger, claim_event, claim_event_by_number and
-- remit_claim_balance_effect were an older copy of int_balance_event and mart_claim_history.
-- Dependents first: DuckDB binds a view when it is read, but the order keeps the intent plain.
DROP VIEW IF EXISTS claim_ledger;
DROP VIEW IF EXISTS remit_claim_balance_effect;
DROP VIEW IF EXISTS claim_event;
DROP VIEW IF EXISTS claim_event_by_number;
DROP VIEW IF EXISTS claim_root;
DROP VIEW IF EXISTS unmatched_record;
DROP VIEW IF EXISTS claim_identity;
DROP VIEW IF EXISTS claim_resubmission;
DROP VIEW IF EXISTS claim_number;
DROP VIEW IF EXISTS shared_claim_number;
DROP VIEW IF EXISTS claim_ack_999;
