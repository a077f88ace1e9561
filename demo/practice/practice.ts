// The demo practice: a multi-specialty group with two clinics. Names and identifiers are invented; NPIs
// carry a valid Luhn check digit so that validators accept them.
import type { Location, Practice, Provider } from '../model.ts';
import { PAYERS } from './payers.ts';

/** The NPI check digit (Luhn over "80840" + the first nine digits). */
export function npi(nine: string): string {
  const digits = `80840${nine}`;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return `${nine}${(10 - (sum % 10)) % 10}`;
}

export type Specialty = 'family' | 'internal' | 'orthopedics' | 'therapy';

export interface DemoProvider extends Provider {
  specialty: Specialty;
  /** Share of the practice's visits. */
  share: number;
}

export const PROVIDERS: readonly DemoProvider[] = [
  { npi: npi('154893210'), lastName: 'OKAFOR', firstName: 'AMARA', taxonomy: '207Q00000X', specialty: 'family', share: 0.28 },
  { npi: npi('163574921'), lastName: 'LINDQVIST', firstName: 'ERIK', taxonomy: '207Q00000X', specialty: 'family', share: 0.22 },
  { npi: npi('172639485'), lastName: 'HASSAN', firstName: 'LEILA', taxonomy: '207R00000X', specialty: 'internal', share: 0.2 },
  { npi: npi('181726354'), lastName: 'MORENO', firstName: 'DIEGO', taxonomy: '207X00000X', specialty: 'orthopedics', share: 0.15 },
  { npi: npi('190817263'), lastName: 'RIVERA', firstName: 'JOAN', taxonomy: '225100000X', specialty: 'therapy', share: 0.15 },
];

export const LOCATIONS: readonly Location[] = [
  { id: 'MAIN', name: 'MAPLE FAMILY HEALTH MAIN CLINIC', npi: npi('145632789'), street: '100 MAPLE AVE', city: 'SPRINGFIELD', state: 'IL', zip: '627010001', placeOfService: '11' },
  { id: 'WEST', name: 'MAPLE FAMILY HEALTH WESTSIDE', npi: npi('145632790'), street: '2200 WEST LAKE RD', city: 'SPRINGFIELD', state: 'IL', zip: '627040002', placeOfService: '11' },
];

export const PRACTICE: Practice = {
  name: 'MAPLE FAMILY HEALTH GROUP',
  billingNpi: npi('123456789'),
  taxId: '371234567',
  street: '100 MAPLE AVE',
  city: 'SPRINGFIELD',
  state: 'IL',
  zip: '627010001',
  submitterId: 'MAPLEFHG',
  receiverId: 'DEMOCLEARHOUSE',
  providers: [...PROVIDERS],
  locations: [...LOCATIONS],
  payers: PAYERS.map(({ id, name, kind, filingIndicator }) => ({ id, name, kind, filingIndicator })),
};
