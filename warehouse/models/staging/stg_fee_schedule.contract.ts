import { contract } from '../contract.ts';

const row = (file_id: number, line_number: number, payer_id: string, procedure_code: string, modifier: string | null, effective_from: string, effective_to: string | null, allowed: string) =>
  ({ file_id, line_number, payer_id, procedure_code, modifier, effective_from, effective_to, allowed });
const rule = (file_id: number, line_number: number, payer_id: string, base_payer_id: string, percent: string, effective_from: string, effective_to: string | null, procedure_code: string | null = null) =>
  ({ file_id, line_number, payer_id, base_payer_id, percent, effective_from, effective_to, procedure_code });
const price = (payer_id: string, procedure_code: string, modifier: string | null, effective_from: string, effective_to: string | null, allowed: string, source = 'schedule') =>
  ({ payer_id, procedure_code, modifier, effective_from, effective_to, allowed, source });

export default contract('stg_fee_schedule', {
  key: ['payer_id', 'procedure_code', 'modifier', 'effective_from'],
  notNull: ['payer_id', 'procedure_code', 'effective_from', 'allowed', 'source'],
  identities: [
    {
      name: 'one_price_per_date',
      description: 'for one payer, code, modifier and date at most one row applies (no two rows of a key overlap)',
      sql: `SELECT a.payer_id, a.procedure_code, a.modifier, a.effective_from, a.effective_to, b.effective_from AS other_from, b.effective_to AS other_to
FROM stg_fee_schedule a JOIN stg_fee_schedule b
  ON a.payer_id = b.payer_id AND a.procedure_code = b.procedure_code AND a.modifier IS NOT DISTINCT FROM b.modifier
 AND a.effective_from < b.effective_from AND coalesce(a.effective_to, DATE '9999-12-31') >= b.effective_from`,
    },
    {
      name: 'dates_in_order',
      description: 'a price ends on or after the day it starts',
      sql: 'SELECT * FROM stg_fee_schedule WHERE effective_to < effective_from',
    },
  ],
  cases: [
    {
      name: 'rows of different keys stand side by side; an empty modifier is any modifier, a row of its own beside the modifier rows; an open end stays open',
      given: {
        fee_schedule: [
          row(1, 2, 'SUMMT', '99213', null, '2025-01-01', null, '81.20'),
          row(1, 3, 'SUMMT', '99214', null, '2025-01-01', '2025-12-31', '121.80'),
          row(1, 4, 'SUMMT', '99214', '25', '2025-01-01', '2025-12-31', '125.00'),
          row(1, 5, 'MCRB1', '99213', null, '2025-01-01', null, '58.80'),
        ],
      },
      expect: [
        price('SUMMT', '99213', null, '2025-01-01', null, '81.20'),
        price('SUMMT', '99214', null, '2025-01-01', '2025-12-31', '121.80'),
        price('SUMMT', '99214', '25', '2025-01-01', '2025-12-31', '125.00'),
        price('MCRB1', '99213', null, '2025-01-01', null, '58.80'),
      ],
    },
    {
      name: 'a later file covering an earlier row\'s dates replaces it whole; a later row inside an earlier one splits it in two pieces; a later row over its end clips it',
      given: {
        fee_schedule: [
          row(1, 2, 'SUMMT', '99213', null, '2025-01-01', '2025-12-31', '80.00'),
          row(1, 3, 'SUMMT', '99214', null, '2025-01-01', '2025-12-31', '120.00'),
          row(1, 4, 'SUMMT', '99215', null, '2025-01-01', null, '160.00'),
          row(2, 2, 'SUMMT', '99213', null, '2024-07-01', '2026-06-30', '81.20'),
          row(2, 3, 'SUMMT', '99214', null, '2025-04-01', '2025-06-30', '121.80'),
          row(2, 4, 'SUMMT', '99215', null, '2025-07-01', null, '165.00'),
        ],
      },
      expect: [
        price('SUMMT', '99213', null, '2024-07-01', '2026-06-30', '81.20'),
        price('SUMMT', '99214', null, '2025-01-01', '2025-03-31', '120.00'),
        price('SUMMT', '99214', null, '2025-04-01', '2025-06-30', '121.80'),
        price('SUMMT', '99214', null, '2025-07-01', '2025-12-31', '120.00'),
        price('SUMMT', '99215', null, '2025-01-01', '2025-06-30', '160.00'),
        price('SUMMT', '99215', null, '2025-07-01', null, '165.00'),
      ],
    },
    {
      name: 'a later file with a gap between its rows leaves the earlier row in the gap; an earlier file loaded after (a higher file_id) wins; within a file the later line wins; other modifiers are other keys',
      given: {
        fee_schedule: [
          row(1, 2, 'SUMMT', '99213', null, '2025-01-01', '2025-12-31', '80.00'),
          row(1, 3, 'SUMMT', '99213', '25', '2025-01-01', '2025-12-31', '84.00'),
          row(5, 2, 'SUMMT', '99213', null, '2025-01-01', '2025-03-31', '81.00'),
          row(5, 3, 'SUMMT', '99213', null, '2025-10-01', '2025-12-31', '83.00'),
          row(5, 4, 'SUMMT', '99213', null, '2025-11-01', '2025-12-31', '83.50'),
        ],
      },
      expect: [
        price('SUMMT', '99213', null, '2025-01-01', '2025-03-31', '81.00'),
        price('SUMMT', '99213', null, '2025-04-01', '2025-09-30', '80.00'),
        price('SUMMT', '99213', null, '2025-10-01', '2025-10-31', '83.00'),
        price('SUMMT', '99213', null, '2025-11-01', '2025-12-31', '83.50'),
        price('SUMMT', '99213', '25', '2025-01-01', '2025-12-31', '84.00'),
      ],
    },
    {
      name: 'a rule prices a payer at a percentage of the base schedule (rounded to the cent half away from zero) over the dates both cover, row by row of the base after replacement; the base payer\'s own rules are not followed',
      given: {
        fee_schedule: [
          row(1, 2, 'MCRB1', '99213', null, '2025-01-01', '2025-06-30', '58.80'),
          row(1, 3, 'MCRB1', '99213', null, '2025-07-01', null, '60.05'),
          row(1, 4, 'MCRB1', '99214', '25', '2025-01-01', null, '87.15'),
        ],
        fee_schedule_rule: [
          rule(2, 2, 'MAPLN', 'MCRB1', '110', '2025-03-01', '2025-12-31'),
          rule(2, 3, 'OTHER', 'MAPLN', '100', '2025-01-01', null),
        ],
      },
      expect: [
        price('MAPLN', '99213', null, '2025-03-01', '2025-06-30', '64.68', 'rule: 110 % of MCRB1'),
        price('MAPLN', '99213', null, '2025-07-01', '2025-12-31', '66.06', 'rule: 110 % of MCRB1'),
        price('MAPLN', '99214', '25', '2025-03-01', '2025-12-31', '95.87', 'rule: 110 % of MCRB1'),
        price('MCRB1', '99213', null, '2025-01-01', '2025-06-30', '58.80'),
        price('MCRB1', '99213', null, '2025-07-01', null, '60.05'),
        price('MCRB1', '99214', '25', '2025-01-01', null, '87.15'),
      ],
    },
    {
      name: "a payer's own schedule row beats a rule on its code and dates whatever the modifier; a rule naming a code beats a rule for every code; between two rules for every code the later load wins",
      given: {
        fee_schedule: [
          row(1, 2, 'MCRB1', '99213', null, '2025-01-01', null, '58.80'),
          row(1, 3, 'MCRB1', '99213', '25', '2025-01-01', null, '60.00'),
          row(1, 4, 'MCRB1', '99214', null, '2025-01-01', null, '87.15'),
          row(1, 5, 'MCRB1', '99215', null, '2025-01-01', null, '120.00'),
          row(1, 6, 'BCBS1', '99214', null, '2025-01-01', null, '100.00'),
          row(1, 7, 'BCBS1', '99215', null, '2025-01-01', null, '130.00'),
          row(3, 2, 'SUMMT', '99213', null, '2025-07-01', null, '70.00'),
        ],
        fee_schedule_rule: [
          rule(2, 2, 'SUMMT', 'MCRB1', '120', '2025-01-01', null),
          rule(2, 3, 'SUMMT', 'MCRB1', '102.5', '2025-01-01', null, '99214'),
          rule(4, 2, 'SUMMT', 'BCBS1', '90', '2025-10-01', null),
        ],
      },
      expect: [
        price('SUMMT', '99213', null, '2025-01-01', '2025-06-30', '70.56', 'rule: 120 % of MCRB1'),
        price('SUMMT', '99213', '25', '2025-01-01', '2025-06-30', '72.00', 'rule: 120 % of MCRB1'),
        price('SUMMT', '99213', null, '2025-07-01', null, '70.00'),
        price('SUMMT', '99214', null, '2025-01-01', null, '89.33', 'rule: 102.5 % of MCRB1'),
        price('SUMMT', '99215', null, '2025-01-01', '2025-09-30', '144.00', 'rule: 120 % of MCRB1'),
        price('SUMMT', '99215', null, '2025-10-01', null, '117.00', 'rule: 90 % of BCBS1'),
        price('MCRB1', '99213', null, '2025-01-01', null, '58.80'),
        price('MCRB1', '99213', '25', '2025-01-01', null, '60.00'),
        price('MCRB1', '99214', null, '2025-01-01', null, '87.15'),
        price('MCRB1', '99215', null, '2025-01-01', null, '120.00'),
        price('BCBS1', '99214', null, '2025-01-01', null, '100.00'),
        price('BCBS1', '99215', null, '2025-01-01', null, '130.00'),
      ],
    },
  ],
});
