import { contract } from '../contract.ts';

const send = { billing_npi: '1234567893', rendering_npi: '1111111112', location: 'MAIN', claim_position: 1, submitted_date: '2025-04-01', next_submitted_date: null };
const ack = { claim_position: 1, submission_number: 1, submitted_date: '2025-04-01' };
const rejected999 = { source: '999', is_rejected: true, reason: '999 R: the clearinghouse rejected the set' };
const accepted999 = { source: '999', is_rejected: false, reason: '999 A' };

export default contract('mart_rejection_span', {
  key: ['file_id', 'claim_position', 'rejected_date'],
  notNull: ['claim_id', 'file_id', 'claim_position', 'submitted_date', 'rejected_date', 'rejected_from'],
  identities: [
    {
      name: 'span_not_empty',
      description: 'a span starts on or after its rejection and its submission and ends, when it does, after it starts',
      sql: `SELECT * FROM mart_rejection_span WHERE rejected_from < rejected_date OR rejected_from < submitted_date OR rejected_to <= rejected_from`,
    },
    {
      name: 'one_span_a_day',
      description: 'a claim stands rejected by at most one span on any day: its spans do not overlap',
      sql: `SELECT * FROM (SELECT *, lead(rejected_from) OVER (PARTITION BY claim_id ORDER BY rejected_from) AS next_from FROM mart_rejection_span)
   WHERE next_from IS NOT NULL AND (rejected_to IS NULL OR rejected_to > next_from)`,
    },
  ],
  cases: [
    {
      name: 'a rejection later accepted ends there; two rejections the same day are one, the 277CA\'s; a resubmission ends a span, a void does not; a send before the rejection arrived is never rejected',
      given: {
        mart_rejection: [
          // A: rejected 04-03, accepted 04-08
          { ...send, claim_id: 'A', file_id: 1, rejected_date: '2025-04-03' },
          // B: a 999 and a 277CA both reject it 04-02 (the 277CA's file numbered first)
          { ...send, claim_id: 'B', file_id: 3, rejected_date: '2025-04-02' },
          // C: rejected 04-02, sent again 04-10 (accepted 04-11); then voided 04-20 (a void is no submission: not here)
          { ...send, claim_id: 'C', file_id: 4, rejected_date: '2025-04-02', next_submitted_date: '2025-04-10' },
          { ...send, claim_id: 'C', file_id: 5, submitted_date: '2025-04-10' },
          // D: sent 04-01 and again 04-03; the 999 rejecting the first arrives 04-04
          { ...send, claim_id: 'D', file_id: 7, rejected_date: '2025-04-04', next_submitted_date: '2025-04-03' },
          { ...send, claim_id: 'D', file_id: 8, submitted_date: '2025-04-03' },
          // E: rejected 04-02, voided 04-20
          { ...send, claim_id: 'E', file_id: 9, rejected_date: '2025-04-02' },
        ],
        int_acknowledgment: [
          { ...ack, claim_id: 'A', file_id: 1, source: '277CA', ack_file_id: 20, ack_position: 3, ack_date: '2025-04-03', is_rejected: true, reason: '277CA A7:164:IL: information not valid' },
          { ...ack, claim_id: 'A', file_id: 1, source: '277CA', ack_file_id: 21, ack_position: 3, ack_date: '2025-04-08', is_rejected: false, reason: '277CA A2:20' },
          { ...ack, claim_id: 'B', file_id: 3, ...rejected999, ack_file_id: 31, ack_position: 1, ack_date: '2025-04-02' },
          { ...ack, claim_id: 'B', file_id: 3, source: '277CA', ack_file_id: 30, ack_position: 2, ack_date: '2025-04-02', is_rejected: true, reason: '277CA A3:21: returned as unprocessable' },
          { ...ack, claim_id: 'C', file_id: 4, ...rejected999, ack_file_id: 40, ack_position: 1, ack_date: '2025-04-02' },
          { ...ack, claim_id: 'C', file_id: 5, submission_number: 2, submitted_date: '2025-04-10', ...accepted999, ack_file_id: 41, ack_position: 1, ack_date: '2025-04-11' },
          { ...ack, claim_id: 'C', file_id: 6, submission_number: 3, submitted_date: '2025-04-20', ...accepted999, ack_file_id: 42, ack_position: 1, ack_date: '2025-04-21' },
          { ...ack, claim_id: 'D', file_id: 7, ...rejected999, ack_file_id: 70, ack_position: 1, ack_date: '2025-04-04' },
          { ...ack, claim_id: 'E', file_id: 9, ...rejected999, ack_file_id: 90, ack_position: 1, ack_date: '2025-04-02' },
          { ...ack, claim_id: 'E', file_id: 10, submission_number: 2, submitted_date: '2025-04-20', ...accepted999, ack_file_id: 91, ack_position: 1, ack_date: '2025-04-21' },
        ],
      },
      expect: [
        { claim_id: 'A', file_id: 1, rejected_date: '2025-04-03', rejected_from: '2025-04-03', rejected_to: '2025-04-08', reason: '277CA A7:164:IL: information not valid' },
        { claim_id: 'B', file_id: 3, rejected_date: '2025-04-02', rejected_from: '2025-04-02', rejected_to: null, reason: '277CA A3:21: returned as unprocessable' },
        { claim_id: 'C', file_id: 4, rejected_date: '2025-04-02', rejected_from: '2025-04-02', rejected_to: '2025-04-10', reason: '999 R: the clearinghouse rejected the set' },
        { claim_id: 'E', file_id: 9, rejected_date: '2025-04-02', rejected_from: '2025-04-02', rejected_to: null, reason: '999 R: the clearinghouse rejected the set' },
      ],
    },
  ],
});
