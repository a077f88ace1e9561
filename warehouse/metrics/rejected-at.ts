// What the front end says of a claim at an as-of date D, read from mart_rejection and mart_rejection_span: the
// reasons known by D, and the claims it leaves rejected at D, one definition for the still_rejected metric, the
// claim list and the rejected work queue.
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
 * metric, the claim list's drill and the rejected work queue read this one query, a range filter over the days
 * each claim stands rejected (mart_rejection_span).
 */
export function rejectedAtSql(asOf: string): string {
  const d = dateLiteral(asOf);
  // the spans are few: mart_rejection is read only for the claims found, for their reasons given by D
  return `SELECT s.claim_id, s.file_id, s.claim_position, s.submitted_date, s.rejected_date, s.reason, ${reasonsBy(asOf)} AS reason_codes
    FROM mart_rejection_span s JOIN mart_rejection r USING (file_id, claim_position)
    WHERE s.rejected_from <= ${d} AND (s.rejected_to IS NULL OR ${d} < s.rejected_to)`;
}
