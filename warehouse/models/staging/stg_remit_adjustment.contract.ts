import { contract } from '../contract.ts';

export default contract('stg_remit_adjustment', { key: ['file_id', 'segment_position', 'triplet'], notNull: ['claim_position', 'group_code', 'amount', 'category', 'is_denial'] });
