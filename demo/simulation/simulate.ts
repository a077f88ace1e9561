// The whole practice over M months: visits on business days, spread over providers, clinics and
// patients, each claim simulated to its end (or the end of the data set). Claims come out in date-of-
// service order, one at a time, so that a million of them never sit in memory together.
import type { IsoDate, Patient, PlantedPattern, Practice } from '../model.ts';
import { payerProfile, SELF_PAY } from '../practice/payers.ts';
import { PRACTICE, PROVIDERS, type DemoProvider } from '../practice/practice.ts';
import { addDays, addMonths, BUSINESS_DAYS, toDay, fromDay, weekday } from './calendar.ts';
import { makeEncounter, type Encounter } from './encounters.ts';
import { simulateClaim, type SimulatedClaim } from './lifecycle.ts';
import { makePatients } from './patients.ts';
import { drawOf, Random, seedOf } from './random.ts';

export interface SimulationOptions {
  seed: number;
  claims: number;
  months: number;
  /** First date of service; default 2025-01-01. */
  start?: IsoDate;
  /** The day the files are pulled: no event after it. Default: the last day of visits. */
  through?: IsoDate;
}

export interface Simulation {
  practice: Practice;
  start: IsoDate;
  /** The last day of the data set: no event after it. */
  end: IsoDate;
  patterns: PlantedPattern[];
  claims(): Generator<SimulatedClaim>;
}

const THERAPIST = PROVIDERS.find((p) => p.specialty === 'therapy')!;

export const PLANTED_PATTERNS: PlantedPattern[] = [
  {
    name: 'summit-em25-injection', payerId: 'SUMMT', procedureCodes: ['99212', '99213', '99214', '99215', '99202', '99203', '99204'], modifier: '25', carc: '97', category: 'bundling',
    description: 'Summit Health Plan bundles an office visit billed with modifier 25 on the same claim as a therapeutic injection (96372): about 70 % of those visit lines are denied CO 97, against a few percent for Summit otherwise.',
  },
  {
    name: 'therapy-missing-gp', renderingNpi: THERAPIST.npi, procedureCodes: ['97161', '97110', '97140', '97530'], carc: '4', category: 'coding',
    description: `Therapist ${THERAPIST.firstName} ${THERAPIST.lastName} leaves modifier GP off about a quarter of her therapy claims; Medicare and Medicare Advantage deny 90 % of those lines CO 4 (required modifier missing).`,
  },
  {
    name: 'northwind-imaging-authorization', payerId: 'NWPPO', procedureCodes: ['73721', '72148'], carc: '197', category: 'authorization',
    description: 'Northwind PPO requires prior authorization for MRI, which the front desk obtains only about a third of the time: most Northwind MRI lines are denied CO 197.',
  },
];

const PROVIDER_MIX = PROVIDERS.map((p) => [p, p.share] as const);

function locationFor(random: Random, provider: DemoProvider) {
  // Orthopedics and therapy work at the main clinic; primary care at both.
  return provider.specialty === 'family' || provider.specialty === 'internal' ? random.pick(PRACTICE.locations) : PRACTICE.locations[0];
}

/**
 * What is left of a patient's deductible when the year's first visit here comes: most patients meet
 * much of it elsewhere (hospital, pharmacy, other doctors), so only some still owe part of it.
 */
function deductibleLeft(seed: number, patientId: string, dos: IsoDate, deductible: number): number {
  const draw = drawOf(seed, 'deductible', patientId, dos.slice(0, 4));
  return draw < 0.1 ? Math.round((deductible * (0.2 + draw)) / 100) * 100 : 0;
}

export function simulate(options: SimulationOptions): Simulation {
  const start = options.start ?? '2025-01-01';
  const lastVisit = addDays(addMonths(start, options.months), -1);
  const end = options.through ?? lastVisit;
  return {
    practice: PRACTICE,
    start,
    end,
    patterns: PLANTED_PATTERNS,
    *claims() {
      const days: IsoDate[] = [];
      for (let d = toDay(start); d <= toDay(lastVisit); d++) if (BUSINESS_DAYS.includes(weekday(fromDay(d)))) days.push(fromDay(d));
      const patients: Patient[] = makePatients(seedOf(options.seed, 'patients'), Math.max(20, Math.ceil(options.claims / 4)), start);
      const deductibles = new Map<string, { left: number }>();
      const pick = new Random(seedOf(options.seed, 'schedule'));
      let number = 0;
      let previous: Encounter | undefined;
      for (let i = 0; i < days.length && number < options.claims; i++) {
        const dos = days[i];
        const today = Math.floor(((i + 1) * options.claims) / days.length) - Math.floor((i * options.claims) / days.length);
        for (let k = 0; k < today && number < options.claims; k++) {
          const patient = pick.pick(patients);
          const provider = pick.weighted(PROVIDER_MIX);
          const location = locationFor(pick, provider);
          // Now and then the same visit is entered twice: a copy under a new claim number.
          const duplicate = previous !== undefined && previous.claim.serviceDate === dos && previous.claim.payerId !== SELF_PAY && pick.chance(0.004);
          number++;
          const random = new Random(seedOf(options.seed, 'claim', number));
          const id = `MFH${String(number).padStart(8, '0')}`;
          const encounter: Encounter = duplicate
            ? { claim: { ...previous!.claim, id, lines: previous!.claim.lines.map((l) => ({ ...l, controlNumber: `${id}L${l.number}` })) }, patterns: [] }
            : makeEncounter(random, id, dos, patient, provider, location, THERAPIST.npi);
          previous = encounter;
          const claimPatient = encounter.claim.patient;
          const key = `${claimPatient.id}|${dos.slice(0, 4)}`;
          let deductible = deductibles.get(key);
          if (!deductible) {
            deductible = { left: claimPatient.payerId === SELF_PAY ? 0 : deductibleLeft(options.seed, claimPatient.id, dos, payerProfile(claimPatient.payerId).costShare.deductible) };
            deductibles.set(key, deductible);
          }
          yield simulateClaim(random, encounter, { seed: options.seed, endDate: end, number, deductible, duplicate });
        }
      }
    },
  };
}

