// What the front end says of a claim at an as-of date D, read from mart_rejection: the reasons known by D, and
// the claims it leaves rejected at D, one definition for the still_rejected metric, the claim list and the
// rejected work queue.
import { dateLiteral } from '../sql.ts';

/**
 * A mart_rejection row's reasons given by acknowledgments dated on or before D, each once, in code order: the
 * codes ('277CA A7:33:IL'), or their names with our own words ('277CA A7:33:IL: information not valid'). A
 * reason first given after D is not yet known at D.
 */
export function reasonsBy(asOf: string, field: 'code' | 'name' = 'code'): string {
  return `list_transform(list_filter(rejection_reasons, r -> r.ack_date <= ${dateLiteral(asOf)}), r -> r.${field})`;
}

/**
 * The claims the front end leaves rejected at D (metrics.md, the rejected work queue): the latest
 * acknowledgment dated on or before D of the claim's latest submission by D is a rejection (a 999 R, a 277CA
 * A3/A4/A6/A7/A8), so no submission by D came after it and no later word accepted it. One row per claim: that
 * submission, the rejection's date and words, and the submission's reason codes given by D. The still_rejected
 * metric, the claim list's drill and the rejected work queue read this one query.
 */
export function rejectedAtSql(asOf: string): string {
  const d = dateLiteral(asOf);
  // only a claim with a submission rejected by D can be: its sends alone are ranked
  return `SELECT claim_id, file_id, claim_position, submitted_date, last_word.ack_date AS rejected_date, last_word.reason AS reason, ${reasonsBy(asOf)} AS reason_codes
    FROM (SELECT *, list_filter(acknowledgments, a -> a.ack_date <= ${d})[-1] AS last_word FROM mart_rejection
          WHERE submitted_date <= ${d} AND claim_id IN (SELECT claim_id FROM mart_rejection WHERE rejected_date <= ${d})
          QUALIFY row_number() OVER (PARTITION BY claim_id ORDER BY submission_number DESC) = 1)
    WHERE last_word.is_rejected`;
}
