import { contract } from '../contract.ts';

const sent = { claim_number: 'C1', submission_number: 1, file_id: 1 };
const limits = (payer_class: string, timely_filing_days: number | null, appeal_days: number | null, follow_up_days: number | null, limits_source: string) =>
  ({ payer_class, timely_filing_days, appeal_days, follow_up_days, limits_source });

export default contract('mart_payer', {
  key: ['payer_id'],
  notNull: ['payer_id', 'payer_name', 'claims', 'payer_class', 'limits_source'],
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
    {
      name: "a payer's class is the most frequent class of its claims' filing indicators (837 and 835, reversals left out; a tie to the first class by name); its limits are its class's defaults unless a profile gives its own (an empty follow-up taking the class's), and a profile's name comes before the 837's",
      given: {
        int_claim: [
          { claim_id: 'M1', payer_id: 'MCR' }, { claim_id: 'M2', payer_id: 'MCR' },
          { claim_id: 'K1', payer_id: 'COMM' },
          { claim_id: 'X1', payer_id: 'MIX' },
          { claim_id: 'S1', payer_id: 'SELFPAY', is_self_pay: true },
        ],
        stg_claim_submission: [
          { ...sent, claim_position: 1, claim_id: 'M1', payer_id: 'MCR', payer_name: 'MEDICARE PART B', filing_indicator: 'MB', submitted_date: '2025-01-02' },
          { ...sent, claim_position: 2, claim_id: 'M2', payer_id: 'MCR', payer_name: 'MEDICARE PART B', filing_indicator: 'MB', submitted_date: '2025-01-02' },
          // one claim sent to Medicare with Medicaid's indicator: the class goes by the most frequent
          { ...sent, claim_position: 3, claim_id: 'M2', payer_id: 'MCR', payer_name: 'MEDICARE PART B', filing_indicator: 'MC', submission_number: 2, submitted_date: '2025-02-02' },
          { ...sent, claim_position: 4, claim_id: 'K1', payer_id: 'COMM', payer_name: 'SUMMIT HLTH', filing_indicator: 'CI', submitted_date: '2025-01-02' },
          { ...sent, claim_position: 5, claim_id: 'X1', payer_id: 'MIX', payer_name: 'MIXED PLAN', filing_indicator: 'MC', submitted_date: '2025-01-02' },
        ],
        stg_remit_claim: [
          { file_id: 2, claim_position: 1, claim_id: 'X1', payer_id: 'MIX', filing_indicator: 'HM', is_reversal: false },
          { file_id: 2, claim_position: 2, claim_id: 'X1', payer_id: 'MIX', filing_indicator: '16', is_reversal: true },
        ],
        stg_payer_profile: [
          { file_id: 9, line_number: 2, payer_id: 'COMM', payer_name: 'SUMMIT HEALTH PLAN', timely_filing_days: 120, appeal_days: 60, follow_up_days: null },
          { file_id: 9, line_number: 3, payer_id: 'WC', payer_name: null, timely_filing_days: 30, appeal_days: 30, follow_up_days: 14 },
        ],
      },
      expect: [
        { payer_id: 'MCR', payer_name: 'MEDICARE PART B', claims: 2, ...limits('medicare', 365, 120, 45, 'default') },
        { payer_id: 'COMM', payer_name: 'SUMMIT HEALTH PLAN', claims: 1, ...limits('commercial', 120, 60, 30, 'profile') },
        { payer_id: 'MIX', payer_name: 'MIXED PLAN', claims: 1, ...limits('commercial', 90, 180, 30, 'default') },
        { payer_id: 'SELFPAY', payer_name: 'SELFPAY', claims: 1, ...limits('self_pay', null, null, null, 'default') },
        // known only by its profile: no claim gives it a class
        { payer_id: 'WC', payer_name: 'WC', claims: 0, ...limits('other', 30, 30, 14, 'profile') },
      ],
    },
  ],
});
