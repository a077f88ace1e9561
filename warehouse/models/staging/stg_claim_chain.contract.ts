import { contract } from '../contract.ts';

export default contract('stg_claim_chain', {
  key: ['claim_id'],
  notNull: ['root'],
  identities: [
    {
      name: 'root_is_first',
      description: 'the first claim of a chain replaces nothing itself (a chain walked to its end, not stopped by a loop)',
      sql: 'SELECT c.claim_id, c.root FROM stg_claim_chain c JOIN stg_claim_chain r ON r.claim_id = c.root',
    },
  ],
});
