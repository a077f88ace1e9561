-- grain: one claim (the first patient control number of its replacement chain) with who billed it to
-- whom, where (an 837P's place of service, an 837I's facility type and bill type), when it was first
-- served and sent, and its charges. Sources in order of preference: the
-- 837 (first submission), a charges export, else the 835 alone (CLP03 of its first record that is not a
-- reversal). A charges-export claim with no payer, or "self pay", is self-pay: its balance is the patient's.
-- The billing provider (the practice) is the 837's, else the charges export's, else the payee of the claim's
-- first remittance. A claim known only from a charges export is at the place its location code names on the
-- 837s (stg_location_name). charge_file_id / charge_position: the record the charge comes from (the claim history
-- shows the charge there).
WITH billed AS (
  SELECT claim_id,
         arg_min(payer_id, submission_number) AS payer_id,
         arg_min(billing_provider_npi, submission_number) AS billing_npi,
         arg_min(rendering_provider_npi, submission_number) AS rendering_npi,
         arg_min(location, submission_number) AS location,
         arg_min(claim_type, submission_number) AS claim_type,
         arg_min(place_of_service, submission_number) AS place_of_service,
         arg_min(facility_type_code, submission_number) AS facility_type_code,
         arg_min(bill_type, submission_number) AS bill_type,
         arg_min(charge, submission_number) AS charge,
         arg_min(file_id, submission_number) AS charge_file_id,
         arg_min(claim_position, submission_number) AS charge_position,
         min(service_date) AS service_date,
         min(submitted_date) AS first_submitted_date,
         count(*) AS submissions
  FROM stg_claim_submission
  GROUP BY claim_id
),
exported AS (
  SELECT claim_id,
         any_value(payer) AS payer,
         any_value(rendering_provider_npi) AS rendering_npi,
         any_value(location) AS location,
         sum(charge) AS charge,
         arg_min(file_id, (file_id, line_number)) AS charge_file_id,
         arg_min(line_number, (file_id, line_number)) AS charge_position,
         min(service_date) AS service_date,
         any_value(billing_npi) AS billing_npi
  FROM stg_charge
  GROUP BY claim_id
),
remitted AS (
  SELECT r.claim_id,
         arg_min(r.payer_id, (r.adjudication_date, r.file_id, r.claim_position)) FILTER (WHERE NOT r.is_reversal) AS payer_id,
         arg_min(r.charge, (r.adjudication_date, r.file_id, r.claim_position)) FILTER (WHERE NOT r.is_reversal) AS charge,
         arg_min(r.file_id, (r.adjudication_date, r.file_id, r.claim_position)) FILTER (WHERE NOT r.is_reversal) AS charge_file_id,
         arg_min(r.claim_position, (r.adjudication_date, r.file_id, r.claim_position)) FILTER (WHERE NOT r.is_reversal) AS charge_position,
         arg_min(r.payee_npi, (r.adjudication_date, r.file_id, r.claim_position)) AS payee_npi,
         min(coalesce(l.service_date, r.statement_from)) AS service_date
  FROM stg_remit_claim r
  LEFT JOIN (SELECT file_id, claim_position, min(service_date) AS service_date FROM stg_remit_line GROUP BY ALL) l USING (file_id, claim_position)
  GROUP BY r.claim_id
),
ids AS (
  SELECT claim_id FROM billed UNION SELECT claim_id FROM exported UNION SELECT claim_id FROM remitted
)
SELECT ids.claim_id,
       CASE WHEN b.claim_id IS NOT NULL THEN '837' WHEN e.claim_id IS NOT NULL THEN 'charges export' ELSE '835' END AS source,
       coalesce(b.payer_id, CASE WHEN e.claim_id IS NOT NULL AND NOT (regexp_replace(upper(coalesce(e.payer, '')), '[^A-Z]', '', 'g') IN ('', 'SELFPAY')) THEN e.payer END, m.payer_id, 'SELFPAY') AS payer_id,
       b.claim_id IS NULL AND e.claim_id IS NOT NULL AND regexp_replace(upper(coalesce(e.payer, '')), '[^A-Z]', '', 'g') IN ('', 'SELFPAY') AS is_self_pay,
       coalesce(b.billing_npi, e.billing_npi, m.payee_npi) AS billing_npi,
       coalesce(b.rendering_npi, e.rendering_npi) AS rendering_npi,
       coalesce(b.location, ln.name, e.location) AS location,
       b.claim_type,
       b.place_of_service,
       b.facility_type_code,
       b.bill_type,
       coalesce(b.charge, e.charge, m.charge, 0)::DECIMAL(18,2) AS charge,
       CASE WHEN b.claim_id IS NOT NULL THEN b.charge_file_id WHEN e.claim_id IS NOT NULL THEN e.charge_file_id ELSE m.charge_file_id END AS charge_file_id,
       CASE WHEN b.claim_id IS NOT NULL THEN b.charge_position WHEN e.claim_id IS NOT NULL THEN e.charge_position ELSE m.charge_position END AS charge_position,
       coalesce(b.service_date, e.service_date, m.service_date) AS service_date,
       b.first_submitted_date,
       coalesce(b.submissions, 0) AS submissions
FROM ids
LEFT JOIN billed b USING (claim_id)
LEFT JOIN exported e USING (claim_id)
LEFT JOIN remitted m USING (claim_id)
LEFT JOIN stg_location_name ln ON ln.code = e.location
