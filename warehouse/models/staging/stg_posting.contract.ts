import { contract } from '../contract.ts';

export default contract('stg_posting', { key: ['file_id', 'line_number'], notNull: ['claim_id', 'posting_type', 'amount', 'is_patient_portion'] });
