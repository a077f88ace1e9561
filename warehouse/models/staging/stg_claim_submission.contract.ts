import { contract } from '../contract.ts';

export default contract('stg_claim_submission', { key: ['file_id', 'claim_position'], notNull: ['claim_id', 'claim_number', 'submission_number'] });
