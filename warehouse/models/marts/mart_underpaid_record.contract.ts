import { contract } from '../contract.ts';

const line = (claim_id: string, claim_position: number, line_in_claim: number, adjudication_date: string, status: string, underpaid_amount: number, reversed_date: string | null = null) =>
  ({ claim_id, file_id: 1, claim_position, line_position: claim_position * 10 + line_in_claim, line_in_claim, adjudication_date, reversed_date, procedure_code: line_in_claim === 1 ? '99214' : '96372', status, underpaid_amount });

export default contract('mart_underpaid_record', {
  key: ['file_id', 'claim_position'],
  notNull: ['claim_id', 'adjudication_date', 'underpaid_amount'],
  cases: [
    {
      name: 'every record of a claim with an underpaid line, with its own shortfall; a claim never underpaid has none',
      given: {
        mart_expected_payment: [
          line('U1', 1, 1, '2025-03-20', 'underpaid', 6.8, '2025-04-10'), line('U1', 1, 2, '2025-03-20', 'underpaid', 2.5, '2025-04-10'),
          line('U1', 2, 1, '2025-04-10', 'as_expected', 0),
          line('P1', 3, 1, '2025-03-20', 'as_expected', 0), line('P1', 3, 2, '2025-03-20', 'overpaid', 0),
        ],
      },
      expect: [
        { claim_id: 'U1', claim_position: 1, adjudication_date: '2025-03-20', reversed_date: '2025-04-10', underpaid_amount: 9.3, underpaid_lines: '99214 6.80, 96372 2.50' },
        { claim_id: 'U1', claim_position: 2, adjudication_date: '2025-04-10', reversed_date: null, underpaid_amount: 0, underpaid_lines: null },
      ],
    },
  ],
});
