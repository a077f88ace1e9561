import { contract } from '../contract.ts';

export default contract('stg_remit_claim', { key: ['file_id', 'claim_position'], notNull: ['claim_id', 'is_reversal'] });
