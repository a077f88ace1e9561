-- Claim identity scoped by billing provider. A billing company's practices number their claims each in
-- their own practice-management system, so one patient control number can name two different claims. A
-- record's claim number is its patient control number, qualified as "PCN@NPI" when two or more billing
-- providers (837 billing NPI, charges-export billing NPI) use that number:
-- - records that carry a billing provider (837 2010AA, 277CA 2000C, 835 payee N1*PE, a charges or postings
--   export with a billing NPI column) take the claim of their own provider;
-- - records that carry none (or a payee that bills no claim under that number) take the number alone when
--   one provider uses it, and are listed as unmatched when several do (never guessed).
-- Not scoped by payer: a Medicare crossover (the same claim forwarded to Medicaid) and a claim rebilled to
-- a corrected payer are the same claim under the same number; payer ids also differ between an 837 and the
-- 835 that answers it. The views of migrations 005, 006 and 009 are restated on the claim number below,
-- with the patient statement ("patient billed") event of the postings export.

ALTER TABLE ack_277ca_status ADD COLUMN billing_provider_npi VARCHAR;   -- 2010C NM1*85 NM109 (XX)
ALTER TABLE payment_posting ADD COLUMN billing_npi VARCHAR;             -- when the export names the practice

-- grain: one patient control number used by two or more billing providers, with their NPIs
CREATE VIEW shared_claim_number AS
WITH billed AS (
  SELECT patient_control_number AS patient_control_number, billing_provider_npi AS npi FROM claim WHERE billing_provider_npi IS NOT NULL
  UNION
  SELECT claim_id, billing_npi FROM charge_line WHERE billing_npi IS NOT NULL
)
SELECT patient_control_number, list(npi ORDER BY npi) AS billing_npis
FROM billed
GROUP BY patient_control_number
HAVING count(*) > 1;

-- grain: one record of any source that names a claim (837 claim, 835 claim payment, 277CA claim status,
-- posting, charge line), with its claim number (NULL: the number is shared and the record names no provider)
CREATE VIEW claim_number AS
WITH records AS (
  SELECT '837' AS source, file_id, claim_position AS position, patient_control_number, billing_provider_npi AS billing_npi FROM claim
  UNION ALL
  SELECT '835', r.file_id, r.claim_position, r.patient_control_number, p.payee_npi
  FROM remit_claim r JOIN remit_payment p USING (file_id, transaction_position)
  UNION ALL
  SELECT '277CA', file_id, segment_position, patient_control_number, billing_provider_npi FROM ack_277ca_status WHERE level = 'claim' AND patient_control_number IS NOT NULL
  UNION ALL
  SELECT 'posting', file_id, line_number, claim_id, billing_npi FROM payment_posting
  UNION ALL
  SELECT 'charge', file_id, line_number, claim_id, billing_npi FROM charge_line
)
SELECT r.source, r.file_id, r.position, r.patient_control_number, r.billing_npi,
       CASE WHEN s.patient_control_number IS NULL THEN r.patient_control_number
            WHEN list_contains(s.billing_npis, r.billing_npi) THEN r.patient_control_number || '@' || r.billing_npi
       END AS claim_number,
       s.billing_npis AS shared_by
FROM records r
LEFT JOIN shared_claim_number s USING (patient_control_number);

-- grain: one claim identity (claim number) and where it appears
CREATE OR REPLACE VIEW claim_identity AS
SELECT claim_number AS claim_id,
       any_value(patient_control_number) AS patient_control_number,
       count(*) FILTER (WHERE source = '837') AS claims_837,
       count(*) FILTER (WHERE source = '835') AS remittances_835,
       count(*) FILTER (WHERE source = '277CA') AS statuses_277ca,
       count(*) FILTER (WHERE source = 'posting') AS postings,
       count(*) FILTER (WHERE source = 'charge') AS charge_lines
FROM claim_number
WHERE claim_number IS NOT NULL
GROUP BY claim_number;

-- grain: one 837 claim that replaces (frequency 7) or voids (8) an earlier one, or is sent again (1), with
-- the claim it refers to: by REF*F8 = the payer claim number (CLP07) of an 835 for that claim (of the same
-- billing provider when the number is shared), else the latest earlier submission of the same claim number.
CREATE OR REPLACE VIEW claim_resubmission AS
WITH submissions AS (
  SELECT c.*, n.claim_number, s.submitted_date,
         row_number() OVER (PARTITION BY n.claim_number ORDER BY s.submitted_date NULLS LAST, c.file_id, c.claim_position) AS submission_number
  FROM claim c
  JOIN claim_submission s USING (file_id, transaction_position)
  JOIN claim_number n ON n.source = '837' AND n.file_id = c.file_id AND n.position = c.claim_position
),
remitted AS (
  SELECT DISTINCT r.payer_claim_number, n.patient_control_number, n.claim_number, n.billing_npi
  FROM remit_claim r
  JOIN claim_number n ON n.source = '835' AND n.file_id = r.file_id AND n.position = r.claim_position
  WHERE r.payer_claim_number IS NOT NULL AND n.claim_number IS NOT NULL
),
linked AS (
  SELECT later.*,
         by_icn.patient_control_number AS icn_patient_control_number,
         by_icn.claim_number AS icn_claim_number
  FROM submissions later
  LEFT JOIN LATERAL (
    SELECT * FROM remitted r
    WHERE r.payer_claim_number = later.original_payer_claim_number
    ORDER BY (r.billing_npi IS NOT DISTINCT FROM later.billing_provider_npi) DESC, r.claim_number
    LIMIT 1
  ) by_icn ON true
  WHERE later.submission_number > 1 OR later.frequency_code IN ('7', '8')
)
SELECT l.file_id, l.claim_position, l.patient_control_number, l.claim_number, l.frequency_code, l.submitted_date, l.submission_number,
       CASE l.frequency_code WHEN '7' THEN 'replacement' WHEN '8' THEN 'void' ELSE 'resubmission' END AS kind,
       l.original_payer_claim_number,
       coalesce(l.icn_patient_control_number, l.patient_control_number) AS original_patient_control_number,
       coalesce(l.icn_claim_number, l.claim_number) AS original_claim_number,
       earlier.file_id AS original_file_id, earlier.claim_position AS original_claim_position,
       CASE WHEN l.icn_claim_number IS NOT NULL THEN 'payer claim number (REF*F8 = CLP07)'
            WHEN earlier.file_id IS NOT NULL THEN 'same patient control number'
            ELSE 'no earlier claim found' END AS linked_by
FROM linked l
LEFT JOIN LATERAL (
  -- the latest submission of the original claim before this one
  SELECT e.file_id, e.claim_position FROM submissions e
  WHERE e.claim_number = coalesce(l.icn_claim_number, l.claim_number)
    AND (e.submitted_date, e.file_id, e.claim_position) < (l.submitted_date, l.file_id, l.claim_position)
  ORDER BY e.submitted_date DESC, e.file_id DESC, e.claim_position DESC
  LIMIT 1
) earlier ON true;

-- grain: one claim number that replaces, voids or resends another, with the first claim of its chain
CREATE OR REPLACE VIEW claim_root AS
WITH RECURSIVE links AS (
  SELECT DISTINCT claim_number AS claim_id, original_claim_number AS parent
  FROM claim_resubmission
  WHERE original_claim_number <> claim_number
),
walk(claim_id, root, depth) AS (
  SELECT claim_id, parent, 1 FROM links
  UNION ALL
  SELECT w.claim_id, l.parent, w.depth + 1 FROM walk w JOIN links l ON l.claim_id = w.root WHERE w.depth < 50
)
SELECT claim_id, arg_max(root, depth) AS root FROM walk GROUP BY claim_id;

-- grain: one record of a remittance, acknowledgment or posting that matches no billed claim, with why
CREATE OR REPLACE VIEW unmatched_record AS
WITH billed AS (
  SELECT DISTINCT claim_number FROM claim_number WHERE source IN ('837', 'charge') AND claim_number IS NOT NULL
),
sources AS (
  SELECT n.*, r.paid AS amount FROM claim_number n JOIN remit_claim r ON n.source = '835' AND r.file_id = n.file_id AND r.claim_position = n.position
  UNION ALL
  SELECT n.*, a.charge FROM claim_number n JOIN ack_277ca_status a ON n.source = '277CA' AND a.file_id = n.file_id AND a.segment_position = n.position
  UNION ALL
  SELECT n.*, p.amount FROM claim_number n JOIN payment_posting p ON n.source = 'posting' AND p.file_id = n.file_id AND p.line_number = n.position
  UNION ALL
  -- a claim or charge line names a shared number without its provider only when its billing NPI is missing
  SELECT n.*, NULL FROM claim_number n WHERE n.source IN ('837', 'charge') AND n.claim_number IS NULL
)
SELECT s.source, s.file_id, s.position, s.patient_control_number AS claim_id, s.amount,
       CASE WHEN s.claim_number IS NULL
              THEN 'the number is used by ' || len(s.shared_by) || ' billing providers (' || array_to_string(s.shared_by, ', ') || ') and this record names '
                   || CASE WHEN s.billing_npi IS NULL THEN 'none' ELSE 'another (' || s.billing_npi || ')' END
                   || CASE WHEN s.source IN ('posting', 'charge') THEN ': add a billing NPI column to the export' ELSE '' END
            WHEN s.source = '835' THEN 'no 837 claim or charge with this patient control number'
            WHEN s.source = '277CA' THEN 'no 837 claim with this patient control number'
            ELSE 'no claim (837, 835 or charge) with this claim id'
       END AS reason
FROM sources s
WHERE s.claim_number IS NULL
   OR (s.source = '835' AND s.claim_number NOT IN (SELECT claim_number FROM billed))
   OR (s.source = '277CA' AND s.claim_number NOT IN (SELECT claim_number FROM claim_number WHERE source = '837' AND claim_number IS NOT NULL))
   OR (s.source = 'posting' AND s.claim_number NOT IN (SELECT claim_number FROM claim_number WHERE source IN ('837', '835', 'charge') AND claim_number IS NOT NULL))
UNION ALL
SELECT '999', a.file_id, a.set_position, NULL, NULL,
       'no 837 transaction set with group ' || coalesce(a.acknowledged_group_control, '?') || ' and control number ' || coalesce(a.acknowledged_control_number, '?')
FROM ack_999_set a
WHERE NOT EXISTS (SELECT 1 FROM claim_ack_999 m WHERE m.ack_file_id = a.file_id AND m.set_position = a.set_position);
