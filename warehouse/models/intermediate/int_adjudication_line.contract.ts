import { contract } from '../contract.ts';

export default contract('int_adjudication_line', { key: ['file_id', 'claim_position', 'line_in_claim'], notNull: ['is_denied'] });
