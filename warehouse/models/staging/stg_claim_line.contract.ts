import { contract } from '../contract.ts';

export default contract('stg_claim_line', { key: ['file_id', 'line_position'], notNull: ['claim_position'] });
