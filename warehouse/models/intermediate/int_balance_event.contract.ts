import { contract } from '../contract.ts';

export default contract('int_balance_event', { key: ['claim_id', 'kind', 'source', 'file_id', 'position'], notNull: ['claim_id', 'kind', 'total_change', 'patient_change'] });
