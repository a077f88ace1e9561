import { contract } from '../contract.ts';

export default contract('stg_claim_ack_999', { key: ['ack_file_id', 'set_position', 'claim_file_id', 'claim_position'], notNull: ['is_rejected'] });
