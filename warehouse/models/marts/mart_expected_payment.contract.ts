import { contract } from '../contract.ts';

let position = 0;
const line = (payer_id: string, procedure_code: string, paid: number, actual_allowed: number, more: Record<string, string | number | boolean | null> = {}) => {
  position += 1;
  return {
    claim_id: `E${position}`, file_id: 1, claim_position: position, line_position: position, line_in_claim: 1, payer_id, billing_npi: '1234567893',
    adjudication_date: '2025-03-20', adjudication_month: '2025-03', service_date: '2025-03-03', procedure_code, modifier_1: null, units: 1,
    paid, actual_allowed, is_denied: false, ...more,
  };
};
const price = (payer_id: string, procedure_code: string, allowed: number, more: Record<string, string | null> = {}) =>
  ({ payer_id, procedure_code, modifier: null, effective_from: '2025-01-01', effective_to: null, allowed, source: 'fee_schedule', ...more });

const schedule = [
  price('SUMMT', '99213', 81.2), price('SUMMT', '99214', 121.8), price('MCRB1', '99213', 58.8),
  // a price for modifier 25 alone, and one that ended before the lines' date of service
  price('SUMMT', '99214', 130, { modifier: '25' }), price('SUMMT', '99213', 70, { effective_to: '2024-12-31', effective_from: '2024-01-01' }),
];

export default contract('mart_expected_payment', {
  key: ['file_id', 'line_position'],
  notNull: ['claim_id', 'payer_id', 'actual_allowed', 'status', 'underpaid_amount'],
  identities: [
    {
      name: 'underpaid_beyond_tolerance',
      description: 'an underpaid line is short of its expected allowed by more than its tolerance, and only an underpaid line has an underpaid amount',
      sql: `SELECT * FROM mart_expected_payment
WHERE (status = 'underpaid') <> (underpaid_amount > 0) OR (status = 'underpaid' AND underpaid_amount <> expected_allowed - actual_allowed)
   OR (status IN ('underpaid', 'overpaid', 'as_expected')) <> (expected_allowed IS NOT NULL AND status <> 'denied')`,
    },
  ],
  cases: [
    {
      name: 'the hand case of metrics.md "Expected payment": two lines $6.80 short, sequestration is no underpayment, a denied line is a denial; the first modifier’s own price; a price applies within its dates only; units multiply the price',
      given: {
        int_remit_line_allowed: [
          line('SUMMT', '99213', 61.2, 81.2),
          line('SUMMT', '99214', 85, 115),
          line('SUMMT', '99214', 115, 115),
          line('MCRB1', '99213', 46.1, 58.8),
          line('MCRB1', '99213', 0, 0, { is_denied: true }),
          line('SUMMT', '99214', 130, 130, { modifier_1: '25' }),
          line('SUMMT', '99213', 70, 70, { service_date: '2024-06-01' }),
          line('MCRB1', '99214', 90, 90),
          line('SUMMT', '99213', 40.6, 162.4, { units: 2 }),
        ],
        stg_fee_schedule: schedule,
      },
      expect: [
        { claim_id: 'E1', expected_allowed: 81.2, variance: 0, status: 'as_expected', underpaid_amount: 0 },
        { claim_id: 'E2', expected_allowed: 121.8, variance: -6.8, status: 'underpaid', underpaid_amount: 6.8 },
        { claim_id: 'E3', expected_allowed: 121.8, variance: -6.8, status: 'underpaid', underpaid_amount: 6.8 },
        { claim_id: 'E4', expected_allowed: 58.8, variance: 0, status: 'as_expected', underpaid_amount: 0 },
        { claim_id: 'E5', expected_allowed: 58.8, variance: -58.8, status: 'denied', underpaid_amount: 0 },
        { claim_id: 'E6', expected_allowed: 130, variance: 0, status: 'as_expected', underpaid_amount: 0 },
        { claim_id: 'E7', expected_allowed: 70, variance: 0, status: 'as_expected', underpaid_amount: 0 },
        { claim_id: 'E8', expected_allowed: null, variance: null, status: 'no_expectation', underpaid_amount: 0 },
        { claim_id: 'E9', expected_allowed: 162.4, variance: 0, status: 'as_expected', underpaid_amount: 0 },
      ],
    },
    {
      name: 'the tolerance: the larger of $0.50 and 1 % of expected by default ($0.40 and $0.81 short of $81.20 are not underpaid, $0.82 is; $1.00 over is overpaid), a payer’s own row instead',
      given: {
        int_remit_line_allowed: [
          line('SUMMT', '99213', 80.8, 80.8), line('SUMMT', '99213', 80.39, 80.39), line('SUMMT', '99213', 80.38, 80.38),
          line('SUMMT', '99213', 82.2, 82.2), line('MCRB1', '99213', 58.4, 58.4),
        ],
        stg_fee_schedule: schedule,
        ref_underpayment_tolerance: [
          { payer_id: '*', minimum_amount: 0.5, percent_of_expected: 1, basis: 'default' },
          { payer_id: 'MCRB1', minimum_amount: 0.25, percent_of_expected: 0, basis: 'contract' },
        ],
      },
      expect: [
        { claim_id: 'E10', variance: -0.4, tolerance: 0.812, status: 'as_expected' },
        { claim_id: 'E11', variance: -0.81, tolerance: 0.812, status: 'as_expected' },
        { claim_id: 'E12', variance: -0.82, tolerance: 0.812, status: 'underpaid' },
        { claim_id: 'E13', variance: 1, tolerance: 0.812, status: 'overpaid' },
        { claim_id: 'E14', variance: -0.4, tolerance: 0.25, status: 'underpaid' },
      ],
    },
  ],
});
