import { contract } from '../contract.ts';

export default contract('int_acknowledgment', {
  key: ['source', 'ack_file_id', 'ack_position', 'file_id', 'claim_position'],
  notNull: ['claim_id', 'file_id', 'claim_position', 'submission_number', 'source', 'is_rejected', 'reason'],
});
