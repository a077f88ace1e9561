import { contract } from '../contract.ts';

export default contract('int_adjudication', {
  key: ['file_id', 'claim_position'],
  notNull: ['claim_id', 'is_reversal', 'is_secondary', 'is_first', 'paid', 'balance_adjustment'],
  identities: [
    {
      name: 'balances',
      description: 'on every 835 record that balanced in its file, charge = paid + every adjustment the models classified (non-denial, denied, patient responsibility, prior payer)',
      sql: `SELECT a.file_id, a.claim_position, a.claim_id, a.charge, a.paid, s.adjusted
FROM int_adjudication a
JOIN remit_claim r USING (file_id, claim_position)
JOIN (SELECT file_id, claim_position, sum(amount) AS adjusted FROM stg_remit_adjustment GROUP BY ALL) s USING (file_id, claim_position)
WHERE r.is_balanced AND a.charge <> a.paid + s.adjusted`,
    },
    {
      name: 'one_first_adjudication',
      description: 'a claim has at most one first adjudication, whatever reversals and corrections followed',
      sql: 'SELECT claim_id, count(*) AS first_adjudications FROM int_adjudication WHERE is_first GROUP BY claim_id HAVING count(*) > 1',
    },
  ],
});
