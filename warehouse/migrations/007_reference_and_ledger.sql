-- Reference data (versioned CSV files in warehouse/reference/, loaded by warehouse/reference.ts) and the
-- claim ledger built on it.

-- grain: one CARC and the project's category for it (our own labels; no X12 description texts)
CREATE TABLE ref_carc_category (
  carc            VARCHAR NOT NULL,
  category        VARCHAR NOT NULL,
  is_denial       BOOLEAN NOT NULL,
  hard_soft       VARCHAR,
  owner_team      VARCHAR,
  effective_from  DATE,
  effective_to    DATE
);  -- key: (carc, effective_from)

-- grain: one reference file and the version of it that is loaded
CREATE TABLE ref_version (
  name        VARCHAR PRIMARY KEY,
  sha256      VARCHAR NOT NULL,
  loaded_at   TIMESTAMP NOT NULL
);

-- grain: one 835 claim record, its adjustments summed by what they do to the balance
-- (metrics.md, "Claim state"): payer adjustments outside a denial category reduce it; denied dollars stay;
-- patient responsibility moves dollars to the patient portion.
CREATE VIEW remit_claim_balance_effect AS
SELECT r.file_id, r.claim_position, r.charge, r.is_reversal, r.paid,
       coalesce(sum(a.amount) FILTER (WHERE a.group_code <> 'PR' AND NOT coalesce(k.is_denial, false)), 0) AS payer_adjustment,
       coalesce(sum(a.amount) FILTER (WHERE a.group_code <> 'PR' AND coalesce(k.is_denial, false)), 0) AS denied,
       coalesce(sum(a.amount) FILTER (WHERE a.group_code = 'PR'), 0) AS patient_responsibility
FROM remit_claim r
JOIN remit_payment p USING (file_id, transaction_position)
LEFT JOIN remit_adjustment a ON a.file_id = r.file_id AND a.claim_position = r.claim_position
LEFT JOIN ref_carc_category k
  ON k.carc = a.reason_code AND (k.effective_from IS NULL OR k.effective_from <= p.payment_date) AND (k.effective_to IS NULL OR p.payment_date <= k.effective_to)
GROUP BY r.file_id, r.claim_position, r.charge, r.is_reversal, r.paid;

-- grain: one event of one claim with what it does to the claim's balance, and the balance after it
CREATE VIEW claim_ledger AS
WITH events AS (
  SELECT e.*, b.charge AS remit_charge, b.is_reversal, b.paid, b.payer_adjustment, b.patient_responsibility, coalesce(b.denied, 0) AS denied,
         bool_or(e.source = '837') OVER (PARTITION BY e.claim_id) AS has_837,
         CASE WHEN e.source = '835' AND NOT b.is_reversal
              THEN row_number() OVER (PARTITION BY e.claim_id, e.source, b.is_reversal ORDER BY e.event_date NULLS LAST, e.file_id, e.position) END AS adjudication_number
  FROM claim_event e
  LEFT JOIN remit_claim_balance_effect b ON e.source = '835' AND b.file_id = e.file_id AND b.claim_position = e.position
),
deltas AS (
  SELECT e.*,
         CASE
           WHEN e.source = '837' AND e.event = 'voided' THEN -coalesce(lag(e.amount) OVER submissions, 0)
           WHEN e.source = '837' THEN e.amount - coalesce(lag(e.amount) OVER submissions, 0)
           -- a claim known only from its remittances is charged CLP03 of its first record that is not a reversal
           WHEN e.source = '835' AND NOT e.has_837 AND e.adjudication_number = 1 THEN e.remit_charge
           ELSE 0
         END AS charge_delta,
         CASE WHEN e.source = '835' THEN -(e.paid + e.payer_adjustment) ELSE 0 END AS insurance_delta,
         CASE WHEN e.source = '835' THEN e.patient_responsibility ELSE 0 END AS patient_responsibility_delta,
         CASE e.source WHEN 'posting' THEN
           CASE e.event WHEN 'refund' THEN abs(e.amount) WHEN 'transfer' THEN 0 WHEN 'adjustment' THEN -e.amount ELSE -abs(e.amount) END
         ELSE 0 END AS posting_delta
  FROM events e
  WINDOW submissions AS (PARTITION BY e.claim_id, e.source ORDER BY e.event_date NULLS LAST, e.file_id, e.position)
)
SELECT d.* EXCLUDE (remit_charge, is_reversal, paid, payer_adjustment, patient_responsibility, has_837, adjudication_number) REPLACE (
         -- finer labels for adjudications: a payment after a reversal corrects it; a payment with denied
         -- dollars is partial; nothing paid with denied dollars is a denial whatever CLP02 says
         CASE
           WHEN d.source = '835' AND d.event = 'paid' AND lag(d.event) OVER adjudications = 'reversed' THEN 'corrected'
           WHEN d.source = '835' AND d.event = 'paid' AND d.denied > 0 THEN 'partially paid'
           WHEN d.source = '835' AND d.event = 'adjudicated, nothing paid' AND d.denied > 0 THEN 'denied'
           ELSE d.event
         END AS event),
       charge_delta + insurance_delta + posting_delta AS balance_delta,
       sum(charge_delta + insurance_delta + posting_delta) OVER (
         PARTITION BY claim_id ORDER BY event_date NULLS LAST, event_rank, file_id, position ROWS UNBOUNDED PRECEDING
       ) AS balance
FROM deltas d
WINDOW adjudications AS (PARTITION BY d.claim_id, d.source ORDER BY d.event_date NULLS LAST, d.file_id, d.position);
