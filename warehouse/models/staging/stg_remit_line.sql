-- grain: one 835 service line (SVC) with its procedure, modifiers and money (the allowed amount when AMT*B6 sends it), of the payments counted
-- (stg_remit_payment: a remittance sent twice has its lines once).
SELECT l.file_id,
       l.line_position,
       l.claim_position,
       row_number() OVER (PARTITION BY l.file_id, l.claim_position ORDER BY l.line_position) AS line_in_claim,
       l.procedure_code,
       concat_ws(' ', l.modifier_1, l.modifier_2, l.modifier_3, l.modifier_4) AS modifiers,
       l.modifier_1,
       coalesce(l.charge, 0) AS charge,
       coalesce(l.paid, 0) AS paid,
       l.units,
       coalesce(l.service_date, l.service_start) AS service_date,
       l.line_control_number,
       l.allowed_amount
FROM remit_service_line l
JOIN remit_claim c USING (file_id, claim_position)
SEMI JOIN stg_remit_payment p ON p.file_id = c.file_id AND p.transaction_position = c.transaction_position
