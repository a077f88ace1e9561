import { contract } from '../contract.ts';

export default contract('stg_claim_resubmission', { key: ['file_id', 'claim_position'], notNull: ['claim_number', 'kind', 'original_claim_number', 'linked_by'] });
