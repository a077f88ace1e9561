-- grain: one service line of an 837 claim as sent, with its diagnoses resolved from the pointers.
SELECT l.file_id,
       l.line_position,
       l.claim_position,
       l.procedure_code,
       concat_ws(' ', l.modifier_1, l.modifier_2, l.modifier_3, l.modifier_4) AS modifiers,
       l.charge,
       l.units,
       l.service_date,
       l.line_control_number,
       l.diagnosis_code_1 AS diagnosis_code,
       l.rendering_provider_npi
FROM claim_line l
