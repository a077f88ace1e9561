-- grain: one claim, with the facts the claim-level metrics count: who, where, when served and first sent,
-- its charges; its first adjudication (date, paid, patient responsibility, lines and denied lines, denial
-- categories, CARCs and the procedure codes of the denied lines, whether a duplicate denial); its first
-- denial (the first primary, non-reversal record that denied a line: its date, the categories, CARCs and
-- procedure codes of its denied lines, whether a duplicate denial), which the outcome metrics break down by;
-- when it was resolved (first day from its date of service its balance is <= 0) and when its denial was (first
-- day on or after the first denial, so a claim paid, reversed and denied later still resolves); when a line
-- denied earlier was later paid (overturned); and what the front end said of its first submission (first
-- acknowledgment, first rejection).
WITH first_adjudication AS (
  SELECT a.claim_id, a.adjudication_date, a.paid, a.patient_responsibility, a.file_id, a.claim_position,
         count(l.*) AS lines,
         count(l.*) FILTER (WHERE l.is_denied) AS denied_lines,
         sum(l.charge)::DECIMAL(18,2) AS line_charges,
         coalesce(sum(l.charge) FILTER (WHERE l.is_denied), 0)::DECIMAL(18,2) AS denied_line_charges,
         list_sort(list_distinct(flatten(list(l.denial_categories) FILTER (WHERE l.is_denied)))) AS denial_categories,
         list_sort(list_distinct(flatten(list(l.denial_carcs) FILTER (WHERE l.is_denied AND l.denial_carcs IS NOT NULL)))) AS denial_carcs,
         list_sort(list_distinct(list(l.procedure_code) FILTER (WHERE l.is_denied AND l.procedure_code IS NOT NULL))) AS denial_cpts
  FROM int_adjudication a
  JOIN int_adjudication_line l USING (file_id, claim_position)
  WHERE a.is_first
  GROUP BY ALL
),
denied_lines AS (
  SELECT a.claim_id, a.adjudication_date, a.file_id, a.claim_position, coalesce(l.line_control_number, l.line_in_claim::VARCHAR) AS line_key
  FROM int_adjudication a JOIN int_adjudication_line l USING (file_id, claim_position)
  WHERE l.is_denied AND NOT a.is_reversal AND NOT a.is_secondary
),
overturns AS (
  -- a line denied on one record and paid on a later one (not a reversal, not a secondary's)
  SELECT d.claim_id, min(later.adjudication_date) AS overturned_date
  FROM denied_lines d
  JOIN int_adjudication later
    ON later.claim_id = d.claim_id AND NOT later.is_reversal AND NOT later.is_secondary
   AND (later.adjudication_date, later.file_id, later.claim_position) > (d.adjudication_date, d.file_id, d.claim_position)
  JOIN int_adjudication_line paid_line
    ON paid_line.file_id = later.file_id AND paid_line.claim_position = later.claim_position
   AND coalesce(paid_line.line_control_number, paid_line.line_in_claim::VARCHAR) = d.line_key AND paid_line.paid > 0
  GROUP BY d.claim_id
),
first_denial AS (
  -- the first record that denied a line, and the causes on its denied lines
  SELECT d.claim_id, d.adjudication_date AS first_denied_date,
         list_sort(list_distinct(flatten(list(l.denial_categories)))) AS denial_categories,
         list_sort(list_distinct(flatten(list(l.denial_carcs) FILTER (WHERE l.denial_carcs IS NOT NULL)))) AS denial_carcs,
         list_sort(list_distinct(list(l.procedure_code) FILTER (WHERE l.procedure_code IS NOT NULL))) AS denial_cpts
  FROM (
    SELECT DISTINCT claim_id, adjudication_date, file_id, claim_position FROM denied_lines
    QUALIFY row_number() OVER (PARTITION BY claim_id ORDER BY adjudication_date, file_id, claim_position) = 1
  ) d
  JOIN int_adjudication_line l ON l.file_id = d.file_id AND l.claim_position = d.claim_position AND l.is_denied
  GROUP BY ALL
),
running_balance AS (
  SELECT d.claim_id, d.event_date, c.service_date, sum(d.change) OVER (PARTITION BY d.claim_id ORDER BY d.event_date) AS balance
  FROM (SELECT claim_id, event_date, sum(total_change) AS change FROM int_balance_event WHERE event_date IS NOT NULL GROUP BY ALL) d
  JOIN int_claim c USING (claim_id)
),
resolution AS (
  -- the first day, from the date of service on, that the running balance is zero or less
  SELECT claim_id, min(event_date) FILTER (WHERE balance <= 0 AND event_date >= service_date) AS resolved_date
  FROM running_balance GROUP BY claim_id
),
denial_resolution AS (
  -- the first day on or after the first denial (and the date of service) that the balance is zero or less: the
  -- denial's day itself when the balance that day already is (a denial need not move the balance)
  SELECT claim_id,
         CASE WHEN arg_max(balance, event_date) FILTER (WHERE event_date <= since) <= 0 THEN since
              ELSE min(event_date) FILTER (WHERE balance <= 0 AND event_date > since) END AS denial_resolved_date
  FROM (SELECT b.*, greatest(b.service_date, fd.first_denied_date) AS since FROM running_balance b JOIN first_denial fd USING (claim_id))
  GROUP BY claim_id, since
),
acknowledgments AS (
  -- the first submission's: its 999, and the 277CA statuses sent between it and the next submission
  SELECT claim_id, ack_date, is_rejected FROM int_acknowledgment WHERE submission_number = 1
),
front_end AS (
  SELECT claim_id, min(ack_date) AS first_acknowledged_date, min(ack_date) FILTER (WHERE is_rejected) AS first_rejected_date
  FROM acknowledgments GROUP BY claim_id
)
SELECT c.claim_id, c.source, c.payer_id, c.is_self_pay, c.billing_npi, c.rendering_npi, c.location,
       c.claim_type, c.place_of_service, c.facility_type_code, c.bill_type,
       c.service_date, strftime(c.service_date, '%Y-%m') AS service_month, c.charge, c.first_submitted_date, c.submissions,
       f.adjudication_date AS first_adjudicated_date,
       f.paid AS first_paid,
       f.patient_responsibility AS first_patient_responsibility,
       f.lines AS first_lines,
       f.denied_lines AS first_denied_lines,
       f.line_charges AS first_line_charges,
       f.denied_line_charges AS first_denied_line_charges,
       f.denied_lines > 0 AS first_denied,
       f.denial_categories AS first_denial_categories,
       f.denial_carcs AS first_denial_carcs,
       f.denial_cpts AS first_denial_cpts,
       coalesce(list_contains(f.denial_carcs, '18'), false) AS first_denied_as_duplicate,
       d.first_denied_date,
       d.denial_categories AS first_denial_record_categories,
       d.denial_carcs AS first_denial_record_carcs,
       d.denial_cpts AS first_denial_record_cpts,
       coalesce(list_contains(d.denial_carcs, '18'), false) AS first_denial_is_duplicate,
       r.resolved_date,
       dr.denial_resolved_date,
       o.overturned_date,
       e.first_acknowledged_date,
       e.first_rejected_date
FROM int_claim c
LEFT JOIN first_adjudication f USING (claim_id)
LEFT JOIN first_denial d USING (claim_id)
LEFT JOIN resolution r USING (claim_id)
LEFT JOIN denial_resolution dr USING (claim_id)
LEFT JOIN overturns o USING (claim_id)
LEFT JOIN front_end e USING (claim_id)
