import { contract } from '../contract.ts';

const appeal = (file_id: number, line_number: number, claim_id: string, level: number, appeal_date: string, outcome: string, billing_npi: string | null = null) =>
  ({ file_id, line_number, claim_id, appeal_date, level, outcome, outcome_date: null, billing_npi });

const number = (file_id: number, position: number, claim_number: string | null) =>
  ({ source: 'appeal', file_id, position, patient_control_number: claim_number ?? 'PCN3', claim_number });

export default contract('stg_appeal', {
  key: ['claim_id', 'level'],
  notNull: ['claim_id', 'level', 'appeal_date', 'outcome', 'file_id', 'line_number'],
  cases: [
    {
      name: "a log loaded later replaces a claim's row at that level whole, not its row at another level; a replacement's number names its chain's first claim; a shared number without its provider names none",
      given: {
        stg_claim_number: [
          number(5, 2, 'PCN1'), number(5, 3, 'PCN1'), number(9, 2, 'PCN1'), number(9, 3, 'PCN2R'), number(9, 4, null),
        ],
        stg_claim_chain: [{ claim_id: 'PCN2R', root: 'PCN2' }],
        appeal_log: [
          appeal(5, 2, 'PCN1', 1, '2025-03-20', 'pending'),
          appeal(5, 3, 'PCN1', 2, '2025-05-02', 'pending'),
          appeal(9, 2, 'PCN1', 1, '2025-03-21', 'overturned'),
          appeal(9, 3, 'PCN2R', 1, '2025-04-01', 'upheld'),
          appeal(9, 4, 'PCN3', 1, '2025-04-02', 'pending'),
        ],
      },
      expect: [
        { claim_id: 'PCN1', level: 1, appeal_date: '2025-03-21', outcome: 'overturned', outcome_date: null, file_id: 9, line_number: 2 },
        { claim_id: 'PCN1', level: 2, appeal_date: '2025-05-02', outcome: 'pending', outcome_date: null, file_id: 5, line_number: 3 },
        { claim_id: 'PCN2', level: 1, appeal_date: '2025-04-01', outcome: 'upheld', outcome_date: null, file_id: 9, line_number: 3 },
      ],
    },
  ],
});
