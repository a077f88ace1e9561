import { contract } from '../contract.ts';

export default contract('int_claim', { key: ['claim_id'], notNull: ['claim_id', 'source', 'charge', 'is_self_pay', 'submissions'] });
