import { contract } from '../contract.ts';

export default contract('mart_shared_claim_number', { key: ['patient_control_number'], notNull: ['billing_npis', 'records_without_provider'] });
