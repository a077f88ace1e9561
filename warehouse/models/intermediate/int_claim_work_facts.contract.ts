import { contract } from '../contract.ts';

export default contract('int_claim_work_facts', {
  key: ['claim_id'],
  notNull: ['claim_id', 'last_adjudication_denied'],
  identities: [
    {
      name: 'facts_through_the_latest',
      description: 'facts_through is on or after every fact of the claim, and missing only when it has none',
      sql: `SELECT claim_id, facts_through FROM int_claim_work_facts
WHERE facts_through < last_submitted_date OR facts_through < last_ack_date OR facts_through < last_adjudicated_date OR facts_through < first_remitted_date
   OR (facts_through IS NULL) <> (last_submitted_date IS NULL AND last_ack_date IS NULL AND first_remitted_date IS NULL)`,
    },
  ],
});
