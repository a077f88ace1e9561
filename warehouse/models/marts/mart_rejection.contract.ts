import { contract } from '../contract.ts';

export default contract('mart_rejection', {
  key: ['file_id', 'claim_position'],
  notNull: ['claim_id', 'file_id', 'claim_position', 'submission_number', 'charge'],
  identities: [
    {
      name: 'rejection_has_reason',
      description: 'a rejected submission names at least one reason, and only a rejected one names any',
      sql: `SELECT * FROM mart_rejection WHERE (rejected_date IS NOT NULL) <> (coalesce(len(reason_codes), 0) > 0)`,
    },
    {
      name: 'lag_after_rejection',
      description: 'a resubmission lag is counted only from a rejection to the next submission',
      sql: `SELECT * FROM mart_rejection WHERE resubmission_lag_days IS NOT NULL AND (rejected_date IS NULL OR next_submitted_date IS NULL)`,
    },
  ],
});
