-- grain: one patient control number that replaces, voids or resends another, with the first claim of its
-- chain (the claim_root view of migration 006, computed once per build for the staging models that need it).
SELECT claim_id, root FROM claim_root
