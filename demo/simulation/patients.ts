// The practice's patients: who they are and who insures them. Medicare members are 65 or older; some
// have a secondary payer that receives crossovers.
import type { IsoDate, Patient } from '../model.ts';
import { PAYERS, SELF_PAY, SELF_PAY_SHARE } from '../practice/payers.ts';
import { addDays } from './calendar.ts';
import { Random } from './random.ts';

const LAST = ['SMITH', 'JOHNSON', 'NGUYEN', 'GARCIA', 'BROWN', 'PATEL', 'KOWALSKI', 'OKONKWO', 'TANAKA', 'MULLER', 'ROSSI', 'DUBOIS', 'SILVA', 'COHEN', 'MURPHY', 'ANDERSEN', 'KIM', 'LOPEZ', 'WILSON', 'AHMED'];
const FIRST_F = ['MARY', 'LINDA', 'AISHA', 'SOFIA', 'MEI', 'GRACE', 'ELENA', 'FATIMA', 'NORA', 'JUDITH'];
const FIRST_M = ['JAMES', 'ROBERT', 'WEI', 'CARLOS', 'DAVID', 'OMAR', 'PETER', 'LUCAS', 'SAMUEL', 'HENRY'];
const STREETS = ['OAK ST', 'ELM ST', 'PINE AVE', 'CEDAR LN', 'BIRCH RD', 'WALNUT DR', 'CHESTNUT CT', 'SPRUCE WAY'];

const PAYER_MIX: readonly (readonly [string, number])[] = [
  ...PAYERS.map((p) => [p.id, p.share * (1 - SELF_PAY_SHARE)] as const),
  [SELF_PAY, SELF_PAY_SHARE],
];

export function makePatients(seed: number, count: number, start: IsoDate): Patient[] {
  const random = new Random(seed);
  const patients: Patient[] = [];
  for (let i = 1; i <= count; i++) {
    const payerId = random.weighted(PAYER_MIX);
    const payer = PAYERS.find((p) => p.id === payerId);
    const senior = payer?.kind === 'medicare' || payer?.kind === 'medicare_advantage';
    const ageDays = Math.round(365.25 * (senior ? random.int(65, 90) : random.int(18, 64))) + random.int(0, 364);
    const sex = random.chance(0.54) ? 'F' : 'M';
    const id = `PT${String(i).padStart(7, '0')}`;
    patients.push({
      id,
      memberId: `${payerId.slice(0, 2)}${String(seedOf7(seed, i)).padStart(9, '0')}`,
      lastName: random.pick(LAST),
      firstName: random.pick(sex === 'F' ? FIRST_F : FIRST_M),
      birthDate: addDays(start, -ageDays),
      sex,
      street: `${random.int(1, 9999)} ${random.pick(STREETS)}`,
      city: 'SPRINGFIELD',
      state: 'IL',
      zip: '62704',
      payerId,
      secondaryPayerId: payer?.crossoverTo && random.chance(payer.crossoverShare ?? 0) ? payer.crossoverTo : undefined,
    });
  }
  return patients;
}

function seedOf7(seed: number, i: number): number {
  return (Math.imul(seed ^ 0x9e3779b9, 2654435761) + i * 7919) >>> 0 % 1_000_000_000;
}
