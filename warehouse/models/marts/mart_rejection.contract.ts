import { contract } from '../contract.ts';

const claim = { claim_id: 'R1', billing_npi: '1234567893', rendering_npi: '1111111112', location: 'MAIN' };
const send = { claim_id: 'R1', payer_id: 'ACME', charge: 100, frequency_code: '1' };
const ack = { claim_id: 'R1', file_id: 1, claim_position: 1, submission_number: 1, submitted_date: '2025-04-01' };

export default contract('mart_rejection', {
  key: ['file_id', 'claim_position'],
  notNull: ['claim_id', 'file_id', 'claim_position', 'submission_number', 'charge'],
  identities: [
    {
      name: 'rejection_has_reason',
      description: 'a rejected submission names at least one reason, each dated by its acknowledgment, and only a rejected one names any',
      sql: `SELECT * FROM mart_rejection WHERE (rejected_date IS NOT NULL) <> (coalesce(len(reason_codes), 0) > 0)
   OR coalesce(len(reason_codes), 0) <> coalesce(len(rejection_reasons), 0) OR list_min(list_transform(rejection_reasons, r -> r.ack_date)) <> rejected_date`,
    },
    {
      name: 'lag_after_rejection',
      description: 'a resubmission lag is counted only from a rejection to a next submission sent on or after its date',
      sql: `SELECT * FROM mart_rejection WHERE resubmission_lag_days IS NOT NULL
   AND (rejected_date IS NULL OR next_submitted_date IS NULL OR next_submitted_date < rejected_date OR resubmission_lag_days <> next_submitted_date - rejected_date)`,
    },
  ],
  cases: [
    {
      name: 'a send made before the 999 rejecting the one before it arrived has no lag from that rejection; a void is no submission; each reason keeps its date',
      given: {
        int_claim: [claim],
        stg_claim_submission: [
          { ...send, file_id: 1, claim_position: 1, submission_number: 1, submitted_date: '2025-04-01' },
          // sent again 04-03; the 999 rejecting the first send is dated 04-04
          { ...send, file_id: 2, claim_position: 1, submission_number: 2, submitted_date: '2025-04-03' },
          // the claim voided 04-20: not a submission, not the next one of the second send
          { ...send, file_id: 3, claim_position: 1, submission_number: 3, submitted_date: '2025-04-20', frequency_code: '8' },
        ],
        int_acknowledgment: [
          { ...ack, source: '999', ack_file_id: 10, ack_position: 1, ack_date: '2025-04-04', is_rejected: true, reason: '999 R: the clearinghouse rejected the set' },
          { ...ack, file_id: 2, submission_number: 2, submitted_date: '2025-04-03', source: '277CA', ack_file_id: 11, ack_position: 3, ack_date: '2025-04-05', is_rejected: true, reason: '277CA A7:164:IL: information not valid' },
          { ...ack, file_id: 2, submission_number: 2, submitted_date: '2025-04-03', source: '277CA', ack_file_id: 12, ack_position: 3, ack_date: '2025-04-09', is_rejected: true, reason: '277CA A3:21: returned as unprocessable' },
        ],
        int_rejection_reason: [
          { file_id: 1, claim_position: 1, ack_file_id: 10, ack_position: 1, code: '999 IK5 R:5', meaning: 'the clearinghouse rejected the transaction set' },
          { file_id: 2, claim_position: 1, ack_file_id: 11, ack_position: 3, code: '277CA A7:164:IL', meaning: 'information not valid' },
          { file_id: 2, claim_position: 1, ack_file_id: 12, ack_position: 3, code: '277CA A3:21', meaning: 'returned as unprocessable' },
        ],
      },
      expect: [
        { file_id: 1, submission_number: 1, rejected_date: '2025-04-04', next_submitted_date: '2025-04-03', resubmission_lag_days: null, reason_codes: ['999 IK5 R:5'] },
        { file_id: 2, submission_number: 2, rejected_date: '2025-04-05', next_submitted_date: null, resubmission_lag_days: null, reason_codes: ['277CA A3:21', '277CA A7:164:IL'] },
      ],
    },
  ],
});
