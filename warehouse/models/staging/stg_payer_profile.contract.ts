import { contract } from '../contract.ts';

const row = (file_id: number, line_number: number, payer_id: string, payer_name: string | null, timely_filing_days: number, appeal_days: number, follow_up_days: number | null) =>
  ({ file_id, line_number, payer_id, payer_name, timely_filing_days, appeal_days, follow_up_days });

export default contract('stg_payer_profile', {
  key: ['payer_id'],
  notNull: ['payer_id', 'timely_filing_days', 'appeal_days', 'file_id', 'line_number'],
  cases: [
    {
      name: "a file loaded later replaces a payer's row whole, whatever its line (an empty name stays empty); a file naming a payer twice gives it its last line; a payer only an earlier file names keeps that row",
      given: {
        payer_profile: [
          row(3, 9, 'ACME', 'ACME FROM THE FIRST FILE', 90, 60, 30),
          row(3, 2, 'BLUE', 'BLUE SHIELD', 180, 180, 45),
          row(7, 2, 'ACME', null, 120, 90, null),
          row(7, 3, 'MCD', 'STATE MEDICAID', 95, 60, 30),
          row(7, 4, 'MCD', 'STATE MEDICAID', 365, 90, 45),
        ],
      },
      expect: [
        row(7, 2, 'ACME', null, 120, 90, null),
        row(3, 2, 'BLUE', 'BLUE SHIELD', 180, 180, 45),
        row(7, 4, 'MCD', 'STATE MEDICAID', 365, 90, 45),
      ],
    },
  ],
});
