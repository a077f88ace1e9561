import { contract } from '../contract.ts';

export default contract('mart_file_practice', { key: ['file_id', 'billing_npi'], notNull: ['file_id', 'billing_npi'] });
