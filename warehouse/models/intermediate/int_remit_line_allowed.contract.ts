import { contract } from '../contract.ts';

const record = (file_id: number, claim_position: number, adjudication_date: string, paid: number, more: Record<string, boolean> = {}) =>
  ({ file_id, claim_position, claim_id: 'R1', payer_id: 'SUMMT', adjudication_date, paid, is_reversal: false, is_orphan_reversal: false, is_secondary: false, ...more });
const line = (file_id: number, claim_position: number, line_position: number, paid: number, is_denied = false) =>
  ({ file_id, claim_position, line_position, line_in_claim: 1, procedure_code: '99214', paid, is_denied });
const remitLine = (file_id: number, claim_position: number, line_position: number, allowed_amount: number | null = null) =>
  ({ file_id, claim_position, line_position, modifier_1: '25', units: 1, service_date: '2025-03-03', allowed_amount });
const cas = (file_id: number, claim_position: number, line_position: number | null, segment_position: number, group_code: string, reason_code: string, amount: number) =>
  ({ file_id, claim_position, line_position, segment_position, triplet: 1, level: line_position === null ? 'claim' : 'line', group_code, reason_code, amount, category: 'x', is_denial: false });

export default contract('int_remit_line_allowed', {
  key: ['file_id', 'line_position'],
  notNull: ['claim_id', 'payer_id', 'adjudication_date', 'units', 'paid', 'actual_allowed', 'is_denied'],
  cases: [
    {
      name: 'actual allowed is AMT*B6 when sent, else paid + PR + CO 253; a record reversed carries the reversal’s date and the one re-adjudicating stands; a secondary’s record and the reversal itself are not lines judged',
      given: {
        int_adjudication: [
          record(1, 1, '2025-03-20', 85),
          record(2, 1, '2025-04-02', -85, { is_reversal: true }),
          record(2, 2, '2025-04-02', 91.8),
          record(3, 1, '2025-04-20', 20, { is_secondary: true }),
        ],
        int_adjudication_line: [line(1, 1, 10, 85), line(2, 1, 20, -85), line(2, 2, 21, 91.8), line(3, 1, 30, 20)],
        stg_remit_line: [remitLine(1, 1, 10), remitLine(2, 1, 20), remitLine(2, 2, 21, 121.8), remitLine(3, 1, 30)],
        stg_remit_adjustment: [
          cas(1, 1, 10, 5, 'PR', '3', 30), cas(1, 1, 10, 6, 'CO', '45', 15), cas(1, 1, 10, 7, 'CO', '253', 1.7),
          cas(2, 2, 21, 8, 'PR', '3', 30),
        ],
        int_claim: [{ claim_id: 'R1', payer_id: 'SUMMT', billing_npi: '1234567893', rendering_npi: '1999999984', location: 'MAIN', service_date: '2025-03-03' }],
      },
      expect: [
        { file_id: 1, line_position: 10, reversed_date: '2025-04-02', modifier_1: '25', patient_responsibility: 30, sequestration: 1.7, actual_allowed: 116.7, adjudication_month: '2025-03', billing_npi: '1234567893' },
        { file_id: 2, line_position: 21, reversed_date: null, modifier_1: '25', patient_responsibility: 30, sequestration: 0, actual_allowed: 121.8, adjudication_month: '2025-04', billing_npi: '1234567893' },
      ],
    },
    {
      name: 'a record of one line takes the cost share and sequestration sent at claim level; of two lines, neither does; PR 45 (the charge above an out-of-network allowance) is never allowed',
      given: {
        int_adjudication: [record(1, 1, '2025-03-20', 61.2), record(1, 2, '2025-03-21', 100)],
        int_adjudication_line: [line(1, 1, 10, 61.2), line(1, 2, 20, 50), line(1, 2, 21, 50)],
        stg_remit_line: [remitLine(1, 1, 10), remitLine(1, 2, 20), remitLine(1, 2, 21)],
        stg_remit_adjustment: [
          cas(1, 1, null, 5, 'PR', '3', 20), cas(1, 1, 10, 12, 'PR', '45', 40), cas(1, 1, null, 6, 'CO', '253', 1.25),
          cas(1, 2, null, 15, 'PR', '2', 10), cas(1, 2, 20, 16, 'PR', '1', 5),
        ],
        int_claim: [{ claim_id: 'R1', payer_id: 'SUMMT', billing_npi: '1234567893', rendering_npi: '1999999984', location: 'MAIN', service_date: '2025-03-03' }],
      },
      expect: [
        { file_id: 1, line_position: 10, patient_responsibility: 20, sequestration: 1.25, actual_allowed: 82.45 },
        { file_id: 1, line_position: 20, patient_responsibility: 5, sequestration: 0, actual_allowed: 55 },
        { file_id: 1, line_position: 21, patient_responsibility: 0, sequestration: 0, actual_allowed: 50 },
      ],
    },
  ],
});
