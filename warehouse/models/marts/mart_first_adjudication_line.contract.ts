import { contract } from '../contract.ts';

export default contract('mart_first_adjudication_line', { key: ['file_id', 'claim_position', 'line_in_claim'], notNull: ['claim_id', 'is_denied', 'claim_denied_as_duplicate'] });
