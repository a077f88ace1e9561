-- grain: one effective price: a payer, a procedure code, a modifier (NULL: any modifier) and a date range
-- (both ends inclusive; effective_to NULL: open-ended) with the allowed amount per unit. For one payer,
-- code, modifier and date at most one row applies.
-- Two steps. The payer's own schedule: a fee-schedule row loaded later (file_id, then line_number) replaces
-- the earlier rows of its payer, code and modifier where their dates overlap; an earlier row keeps the
-- dates nothing later covers, split in pieces when a later row sits inside it. The rules: a rule prices a
-- payer at percent % of the base payer's own schedule (not of the base payer's rules), rounded to the cent
-- half away from zero, over the dates both cover. On a payer's code and date its own schedule rows win
-- over every rule row whatever their modifiers; else a rule naming the code wins over a rule for every
-- code; between rules of one kind the one loaded later wins.
-- Both steps cut each key's dates at every row's start and the day after its end; on each piece the
-- winner is picked, and touching pieces with the same winner are joined again.
WITH schedule_row AS (
  SELECT payer_id, procedure_code, coalesce(modifier, '') AS modifier_key, effective_from AS date_from,
         coalesce(effective_to, DATE '9999-12-31') AS date_to, allowed, file_id, line_number
  FROM fee_schedule
),
schedule_point AS (
  SELECT DISTINCT payer_id, procedure_code, modifier_key, point FROM (
    SELECT payer_id, procedure_code, modifier_key, date_from AS point FROM schedule_row
    UNION ALL
    SELECT payer_id, procedure_code, modifier_key, date_to + 1 FROM schedule_row
  )
),
schedule_segment AS (
  SELECT * FROM (
    SELECT payer_id, procedure_code, modifier_key, point AS segment_from,
           lead(point) OVER (PARTITION BY payer_id, procedure_code, modifier_key ORDER BY point) - 1 AS segment_to
    FROM schedule_point
  ) WHERE segment_to IS NOT NULL
),
schedule_winner AS (
  SELECT s.payer_id, s.procedure_code, s.modifier_key, s.segment_from, s.segment_to, r.allowed, r.file_id, r.line_number
  FROM schedule_segment s
  JOIN schedule_row r
    ON r.payer_id = s.payer_id AND r.procedure_code = s.procedure_code AND r.modifier_key = s.modifier_key
   AND r.date_from <= s.segment_from AND r.date_to >= s.segment_to
  QUALIFY row_number() OVER (PARTITION BY s.payer_id, s.procedure_code, s.modifier_key, s.segment_from
                             ORDER BY r.file_id DESC, r.line_number DESC) = 1
),
-- the payer's own schedule after replacement: one row per piece a row kept
schedule_piece AS (
  SELECT payer_id, procedure_code, modifier_key, min(segment_from) AS date_from, max(segment_to) AS date_to,
         any_value(allowed) AS allowed, file_id, line_number
  FROM (
    SELECT *, sum(CASE WHEN segment_from = previous_to + 1 THEN 0 ELSE 1 END)
                OVER (PARTITION BY payer_id, procedure_code, modifier_key, file_id, line_number ORDER BY segment_from) AS island
    FROM (
      SELECT *, lag(segment_to) OVER (PARTITION BY payer_id, procedure_code, modifier_key, file_id, line_number ORDER BY segment_from) AS previous_to
      FROM schedule_winner
    )
  )
  GROUP BY payer_id, procedure_code, modifier_key, file_id, line_number, island
),
-- tier: 2 the payer's own schedule, 1 a rule naming the code, 0 a rule for every code
candidate AS (
  SELECT payer_id, procedure_code, modifier_key, date_from, date_to, allowed, 'schedule' AS source,
         2 AS tier, file_id, line_number, 0 AS base_file_id, 0 AS base_line_number
  FROM schedule_piece
  UNION ALL
  SELECT r.payer_id, b.procedure_code, b.modifier_key,
         greatest(r.effective_from, b.date_from), least(coalesce(r.effective_to, DATE '9999-12-31'), b.date_to),
         CAST(round(CAST(b.allowed AS DECIMAL(38,2)) * r.percent * 0.01, 2) AS DECIMAL(18,2)),
         'rule: ' || rtrim(rtrim(CAST(r.percent AS VARCHAR), '0'), '.') || ' % of ' || r.base_payer_id,
         CASE WHEN r.procedure_code IS NULL THEN 0 ELSE 1 END, r.file_id, r.line_number, b.file_id, b.line_number
  FROM fee_schedule_rule r
  JOIN schedule_piece b
    ON b.payer_id = r.base_payer_id AND (r.procedure_code IS NULL OR r.procedure_code = b.procedure_code)
   AND b.date_from <= coalesce(r.effective_to, DATE '9999-12-31') AND b.date_to >= r.effective_from
),
candidate_point AS (
  SELECT DISTINCT payer_id, procedure_code, point FROM (
    SELECT payer_id, procedure_code, date_from AS point FROM candidate
    UNION ALL
    SELECT payer_id, procedure_code, date_to + 1 FROM candidate
  )
),
candidate_segment AS (
  SELECT * FROM (
    SELECT payer_id, procedure_code, point AS segment_from,
           lead(point) OVER (PARTITION BY payer_id, procedure_code ORDER BY point) - 1 AS segment_to
    FROM candidate_point
  ) WHERE segment_to IS NOT NULL
),
-- on each piece of a payer's code: the own schedule's rows if any, else the rows of the winning rule
candidate_winner AS (
  SELECT s.payer_id, s.procedure_code, c.modifier_key, s.segment_from, s.segment_to, c.allowed, c.source,
         c.tier, c.file_id, c.line_number, c.base_file_id, c.base_line_number
  FROM candidate_segment s
  JOIN candidate c
    ON c.payer_id = s.payer_id AND c.procedure_code = s.procedure_code
   AND c.date_from <= s.segment_from AND c.date_to >= s.segment_to
  QUALIFY dense_rank() OVER (PARTITION BY s.payer_id, s.procedure_code, s.segment_from
                             ORDER BY c.tier DESC,
                                      CASE WHEN c.tier = 2 THEN 0 ELSE c.file_id END DESC,
                                      CASE WHEN c.tier = 2 THEN 0 ELSE c.line_number END DESC) = 1
)
SELECT payer_id, procedure_code, nullif(modifier_key, '') AS modifier, min(segment_from) AS effective_from,
       nullif(max(segment_to), DATE '9999-12-31') AS effective_to, any_value(allowed) AS allowed, any_value(source) AS source
FROM (
  SELECT *, sum(CASE WHEN segment_from = previous_to + 1 THEN 0 ELSE 1 END)
              OVER (PARTITION BY payer_id, procedure_code, modifier_key, tier, file_id, line_number, base_file_id, base_line_number
                    ORDER BY segment_from) AS island
  FROM (
    SELECT *, lag(segment_to) OVER (PARTITION BY payer_id, procedure_code, modifier_key, tier, file_id, line_number, base_file_id, base_line_number
                                    ORDER BY segment_from) AS previous_to
    FROM candidate_winner
  )
)
GROUP BY payer_id, procedure_code, modifier_key, tier, file_id, line_number, base_file_id, base_line_number, island
