import { contract } from '../contract.ts';

const claim = { claim_id: 'W1', is_self_pay: false, service_date: '2025-01-06', charge: 400, charge_file_id: 1, charge_position: 10 };
const posting = (line_number: number, posting_type: string, amount: number, reason_code: string | null, is_patient_portion = false) =>
  ({ file_id: 5, line_number, claim_id: 'W1', posting_date: '2025-03-01', posting_type, amount, is_patient_portion, reason_code });

export default contract('int_balance_event', {
  key: ['claim_id', 'kind', 'source', 'file_id', 'position'],
  notNull: ['claim_id', 'kind', 'total_change', 'patient_change'],
  identities: [
    {
      name: 'classed_reductions',
      description: 'every payer adjustment and write-off has an adjustment class of ref_adjustment_class; nothing else has one',
      sql: `SELECT claim_id, kind, source, file_id, position, adjustment_class
FROM int_balance_event e
WHERE (kind IN ('payer_adjustments', 'write_offs')) <> (adjustment_class IS NOT NULL)
   OR (adjustment_class IS NOT NULL AND adjustment_class NOT IN (SELECT class FROM ref_adjustment_class))`,
    },
  ],
  cases: [
    {
      name: "a posting's class comes from its type and reason, trimmed and upper-cased; a write-off of no known reason is unclassified, a manual adjustment of none contractual",
      given: {
        int_claim: [claim],
        stg_posting: [
          posting(1, 'write_off', 100, 'DENIAL'),
          posting(2, 'write_off', 40, ' self_pay_discount ', true),
          posting(3, 'write_off', 30, 'BAD_DEBT', true),
          posting(4, 'write_off', 20, 'WHATEVER'),
          posting(5, 'write_off', 10, null),
          posting(6, 'adjustment', 15, 'RECLASS'),
          posting(7, 'patient_payment', 25, 'COPAY', true),
        ],
      },
      expect: [
        { kind: 'charges', source: 'service', position: 10, total_change: 400, adjustment_class: null },
        { kind: 'write_offs', source: 'posting', position: 1, total_change: -100, adjustment_class: 'denial' },
        { kind: 'write_offs', source: 'posting', position: 2, total_change: -40, adjustment_class: 'policy' },
        { kind: 'write_offs', source: 'posting', position: 3, total_change: -30, adjustment_class: 'bad_debt' },
        { kind: 'write_offs', source: 'posting', position: 4, total_change: -20, adjustment_class: 'unclassified' },
        { kind: 'write_offs', source: 'posting', position: 5, total_change: -10, adjustment_class: 'unclassified' },
        { kind: 'payer_adjustments', source: 'posting', position: 6, total_change: -15, adjustment_class: 'contractual' },
        { kind: 'patient_payments', source: 'posting', position: 7, total_change: -25, adjustment_class: null },
      ],
    },
  ],
});
