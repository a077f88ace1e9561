import { contract } from '../contract.ts';

const A = '1234567893';
const B = '1999999992';
const C = '1555555555';

export default contract('stg_claim_number', {
  key: ['source', 'file_id', 'position'],
  notNull: ['source', 'file_id', 'position', 'patient_control_number'],
  cases: [
    {
      name: 'a patient control number two billing providers use names one claim of each; a record naming neither of them names none',
      given: {
        claim: [
          { file_id: 1, claim_position: 10, patient_control_number: 'PCN1', billing_provider_npi: A },
          { file_id: 2, claim_position: 10, patient_control_number: 'PCN1', billing_provider_npi: B },
          { file_id: 2, claim_position: 20, patient_control_number: 'PCN2', billing_provider_npi: B },
        ],
        remit_payment: [{ file_id: 3, transaction_position: 3, payee_npi: B }],
        remit_claim: [
          { file_id: 3, claim_position: 10, transaction_position: 3, patient_control_number: 'PCN1' },
          { file_id: 3, claim_position: 20, transaction_position: 3, patient_control_number: 'PCN2' },
        ],
        payment_posting: [
          { file_id: 4, line_number: 2, claim_id: 'PCN1', billing_npi: null },
          { file_id: 4, line_number: 3, claim_id: 'PCN1', billing_npi: A },
          { file_id: 4, line_number: 4, claim_id: 'PCN2', billing_npi: null },
          { file_id: 4, line_number: 5, claim_id: 'PCN1', billing_npi: C },
        ],
      },
      expect: [
        { source: '837', file_id: 1, position: 10, claim_number: `PCN1@${A}`, shared_by: [A, B] },
        { source: '837', file_id: 2, position: 10, claim_number: `PCN1@${B}`, shared_by: [A, B] },
        { source: '837', file_id: 2, position: 20, claim_number: 'PCN2', shared_by: null },
        // the 835's payee names its provider's claim
        { source: '835', file_id: 3, position: 10, claim_number: `PCN1@${B}`, shared_by: [A, B] },
        { source: '835', file_id: 3, position: 20, claim_number: 'PCN2', shared_by: null },
        // never guessed: listed in mart_unmatched_record
        { source: 'posting', file_id: 4, position: 2, claim_number: null, shared_by: [A, B] },
        { source: 'posting', file_id: 4, position: 3, claim_number: `PCN1@${A}`, shared_by: [A, B] },
        // a number one provider uses is that provider's whoever names it
        { source: 'posting', file_id: 4, position: 4, claim_number: 'PCN2', shared_by: null },
        // a provider that bills no claim under a shared number names none of its claims
        { source: 'posting', file_id: 4, position: 5, claim_number: null, shared_by: [A, B] },
      ],
    },
  ],
});
