-- The reference data of the metrics layer: one table per CSV file in warehouse/reference/ (codes and our own
-- labels; never X12 or AMA description texts), loaded by warehouse/reference.ts. Keys are stated, not
-- enforced: the loader replaces a table's rows in one transaction and the reference tests check the keys.
--
-- How a CAS adjustment (group, CARC, the RARCs at its level, payer, adjudication date) finds its category in
-- ref_carc_crosswalk (metrics.md, "What counts as a denial"). A row applies when
--   carc = the CARC, group_code = the group or '*', rarc is empty or one of the RARCs at the CAS's level (a
--   line's LQ remarks for a line CAS, the claim's MOA/MIA remarks for a claim CAS), payer_id is empty or the
--   payer, and effective_from <= date <= effective_to (inclusive; empty effective_to = open).
-- Of the rows that apply, the first in this order wins:
--   1. payer-specific before general (payer_id set before empty)
--   2. exact group before '*'
--   3. exact RARC before empty
--   4. the latest effective_from
--   5. (two RARC rows of one line, otherwise tied) the smaller RARC code, so that the answer is unique
-- A CAS that no row applies to is 'unmapped', and not a denial. As SQL, with cas(cas_id, group_code,
-- reason_code, remarks VARCHAR[], payer_id, payment_date):
--   SELECT c.cas_id, coalesce(x.category, 'unmapped') AS category
--   FROM cas c
--   LEFT JOIN ref_carc_crosswalk x
--     ON x.carc = c.reason_code
--    AND x.group_code IN ('*', c.group_code)
--    AND (x.rarc IS NULL OR list_contains(c.remarks, x.rarc))
--    AND (x.payer_id IS NULL OR x.payer_id = c.payer_id)
--    AND x.effective_from <= c.payment_date AND (x.effective_to IS NULL OR c.payment_date <= x.effective_to)
--   QUALIFY row_number() OVER (PARTITION BY c.cas_id ORDER BY x.payer_id IS NOT NULL DESC, x.group_code <> '*' DESC,
--                                                            x.rarc IS NOT NULL DESC, x.effective_from DESC, x.rarc) = 1
-- The ground truth (demo/truth/crosswalk.ts) implements the same rule in TypeScript; its tests pin it.
-- ref_carc_category (migration 007) stays as it is for the claim ledger; every CARC in it has a '*' row here
-- with the same category.

-- grain: one denial category or non-denial class of the crosswalk, and who works it
CREATE TABLE ref_denial_category (
  category     VARCHAR NOT NULL,
  label        VARCHAR NOT NULL,
  is_denial    BOOLEAN NOT NULL,
  avoidable    BOOLEAN NOT NULL,  -- the practice's own process could have prevented it
  hard_soft    VARCHAR,           -- hard: lost unless appealed; soft: paid after a correction; null for non-denials
  owner_team   VARCHAR,
  sort_order   INTEGER NOT NULL   -- report order
);  -- key: (category)

-- grain: one crosswalk rule: (group, CARC, RARC, payer) → category from a date on
CREATE TABLE ref_carc_crosswalk (
  group_code      VARCHAR NOT NULL,  -- CO, PR, OA, PI, CR, or '*' for any group
  carc            VARCHAR NOT NULL,
  rarc            VARCHAR,           -- null: any remarks
  payer_id        VARCHAR,           -- null: every payer; else the 835 N1*PR payer id
  category        VARCHAR NOT NULL,  -- ref_denial_category.category
  effective_from  DATE NOT NULL,
  effective_to    DATE,              -- inclusive; null: open
  note            VARCHAR            -- why a row more specific than (*, carc) exists
);  -- key: (group_code, carc, rarc, payer_id, effective_from)

-- grain: one 835 claim status code (CLP02)
CREATE TABLE ref_claim_status (
  code               VARCHAR NOT NULL,
  label              VARCHAR NOT NULL,
  is_reversal        BOOLEAN NOT NULL,
  is_denied_in_full  BOOLEAN NOT NULL,
  is_forwarded       BOOLEAN NOT NULL,  -- the payer sent the claim on to another payer (19-21 crossovers, 23)
  processed_as       VARCHAR            -- primary, secondary, tertiary; null when the code does not say
);  -- key: (code)

-- grain: one claim adjustment group code (CAS01)
CREATE TABLE ref_adjustment_group (
  code              VARCHAR NOT NULL,
  label             VARCHAR NOT NULL,
  moves_to_patient  BOOLEAN NOT NULL
);  -- key: (code)

-- grain: one provider-level adjustment reason (PLB03-1); kind says which collections line it feeds
CREATE TABLE ref_provider_adjustment_reason (
  code   VARCHAR NOT NULL,
  label  VARCHAR NOT NULL,
  kind   VARCHAR NOT NULL  -- interest, recoupment, other
);  -- key: (code)

-- grain: one claim filing indicator (837 SBR09, 835 CLP06) and the payer class it stands for
CREATE TABLE ref_claim_filing_indicator (
  code         VARCHAR NOT NULL,
  label        VARCHAR NOT NULL,
  payer_class  VARCHAR NOT NULL  -- medicare, medicaid, commercial, medicare_advantage, self_pay, other
);  -- key: (code)

-- grain: one CMS place of service code (CLM05-1, SV105); labels are the CMS names (public domain)
CREATE TABLE ref_place_of_service (
  code   VARCHAR NOT NULL,  -- two digits, leading zero kept
  label  VARCHAR NOT NULL
);  -- key: (code)
