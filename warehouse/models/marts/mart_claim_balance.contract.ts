import { contract } from '../contract.ts';

const event = (event_date: string, kind: string, total_change: number, patient_change: number, file_id: number) =>
  ({ claim_id: 'R1', event_date, kind, total_change, patient_change, source: '835', file_id, position: 10 });

export default contract('mart_claim_balance', {
  key: ['claim_id', 'valid_from'],
  notNull: ['claim_id', 'valid_from', 'total_balance', 'patient_balance'],
  identities: [
    {
      name: 'ar_roll_forward',
      description: 'at every month end, (A/R − credit balances) rolls forward: the balances on that day sum to all balance changes dated on or before it, less the open balances of claims not yet served (which are not A/R)',
      sql: `WITH month_ends AS (
  SELECT DISTINCT last_day(event_date) AS d FROM int_balance_event WHERE event_date IS NOT NULL
),
balances AS (
  SELECT m.d, b.claim_id, b.total_balance, c.service_date
  FROM month_ends m JOIN mart_claim_balance b ON b.valid_from <= m.d AND (b.valid_to IS NULL OR b.valid_to > m.d)
  JOIN int_claim c USING (claim_id)
),
ar AS (
  SELECT d, sum(total_balance) FILTER (WHERE service_date <= d AND total_balance > 0) AS ar,
         coalesce(-sum(total_balance) FILTER (WHERE total_balance < 0), 0) AS credits,
         coalesce(sum(total_balance) FILTER (WHERE service_date > d AND total_balance > 0), 0) AS not_yet_served
  FROM balances GROUP BY d
),
changes AS (
  SELECT m.d, sum(e.total_change) AS changes FROM month_ends m JOIN int_balance_event e ON e.event_date <= m.d GROUP BY m.d
)
SELECT ar.d, ar.ar, ar.credits, ar.not_yet_served, changes.changes
FROM ar JOIN changes USING (d)
WHERE coalesce(ar.ar, 0) - ar.credits + ar.not_yet_served <> changes.changes`,
    },
    {
      name: 'charges_identity',
      description: "every claim's charges = insurance paid + payer adjustments + patient payments + write-offs − refunds + its balance today (patient responsibility moves within the balance)",
      sql: `WITH moved AS (
  SELECT claim_id,
         sum(total_change) FILTER (WHERE kind = 'charges') AS charges,
         -sum(total_change) FILTER (WHERE kind <> 'charges') AS settled
  FROM int_balance_event GROUP BY claim_id
),
latest AS (SELECT claim_id, total_balance FROM mart_claim_balance WHERE valid_to IS NULL)
SELECT m.claim_id, m.charges, m.settled, l.total_balance
FROM moved m JOIN latest l USING (claim_id)
WHERE coalesce(m.charges, 0) <> coalesce(m.settled, 0) + l.total_balance`,
    },
  ],
  cases: [
    {
      name: 'a payment reversed and corrected on one day: one period, no balance in between, the corrected amounts from that day on',
      given: {
        int_balance_event: [
          { claim_id: 'R1', event_date: '2025-01-06', kind: 'charges', total_change: 500, patient_change: 0, source: 'service', file_id: 1, position: 10 },
          // paid 280, contractual 120, patient responsibility 100
          event('2025-02-03', 'insurance_paid', -280, 0, 2),
          event('2025-02-03', 'payer_adjustments', -120, 100, 2),
          // the payer takes it all back (CLP02 22) and pays again in the same remittance: 300, contractual 150, patient 50
          event('2025-03-03', 'insurance_paid', 280, 0, 3),
          event('2025-03-03', 'payer_adjustments', 120, -100, 3),
          event('2025-03-03', 'insurance_paid', -300, 0, 4),
          event('2025-03-03', 'payer_adjustments', -150, 50, 4),
        ],
        mart_claim: [{ claim_id: 'R1', billing_npi: '1234567893', payer_id: 'ACME01', is_self_pay: false, service_date: '2025-01-06', charge: 500 }],
      },
      expect: [
        { claim_id: 'R1', valid_from: '2025-01-06', valid_to: '2025-02-03', total_balance: 500, patient_balance: 0, billing_npi: '1234567893' },
        { claim_id: 'R1', valid_from: '2025-02-03', valid_to: '2025-03-03', total_balance: 100, patient_balance: 100, billing_npi: '1234567893' },
        { claim_id: 'R1', valid_from: '2025-03-03', valid_to: null, total_balance: 50, patient_balance: 50, billing_npi: '1234567893' },
      ],
    },
  ],
});
