import { contract } from '../contract.ts';

export default contract('mart_claim_history', { key: ['claim_id', 'source', 'file_id', 'position', 'event_rank', 'event'], notNull: ['claim_id', 'source', 'event', 'balance_delta', 'balance'] });
