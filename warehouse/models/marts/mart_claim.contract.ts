import { contract } from '../contract.ts';

const claim = { claim_id: 'X1', source: '837', payer_id: 'MEDICARE', is_self_pay: false, billing_npi: '1234567893', rendering_npi: '1477558899', location: 'CLINIC', service_date: '2025-01-06', charge: 300, first_submitted_date: '2025-01-07', submissions: 1 };
const record = { claim_id: 'X1', is_reversal: false, is_orphan_reversal: false, is_denied_in_full: false, charge: 300, denied: 0, contractual: 0, balance_adjustment: 0, patient_responsibility: 0 };

export default contract('mart_claim', {
  key: ['claim_id'],
  notNull: ['claim_id', 'source', 'charge', 'first_denied_as_duplicate', 'first_denial_is_duplicate'],
  cases: [
    {
      name: 'a crossover: Medicare adjudicates first and denies a line, Medicaid pays it as the secondary payer, which is no overturn',
      given: {
        int_claim: [claim],
        int_adjudication: [
          // Medicare, processed as primary and forwarded (CLP02 19): pays line 1, denies line 2
          { ...record, file_id: 1, claim_position: 10, payer_id: 'MEDICARE', adjudication_date: '2025-02-03', status_code: '19', is_secondary: false, is_first: true, paid: 120, patient_responsibility: 30, denied: 100, contractual: 50, balance_adjustment: 50 },
          // Medicaid, processed as secondary (CLP02 2): pays the line Medicare denied
          { ...record, file_id: 2, claim_position: 10, payer_id: 'MEDICAID', adjudication_date: '2025-02-20', status_code: '2', is_secondary: true, is_first: false, paid: 130 },
        ],
        int_adjudication_line: [
          { file_id: 1, claim_position: 10, line_in_claim: 1, line_control_number: 'L1', procedure_code: '99213', charge: 200, paid: 120, is_denied: false },
          { file_id: 1, claim_position: 10, line_in_claim: 2, line_control_number: 'L2', procedure_code: '96372', charge: 100, paid: 0, is_denied: true, denial_categories: ['non_covered'], denial_carcs: ['96'] },
          { file_id: 2, claim_position: 10, line_in_claim: 1, line_control_number: 'L1', charge: 200, paid: 30, is_denied: false },
          { file_id: 2, claim_position: 10, line_in_claim: 2, line_control_number: 'L2', charge: 100, paid: 100, is_denied: false },
        ],
        int_balance_event: [
          { claim_id: 'X1', event_date: '2025-01-06', kind: 'charges', total_change: 300, patient_change: 0 },
          { claim_id: 'X1', event_date: '2025-02-03', kind: 'insurance_paid', total_change: -120, patient_change: 0 },
          { claim_id: 'X1', event_date: '2025-02-03', kind: 'payer_adjustments', total_change: -50, patient_change: 30 },
          { claim_id: 'X1', event_date: '2025-02-20', kind: 'insurance_paid', total_change: -130, patient_change: -130 },
        ],
      },
      expect: [
        {
          claim_id: 'X1', payer_id: 'MEDICARE', first_adjudicated_date: '2025-02-03', first_paid: 120, first_lines: 2, first_denied_lines: 1,
          first_denied: true, first_denial_carcs: ['96'], first_denial_cpts: ['96372'], first_denied_date: '2025-02-03', overturned_date: null, resolved_date: '2025-02-20',
        },
      ],
    },
    {
      name: 'denied after being paid: X2 paid in full, reversed and denied, then paid again; X3 paid in full and later denied as a duplicate with nothing reversed',
      given: {
        int_claim: [{ ...claim, claim_id: 'X2', charge: 200 }, { ...claim, claim_id: 'X3', charge: 200 }],
        int_adjudication: [
          { ...record, claim_id: 'X2', file_id: 1, claim_position: 1, payer_id: 'MEDICARE', adjudication_date: '2025-02-03', status_code: '1', is_secondary: false, is_first: true, paid: 150, contractual: 50 },
          { ...record, claim_id: 'X2', file_id: 2, claim_position: 1, payer_id: 'MEDICARE', adjudication_date: '2025-03-03', status_code: '22', is_secondary: false, is_first: false, is_reversal: true, paid: -150, contractual: -50 },
          { ...record, claim_id: 'X2', file_id: 2, claim_position: 2, payer_id: 'MEDICARE', adjudication_date: '2025-03-03', status_code: '4', is_secondary: false, is_first: false, paid: 0, denied: 200, is_denied_in_full: true },
          { ...record, claim_id: 'X2', file_id: 3, claim_position: 1, payer_id: 'MEDICARE', adjudication_date: '2025-04-14', status_code: '1', is_secondary: false, is_first: false, paid: 150, contractual: 50 },
          { ...record, claim_id: 'X3', file_id: 1, claim_position: 2, payer_id: 'MEDICARE', adjudication_date: '2025-02-03', status_code: '1', is_secondary: false, is_first: true, paid: 200 },
          { ...record, claim_id: 'X3', file_id: 4, claim_position: 1, payer_id: 'MEDICARE', adjudication_date: '2025-05-05', status_code: '4', is_secondary: false, is_first: false, paid: 0, denied: 200, is_denied_in_full: true },
        ],
        int_adjudication_line: [
          { file_id: 1, claim_position: 1, line_in_claim: 1, line_control_number: 'L1', procedure_code: '73721', charge: 200, paid: 150, is_denied: false },
          { file_id: 2, claim_position: 1, line_in_claim: 1, line_control_number: 'L1', procedure_code: '73721', charge: -200, paid: -150, is_denied: false },
          { file_id: 2, claim_position: 2, line_in_claim: 1, line_control_number: 'L1', procedure_code: '73721', charge: 200, paid: 0, is_denied: true, denial_categories: ['authorization'], denial_carcs: ['197'] },
          { file_id: 3, claim_position: 1, line_in_claim: 1, line_control_number: 'L1', procedure_code: '73721', charge: 200, paid: 150, is_denied: false },
          { file_id: 1, claim_position: 2, line_in_claim: 1, line_control_number: 'L1', procedure_code: '99213', charge: 200, paid: 200, is_denied: false },
          { file_id: 4, claim_position: 1, line_in_claim: 1, line_control_number: 'L1', procedure_code: '99213', charge: 200, paid: 0, is_denied: true, denial_categories: ['duplicate'], denial_carcs: ['18'] },
        ],
        int_balance_event: [
          { claim_id: 'X2', event_date: '2025-01-06', kind: 'charges', total_change: 200, patient_change: 0 },
          { claim_id: 'X2', event_date: '2025-02-03', kind: 'insurance_paid', total_change: -150, patient_change: 0 },
          { claim_id: 'X2', event_date: '2025-02-03', kind: 'payer_adjustments', total_change: -50, patient_change: 0 },
          { claim_id: 'X2', event_date: '2025-03-03', kind: 'insurance_paid', total_change: 150, patient_change: 0 },
          { claim_id: 'X2', event_date: '2025-03-03', kind: 'payer_adjustments', total_change: 50, patient_change: 0 },
          { claim_id: 'X2', event_date: '2025-04-14', kind: 'insurance_paid', total_change: -150, patient_change: 0 },
          { claim_id: 'X2', event_date: '2025-04-14', kind: 'payer_adjustments', total_change: -50, patient_change: 0 },
          { claim_id: 'X3', event_date: '2025-01-06', kind: 'charges', total_change: 200, patient_change: 0 },
          { claim_id: 'X3', event_date: '2025-02-03', kind: 'insurance_paid', total_change: -200, patient_change: 0 },
        ],
      },
      expect: [
        {
          claim_id: 'X2', first_adjudicated_date: '2025-02-03', first_denied: false, first_denial_categories: null, first_denied_as_duplicate: false,
          first_denied_date: '2025-03-03', first_denial_record_categories: ['authorization'], first_denial_record_carcs: ['197'], first_denial_record_cpts: ['73721'], first_denial_is_duplicate: false,
          resolved_date: '2025-02-03', denial_resolved_date: '2025-04-14', overturned_date: '2025-04-14',
        },
        {
          // the balance was already 0 on the day of the denial, which moves no money: resolved that day
          claim_id: 'X3', first_adjudicated_date: '2025-02-03', first_denied: false, first_denial_categories: null, first_denied_as_duplicate: false,
          first_denied_date: '2025-05-05', first_denial_record_categories: ['duplicate'], first_denial_record_carcs: ['18'], first_denial_record_cpts: ['99213'], first_denial_is_duplicate: true,
          resolved_date: '2025-02-03', denial_resolved_date: '2025-05-05', overturned_date: null,
        },
      ],
    },
  ],
});
