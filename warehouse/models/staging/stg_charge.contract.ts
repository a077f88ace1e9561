import { contract } from '../contract.ts';

export default contract('stg_charge', { key: ['file_id', 'line_number'], notNull: ['claim_id', 'charge'] });
