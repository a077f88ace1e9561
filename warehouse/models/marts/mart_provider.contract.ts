import { contract } from '../contract.ts';

const sent = { submission_number: 1, claim_number: 'X' };

export default contract('mart_provider', {
  key: ['npi'],
  notNull: ['npi', 'provider_name', 'claims'],
  cases: [
    {
      name: 'a provider takes the name its 837s give it most often; one no 837 names takes its 835 name (last, first); one never named shows its NPI',
      given: {
        int_claim: [
          { claim_id: 'A1', rendering_npi: '1111111112' }, { claim_id: 'A2', rendering_npi: '1111111112' },
          { claim_id: 'B1', rendering_npi: '2222222224' }, { claim_id: 'C1', rendering_npi: '3333333336' },
        ],
        stg_claim_submission: [
          { ...sent, file_id: 1, claim_position: 1, claim_id: 'A1', rendering_provider_npi: '1111111112', rendering_provider_name: 'RIVERA, ANA', submitted_date: '2025-01-02' },
          { ...sent, file_id: 1, claim_position: 2, claim_id: 'A2', rendering_provider_npi: '1111111112', rendering_provider_name: 'RIVERA, ANA', submitted_date: '2025-01-03' },
          { ...sent, file_id: 2, claim_position: 3, claim_id: 'A1', rendering_provider_npi: '1111111112', rendering_provider_name: 'RIVERA, A', submitted_date: '2025-02-03', submission_number: 2 },
        ],
        remit_claim: [
          { file_id: 3, claim_position: 1, rendering_provider_id_qualifier: 'XX', rendering_provider_id: '2222222224', rendering_provider_last_name: 'CHEN', rendering_provider_first_name: 'LI' },
        ],
      },
      expect: [
        { npi: '1111111112', provider_name: 'RIVERA, ANA', claims: 2 },
        { npi: '2222222224', provider_name: 'CHEN, LI', claims: 1 },
        { npi: '3333333336', provider_name: '3333333336', claims: 1 },
      ],
    },
  ],
});
