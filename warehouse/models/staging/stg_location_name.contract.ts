import { contract } from '../contract.ts';

const charge = (claim_id: string, line_number: number, location: string) => ({ file_id: 1, line_number, claim_id, location, charge: 100 });
const sent = (claim_id: string, claim_position: number, location: string) => ({ file_id: 2, claim_position, claim_id, claim_number: claim_id, submission_number: 1, location });

export default contract('stg_location_name', {
  key: ['code'],
  notNull: ['code', 'name', 'claims'],
  cases: [
    {
      name: "a charges export's location code takes the name the 837s of its claims give it most often; a tie goes to the first name; a code no 837 shares has no row",
      given: {
        stg_charge: [
          charge('A1', 1, 'MAIN'), charge('A2', 2, 'MAIN'), charge('A3', 3, 'MAIN'),
          charge('B1', 4, 'EAST'), charge('B2', 5, 'EAST'),
          charge('C1', 6, 'WEST'),
        ],
        stg_claim_submission: [
          sent('A1', 1, 'MAPLE FAMILY HEALTH MAIN CLINIC'), sent('A2', 2, 'MAPLE FAMILY HEALTH MAIN CLINIC'), sent('A3', 3, 'MAPLE FAMILY HEALTH'),
          sent('B1', 4, 'EAST SIDE CLINIC'), sent('B2', 5, 'EASTSIDE CLINIC'),
        ],
      },
      expect: [
        { code: 'MAIN', name: 'MAPLE FAMILY HEALTH MAIN CLINIC', claims: 2 },
        { code: 'EAST', name: 'EAST SIDE CLINIC', claims: 1 },
      ],
    },
  ],
});
