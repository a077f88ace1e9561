import { contract } from '../contract.ts';

export default contract('int_rejection_reason', {
  key: ['ack_file_id', 'ack_position', 'file_id', 'claim_position', 'code'],
  notNull: ['file_id', 'claim_position', 'ack_file_id', 'ack_position', 'code', 'meaning'],
});
