// The work queues at an as-of date D (metrics.md, "Work queues"): which claim to work, why, and by when.
// Each claim is at most once in a queue; its money is its balance at D (mart_claim_balance); the clock
// counts days to its payer's limit (mart_payer: the practice's payer profile, else its class's defaults),
// negative once passed. A reader sees the claims of their practices only.
import type { Warehouse } from '../database.ts';
import { billedBy, claimsOn } from '../metrics/ar.ts';
import { inPractices } from '../metrics/practice-scope.ts';
import { rejectedAtSql } from '../metrics/rejected-at.ts';
import { dateLiteral } from '../sql.ts';
import { WORK_QUEUES, type WorkQueue } from '../../kernel/work.ts';

/** The queues, as the API and the Work page name them (kernel/work.ts). */
export const QUEUES = WORK_QUEUES;
export type Queue = WorkQueue;

export type QueueRow = {
  queue: Queue;
  claim_id: string;
  payer_id: string;
  practice: string | null;
  balance: string;
  insurance_portion: string;
  patient_portion: string;
  /** Days left to the filing or appeal limit (negative: passed); null where the queue has no limit or the payer none. */
  days_left: number | null;
  /** Since the last submission (no_response), the denial (open_denial), the underpaid record (underpaid), the balance turned negative (credit_balance), the rejection (rejected). */
  days_since: number | null;
  reason: string;
  /** 1 = work first, within the queue. */
  rank: number;
  /** Across the queues whose clock is a deadline (unbilled, rejected, open_denial): days left, then dollars; null in the others. */
  deadline_rank: number | null;
  /** The claim's work state (work_state): 'new' until someone sets it. */
  status: string;
  owner: string | null;
  follow_up: string | null;
};

/** The work facts a claim's balance period carries (mart_claim_balance, from int_claim_work_facts). */
const WORK_FACTS = [
  'negative_since', 'last_submitted_date',
  'last_adjudicated_date', 'last_adjudication_denied', 'last_denial_categories', 'last_denial_carcs', 'last_denial_rarcs', 'first_remitted_date', 'facts_through',
];

/** The queues whose clock is a limit still to meet: one list of what is due first. */
const DEADLINE_QUEUES: readonly Queue[] = ['unbilled', 'rejected', 'open_denial'];

/** The SQL of every queue's rows at D, ranked within each queue. */
export function workQueuesSql(asOf: string, practices?: readonly string[]): string {
  const d = dateLiteral(asOf);
  const scoped = practices === undefined ? 'true' : inPractices('c.billing_npi', practices);
  return `WITH
-- the underpaid (metrics.md, "Expected payment"): a claim whose latest primary 835 record by D, standing at D, left a
-- line short of its fee schedule beyond the tolerance (mart_expected_payment). A later record that pays the difference
-- takes its place and resolves it, as does a work state of done or written_off: an underpayment leaves no balance to
-- close it. Its dollars are the lines' shortfall.
latest_record AS (
  -- the claims with an underpaid line on some record (mart_underpaid_record): their records alone are ranked
  SELECT claim_id, arg_max(file_id, (adjudication_date, file_id, claim_position)) AS file_id,
         arg_max(claim_position, (adjudication_date, file_id, claim_position)) AS claim_position
  FROM mart_underpaid_record WHERE adjudication_date <= ${d} AND (reversed_date IS NULL OR reversed_date > ${d})
  GROUP BY claim_id
),
underpaid AS (
  SELECT u.claim_id, u.adjudication_date, u.underpaid_amount AS dollars, u.underpaid_lines AS lines
  FROM latest_record r JOIN mart_underpaid_record u USING (file_id, claim_position)
  WHERE u.underpaid_amount > 0 AND u.claim_id NOT IN (SELECT claim_id FROM work_state WHERE status IN ('done', 'written_off'))
),
claims AS (
  SELECT c.claim_id, c.payer_id, c.billing_npi, c.is_self_pay, c.service_date, c.first_submitted_date, c.first_adjudicated_date,
         c.total_balance, c.patient_balance, c.insurance_balance, ${billedBy(d)} AS billed,
         p.timely_filing_days, p.appeal_days, p.follow_up_days, c.negative_since,
         c.last_submitted_date,
         c.last_adjudicated_date, c.last_adjudication_denied, c.last_denial_categories, c.last_denial_carcs, c.last_denial_rarcs, c.first_remitted_date, c.facts_through
  FROM (${claimsOn({ asOf, from: asOf, to: asOf }, {}, WORK_FACTS)}) c
  LEFT JOIN mart_payer p USING (payer_id)
  -- a claim with nothing owed either way is in no queue: the facts below are looked up for the others only
  WHERE ${scoped} AND (c.total_balance <> 0 OR c.insurance_balance > 0 OR c.claim_id IN (SELECT claim_id FROM underpaid))
),
-- the claims' latest facts (int_claim_work_facts, on the balance period) where none is after D; the others' facts
-- by D from the history
facts AS (SELECT * FROM claims WHERE coalesce(facts_through, DATE '0001-01-01') <= ${d}),
history AS (SELECT claim_id FROM claims WHERE claim_id NOT IN (SELECT claim_id FROM facts)),
last_submission AS (
  SELECT claim_id, last_submitted_date AS submitted_date FROM facts WHERE last_submitted_date IS NOT NULL
  UNION ALL
  SELECT claim_id, max(submitted_date) FROM stg_claim_submission
  WHERE submitted_date <= ${d} AND claim_id IN (SELECT claim_id FROM history) GROUP BY claim_id
),
-- the claims the front end leaves rejected at D: one definition with the still_rejected metric (rejected-at.ts)
rejected AS (
  SELECT claim_id, rejected_date, reason FROM (${rejectedAtSql(asOf)}) WHERE claim_id IN (SELECT claim_id FROM claims)
),
last_adjudication AS (
  SELECT claim_id, arg_max(file_id, (adjudication_date, file_id, claim_position)) AS file_id,
         arg_max(claim_position, (adjudication_date, file_id, claim_position)) AS claim_position, max(adjudication_date) AS adjudication_date
  FROM int_adjudication WHERE adjudication_date <= ${d} AND NOT is_reversal AND NOT is_secondary AND claim_id IN (SELECT claim_id FROM history) GROUP BY claim_id
),
denied AS (
  SELECT claim_id, last_adjudicated_date AS adjudication_date, last_denial_categories AS categories, last_denial_carcs AS carcs, last_denial_rarcs AS rarcs
  FROM facts WHERE last_adjudication_denied
  UNION ALL
  SELECT a.claim_id, a.adjudication_date,
         list_sort(list_distinct(flatten(list(l.denial_categories)))),
         list_sort(list_distinct(flatten(list(l.denial_carcs) FILTER (WHERE l.denial_carcs IS NOT NULL)))),
         (SELECT list_sort(list_distinct(list(m.code))) FROM remit_remark m WHERE m.file_id = a.file_id AND m.claim_position = a.claim_position)
  FROM last_adjudication a JOIN int_adjudication_line l USING (file_id, claim_position)
  WHERE l.is_denied GROUP BY ALL
),
answered AS (
  SELECT claim_id FROM facts WHERE first_remitted_date IS NOT NULL
  UNION ALL
  SELECT DISTINCT claim_id FROM int_adjudication WHERE adjudication_date <= ${d} AND claim_id IN (SELECT claim_id FROM history)
),
denial_teams AS (
  -- each denial category with the team that owns it (ref_denial_category), for the reason a row gives
  SELECT n.claim_id, string_agg(k.category || coalesce(': ' || r.owner_team, ''), ', ' ORDER BY k.category) AS categories
  FROM denied n CROSS JOIN unnest(n.categories) AS k(category) LEFT JOIN ref_denial_category r ON r.category = k.category
  GROUP BY n.claim_id
),
rows AS (
  SELECT 'unbilled' AS queue, c.*, c.timely_filing_days - (${d} - c.service_date) AS days_left, NULL::INTEGER AS days_since, 'not billed' AS reason
  FROM claims c
  WHERE NOT c.is_self_pay AND c.service_date <= ${d} AND NOT c.billed AND c.total_balance > 0
  UNION ALL
  SELECT 'rejected', c.*, c.timely_filing_days - (${d} - c.service_date), ${d} - k.rejected_date, k.reason
  FROM claims c JOIN rejected k USING (claim_id)
  WHERE c.total_balance > 0
  UNION ALL
  SELECT 'no_response', c.*, c.timely_filing_days - (${d} - c.service_date), ${d} - s.submitted_date,
         'no answer ' || (${d} - s.submitted_date) || ' days after the last submission'
  FROM claims c JOIN last_submission s USING (claim_id)
  WHERE c.claim_id NOT IN (SELECT claim_id FROM answered) AND c.claim_id NOT IN (SELECT claim_id FROM rejected)
    AND ${d} - s.submitted_date > coalesce(c.follow_up_days, 45) AND c.total_balance > 0
  UNION ALL
  SELECT 'open_denial', c.*, c.appeal_days - (${d} - n.adjudication_date), ${d} - n.adjudication_date,
         'denied ' || array_to_string(n.carcs, ' ') || coalesce(' ' || nullif(array_to_string(n.rarcs, ' '), ''), '') || ' (' || t.categories || ')'
  FROM claims c JOIN denied n USING (claim_id) JOIN denial_teams t USING (claim_id)
  WHERE c.insurance_balance > 0
  UNION ALL
  SELECT 'underpaid', c.*, c.appeal_days - (${d} - u.adjudication_date), ${d} - u.adjudication_date,
         'underpaid ' || u.dollars || ' below the fee schedule (' || u.lines || ')'
  FROM claims c JOIN underpaid u USING (claim_id)
  UNION ALL
  SELECT 'credit_balance', c.*, NULL, ${d} - c.negative_since, 'credit balance'
  FROM claims c
  WHERE c.total_balance < 0
)
SELECT queue, r.claim_id, payer_id, billing_npi AS practice, total_balance::VARCHAR AS balance, insurance_balance::VARCHAR AS insurance_portion,
       patient_balance::VARCHAR AS patient_portion, days_left::INTEGER AS days_left, days_since::INTEGER AS days_since, reason,
       row_number() OVER (PARTITION BY queue ORDER BY
         CASE WHEN queue = 'no_response' THEN -(abs(total_balance) * days_since) WHEN queue = 'credit_balance' THEN -days_since
              WHEN queue = 'underpaid' THEN -u.dollars ELSE days_left END NULLS LAST,
         abs(total_balance) DESC, r.claim_id) AS rank,
       CASE WHEN queue IN (${DEADLINE_QUEUES.map((q) => `'${q}'`).join(', ')})
            THEN row_number() OVER (PARTITION BY queue IN (${DEADLINE_QUEUES.map((q) => `'${q}'`).join(', ')}) ORDER BY days_left NULLS LAST, abs(total_balance) DESC, r.claim_id) END AS deadline_rank,
       coalesce(s.status, 'new') AS status, s.owner, strftime(s.follow_up, '%Y-%m-%d') AS follow_up
FROM rows r LEFT JOIN work_state s ON s.claim_id = r.claim_id LEFT JOIN underpaid u ON r.queue = 'underpaid' AND u.claim_id = r.claim_id`;
}

/** Every queue's rows at D (a reader's practices only), ranked within each queue (a page and the counts: work-list.ts). */
export async function workQueues(warehouse: Warehouse, asOf: string, practices?: readonly string[]): Promise<QueueRow[]> {
  const rows = await warehouse.all<Omit<QueueRow, 'rank' | 'deadline_rank'> & { rank: bigint; deadline_rank: bigint | null }>(`${workQueuesSql(asOf, practices)} ORDER BY queue, rank`);
  return rows.map((r) => ({ ...r, rank: Number(r.rank), deadline_rank: r.deadline_rank === null ? null : Number(r.deadline_rank) }));
}
