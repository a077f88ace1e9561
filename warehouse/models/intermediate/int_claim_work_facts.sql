-- grain: one claim, with the latest facts the work queues read, over everything loaded: its last submission,
-- the date of the front end's last word on it (int_acknowledgment; what that word was at a date is
-- mart_rejection's, read by one query for the queue and the metric), its last primary adjudication that is not a reversal with its denied lines'
-- categories and CARCs and the record's remark codes (RARCs), when an 835 first answered it, and facts_through: the latest date of all of these. A
-- queue at an as-of date on or after facts_through reads them as they are; an earlier date looks in the history.
WITH submissions AS (
  SELECT claim_id, max(submitted_date) AS last_submitted_date FROM stg_claim_submission GROUP BY claim_id
),
acknowledgments AS (
  SELECT claim_id, max(ack_date) AS last_ack_date
  FROM int_acknowledgment WHERE ack_date IS NOT NULL GROUP BY claim_id
),
last_record AS (
  SELECT claim_id, max(adjudication_date) AS last_adjudicated_date,
         arg_max(file_id, (adjudication_date, file_id, claim_position)) AS file_id,
         arg_max(claim_position, (adjudication_date, file_id, claim_position)) AS claim_position
  FROM int_adjudication WHERE NOT is_reversal AND NOT is_secondary GROUP BY claim_id
),
denials AS (
  SELECT r.claim_id,
         list_sort(list_distinct(flatten(list(l.denial_categories)))) AS categories,
         list_sort(list_distinct(flatten(list(l.denial_carcs) FILTER (WHERE l.denial_carcs IS NOT NULL)))) AS carcs
  FROM last_record r JOIN int_adjudication_line l USING (file_id, claim_position)
  WHERE l.is_denied GROUP BY r.claim_id
),
remarks AS (
  SELECT r.claim_id, list_sort(list_distinct(list(m.code))) AS rarcs
  FROM last_record r JOIN remit_remark m ON m.file_id = r.file_id AND m.claim_position = r.claim_position
  GROUP BY r.claim_id
),
remitted AS (
  SELECT claim_id, min(adjudication_date) AS first_remitted_date, max(adjudication_date) AS last_remitted_date FROM int_adjudication GROUP BY claim_id
)
SELECT c.claim_id, s.last_submitted_date,
       k.last_ack_date,
       r.last_adjudicated_date, n.claim_id IS NOT NULL AS last_adjudication_denied, n.categories AS last_denial_categories, n.carcs AS last_denial_carcs, rm.rarcs AS last_denial_rarcs,
       m.first_remitted_date,
       greatest(s.last_submitted_date, k.last_ack_date, m.last_remitted_date) AS facts_through
FROM int_claim c
LEFT JOIN submissions s USING (claim_id)
LEFT JOIN acknowledgments k USING (claim_id)
LEFT JOIN last_record r USING (claim_id)
LEFT JOIN denials n USING (claim_id)
LEFT JOIN remitted m USING (claim_id)
LEFT JOIN remarks rm USING (claim_id)
