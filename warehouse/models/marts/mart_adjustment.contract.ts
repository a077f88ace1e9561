import { contract } from '../contract.ts';

const event = (claim_id: string, kind: string, event_date: string, total_change: number, position: number, adjustment_class: string | null = null, source = 'posting') =>
  ({ claim_id, kind, source, file_id: 7, position, event_date, total_change, patient_change: 0, adjustment_class });

export default contract('mart_adjustment', {
  key: ['claim_id', 'kind', 'source', 'file_id', 'position', 'event_date'],
  notNull: ['claim_id', 'kind', 'source', 'event_date', 'event_month', 'adjustment_class', 'amount', 'denial_categories', 'denial_cpts'],
  identities: [
    {
      name: 'every_classed_reduction',
      description: 'the classed rows add up to the payer adjustments and write-offs of int_balance_event, claim by claim and class by class',
      sql: `WITH events AS (
  SELECT claim_id, adjustment_class, -sum(total_change) AS amount FROM int_balance_event
  WHERE adjustment_class IS NOT NULL AND event_date IS NOT NULL AND claim_id IN (SELECT claim_id FROM mart_claim) GROUP BY ALL
), mart AS (
  SELECT claim_id, adjustment_class, sum(amount) AS amount FROM mart_adjustment WHERE kind <> 'recovery' GROUP BY ALL
)
SELECT * FROM events e FULL JOIN mart m USING (claim_id, adjustment_class) WHERE e.amount IS DISTINCT FROM m.amount`,
    },
    {
      name: 'recoveries_within_write_offs',
      description: "a claim's recoveries never exceed its denial write-offs, nor go below nothing",
      sql: `SELECT claim_id, sum(amount) FILTER (WHERE kind <> 'recovery') AS written, -sum(amount) FILTER (WHERE kind = 'recovery') AS recovered
FROM mart_adjustment WHERE adjustment_class = 'denial' GROUP BY claim_id
HAVING -sum(amount) FILTER (WHERE kind = 'recovery') NOT BETWEEN 0 AND sum(amount) FILTER (WHERE kind <> 'recovery')`,
    },
  ],
  cases: [
    {
      name: 'a denial written off and later paid: the credit it makes nets it, never beyond what was written off; money the patient still owed recovers nothing',
      given: {
        int_balance_event: [
          event('D1', 'charges', '2025-01-06', 300, 1, null, 'service'),
          event('D1', 'payer_adjustments', '2025-02-03', -60, 2, 'contractual', '835'),
          event('D1', 'patient_payments', '2025-02-10', -140, 3),
          event('D1', 'write_offs', '2025-03-03', -100, 4, 'denial'),
          // paid on the write-off's day: a credit already there, not later money
          event('D1', 'patient_payments', '2025-03-03', -10, 5),
          event('D1', 'insurance_paid', '2025-04-01', -30, 6, null, '835'),
          // beyond the write-off: held at 100; a refund that leaves the credit above it changes nothing
          event('D1', 'insurance_paid', '2025-05-01', -90, 7, null, '835'),
          event('D1', 'refunds', '2025-06-01', 20, 8),
          event('D2', 'charges', '2025-01-06', 100, 1, null, 'service'),
          event('D2', 'write_offs', '2025-03-03', -80, 2, 'denial'),
          event('D2', 'patient_payments', '2025-04-01', -20, 3),
        ],
        mart_claim: [
          { claim_id: 'D1', payer_id: 'ACME', billing_npi: '1234567893', rendering_npi: '1999999984', location: 'MAIN', first_denial_record_categories: ['authorization'], first_denial_record_carcs: ['197'], first_denial_record_cpts: ['73721'] },
          { claim_id: 'D2', payer_id: 'ACME', billing_npi: '1234567893', rendering_npi: '1999999984', location: 'MAIN', first_denial_record_categories: null, first_denial_record_carcs: null, first_denial_record_cpts: null },
        ],
      },
      expect: [
        { claim_id: 'D1', kind: 'payer_adjustments', position: 2, event_month: '2025-02', adjustment_class: 'contractual', amount: 60, denial_categories: ['authorization'], denial_cpts: ['73721'] },
        { claim_id: 'D1', kind: 'write_offs', position: 4, event_month: '2025-03', adjustment_class: 'denial', amount: 100, denial_categories: ['authorization'], denial_cpts: ['73721'] },
        { claim_id: 'D1', kind: 'recovery', position: null, event_month: '2025-04', adjustment_class: 'denial', amount: -30, denial_categories: ['authorization'], denial_cpts: ['73721'] },
        { claim_id: 'D1', kind: 'recovery', position: null, event_month: '2025-05', adjustment_class: 'denial', amount: -60, denial_categories: ['authorization'], denial_cpts: ['73721'] },
        { claim_id: 'D2', kind: 'write_offs', position: 2, event_month: '2025-03', adjustment_class: 'denial', amount: 80, denial_categories: ['(unknown)'], denial_cpts: ['(unknown)'] },
      ],
    },
  ],
});
