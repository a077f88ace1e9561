import { contract } from '../contract.ts';

const sent = { claim_number: 'C1', submission_number: 1, file_id: 1 };

export default contract('mart_payer', {
  key: ['payer_id'],
  notNull: ['payer_id', 'payer_name', 'claims'],
  cases: [
    {
      name: 'a payer named two ways on its claims shows the name sent more often (a tie: the one sent latest), before its 835 name; a payer seen only on an 835 shows its 835 name; a payer never named shows its id',
      given: {
        int_claim: [
          { claim_id: 'A1', payer_id: 'ACME' }, { claim_id: 'A2', payer_id: 'ACME' }, { claim_id: 'A3', payer_id: 'ACME' },
          { claim_id: 'B1', payer_id: 'BLUE' }, { claim_id: 'B2', payer_id: 'BLUE' },
          { claim_id: 'S1', payer_id: 'SELFPAY' },
        ],
        stg_claim_submission: [
          { ...sent, claim_position: 1, claim_id: 'A1', payer_id: 'ACME', payer_name: 'ACME HEALTH PLAN', submitted_date: '2025-01-02' },
          { ...sent, claim_position: 2, claim_id: 'A2', payer_id: 'ACME', payer_name: 'ACME HEALTH PLAN', submitted_date: '2025-01-02' },
          { ...sent, claim_position: 3, claim_id: 'A3', payer_id: 'ACME', payer_name: 'ACME', submitted_date: '2025-03-01' },
          { ...sent, claim_position: 4, claim_id: 'B1', payer_id: 'BLUE', payer_name: 'BLUE SHIELD', submitted_date: '2025-01-02' },
          { ...sent, claim_position: 5, claim_id: 'B2', payer_id: 'BLUE', payer_name: 'BLUE SHIELD OF ILLINOIS', submitted_date: '2025-02-03' },
          // a resubmission to another payer: that payer is seen on a claim, though no claim is its
          { ...sent, claim_position: 6, claim_id: 'A1', payer_id: 'MCD', payer_name: '', submission_number: 2, submitted_date: '2025-02-03' },
        ],
        stg_remit_payment: [
          { file_id: 2, transaction_position: 1, payer_id: 'ACME', payer_name: 'ACME INSURANCE CO', payment_date: '2025-02-01' },
          { file_id: 2, transaction_position: 2, payer_id: 'ACME', payer_name: 'ACME INSURANCE CO', payment_date: '2025-03-01' },
          { file_id: 3, transaction_position: 1, payer_id: 'WC', payer_name: 'STATE WORKERS COMP', payment_date: '2025-02-01' },
          { file_id: 3, transaction_position: 2, payer_id: 'WC', payer_name: 'STATE WORKERS COMP', payment_date: '2025-02-15' },
          { file_id: 4, transaction_position: 1, payer_id: 'WC', payer_name: 'WORKERS COMP', payment_date: '2025-03-01' },
        ],
      },
      expect: [
        { payer_id: 'ACME', payer_name: 'ACME HEALTH PLAN', claims: 3 },
        { payer_id: 'BLUE', payer_name: 'BLUE SHIELD OF ILLINOIS', claims: 2 },
        { payer_id: 'SELFPAY', payer_name: 'SELFPAY', claims: 1 },
        { payer_id: 'MCD', payer_name: 'MCD', claims: 0 },
        { payer_id: 'WC', payer_name: 'STATE WORKERS COMP', claims: 0 },
      ],
    },
  ],
});
