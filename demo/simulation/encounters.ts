// One visit and the claim the practice bills for it: the services each specialty performs, the codes
// and modifiers the coders choose (modifier 25 on a visit with a procedure, GP on therapy) and the
// diagnoses that justify them. The planted therapy pattern lives here: one therapist often omits GP.
import type { Claim, IsoDate, Location, Patient, ServiceLine } from '../model.ts';
import { DIAGNOSES, FEES, MRI_CODES } from '../practice/codes.ts';
import { payerProfile, SELF_PAY } from '../practice/payers.ts';
import type { DemoProvider } from '../practice/practice.ts';
import { Random } from './random.ts';

type Dx = keyof typeof DIAGNOSES;

interface Service {
  code: string;
  units?: number;
  modifiers?: string[];
  /** Which of the visit's diagnoses it points to (1-based); all of them (up to 4) when absent. */
  pointers?: number[];
}

interface Visit {
  diagnoses: Dx[];
  services: Service[];
}

const CHRONIC: Dx[] = ['diabetes', 'hypertension', 'hyperlipidemia', 'asthma', 'fatigue'];
const VISIT_LEVELS: [string, number][] = [['99212', 10], ['99213', 45], ['99214', 35], ['99215', 10]];
const NEW_LEVELS: [string, number][] = [['99202', 20], ['99203', 50], ['99204', 30]];

/** The therapist who leaves GP off a quarter of her therapy lines. */
export const THERAPY_PATTERN_SHARE = 0.25;

function visitCode(random: Random): string {
  return random.chance(0.1) ? random.weighted(NEW_LEVELS) : random.weighted(VISIT_LEVELS);
}

function primaryCare(random: Random, dos: IsoDate): Visit {
  const roll = random.next();
  if (roll < 0.55) {
    const diagnoses = [...new Set([random.pick(CHRONIC), random.pick(CHRONIC), random.pick(CHRONIC)])].slice(0, random.int(1, 3));
    const services: Service[] = [{ code: visitCode(random) }];
    if (random.chance(0.3)) {
      services.push({ code: '36415', pointers: [1] });
      const labs = diagnoses.includes('diabetes') ? ['83036', '80053'] : ['80053', '85025', '80061'];
      for (const lab of labs.slice(0, random.int(1, 2))) services.push({ code: lab, pointers: [1] });
    }
    if (random.chance(0.08)) {
      diagnoses.push('chestPain');
      services.push({ code: '93000', pointers: [diagnoses.length] });
    }
    return { diagnoses, services };
  }
  if (roll < 0.67) {
    return {
      diagnoses: [random.chance(0.5) ? 'asthma' : 'lowBackPain'],
      services: [{ code: visitCode(random), modifiers: ['25'] }, { code: '96372', pointers: [1] }, { code: 'J1030', pointers: [1] }],
    };
  }
  if (roll < 0.77) {
    const services: Service[] = [{ code: '99396' }, { code: '36415', pointers: [1] }, { code: '80061', pointers: [1] }];
    const diagnoses: Dx[] = ['generalExam'];
    if (Number(dos.slice(5, 7)) >= 10 && random.chance(0.6)) {
      diagnoses.push('immunization');
      services.push({ code: '90471', pointers: [2] }, { code: '90686', pointers: [2] });
    }
    return { diagnoses, services };
  }
  if (roll < 0.81) {
    return { diagnoses: ['lowBackPain'], services: [{ code: '72148', pointers: [1] }] };
  }
  if (roll < 0.87) {
    const services: Service[] = [{ code: '17110', pointers: [1] }];
    if (random.chance(0.3)) services.unshift({ code: visitCode(random), modifiers: ['25'] });
    return { diagnoses: ['warts'], services };
  }
  return { diagnoses: ['uri'], services: [{ code: random.chance(0.7) ? '99213' : '99212' }] };
}

function orthopedics(random: Random): Visit {
  const roll = random.next();
  const knee = random.chance(0.6);
  const diagnoses: Dx[] = knee ? ['kneeArthritis', 'kneePain'] : ['rotatorCuff'];
  const newPatient = random.chance(0.3);
  const visit = newPatient ? random.weighted(NEW_LEVELS.slice(1)) : random.weighted(VISIT_LEVELS.slice(1, 3));
  if (roll < 0.35) {
    return { diagnoses, services: [{ code: visit, modifiers: ['25'] }, { code: '20610', modifiers: [knee ? 'RT' : 'RT'], pointers: [1] }, { code: 'J3301', units: 4, pointers: [1] }] };
  }
  if (roll < 0.6) {
    return { diagnoses: knee ? diagnoses : ['lowBackPain'], services: [{ code: knee ? MRI_CODES[0] : MRI_CODES[1], modifiers: knee ? ['RT'] : [], pointers: [1] }] };
  }
  if (roll < 0.7) return { diagnoses, services: [{ code: visit }, { code: knee ? '73030' : '73030', modifiers: ['RT'], pointers: [1] }] };
  if (roll < 0.8) return { diagnoses, services: [{ code: visit, modifiers: ['25'] }, { code: '97110', units: 2, modifiers: ['GP'], pointers: [1] }] };
  return { diagnoses, services: [{ code: visit }] };
}

function therapy(random: Random, omitsModifier: boolean): Visit {
  const diagnoses: Dx[] = [random.pick(['kneeArthritis', 'lowBackPain', 'rotatorCuff', 'gaitAbnormality'] as Dx[])];
  const gp = omitsModifier ? [] : ['GP'];
  if (random.chance(0.2)) return { diagnoses, services: [{ code: '97161', modifiers: gp, pointers: [1] }] };
  const services: Service[] = [{ code: '97110', units: random.int(2, 4), modifiers: gp, pointers: [1] }, { code: '97140', units: random.int(1, 2), modifiers: gp, pointers: [1] }];
  if (random.chance(0.3)) services.push({ code: '97530', units: random.int(1, 2), modifiers: gp, pointers: [1] });
  return { diagnoses, services };
}

export interface Encounter {
  claim: Claim;
  patterns: string[];
}

export function makeEncounter(random: Random, id: string, dos: IsoDate, patient: Patient, provider: DemoProvider, location: Location, therapyPatternNpi: string): Encounter {
  const patterns: string[] = [];
  let visit: Visit;
  if (provider.specialty === 'therapy') {
    const omits = provider.npi === therapyPatternNpi && random.chance(THERAPY_PATTERN_SHARE);
    visit = therapy(random, omits);
    if (omits) patterns.push('therapy-missing-gp');
  } else if (provider.specialty === 'orthopedics') visit = orthopedics(random);
  else visit = primaryCare(random, dos);

  const diagnoses = visit.diagnoses.map((d) => DIAGNOSES[d].code);
  const lines: ServiceLine[] = visit.services.map((s, i) => {
    const fee = FEES.get(s.code);
    if (!fee) throw new Error(`no fee for ${s.code}`);
    const units = s.units ?? 1;
    return {
      number: i + 1,
      procedureCode: s.code,
      modifiers: s.modifiers ?? [],
      units,
      charge: fee.charge * units,
      diagnosisPointers: s.pointers ?? diagnoses.slice(0, 4).map((_, k) => k + 1),
      serviceDate: dos,
      controlNumber: `${id}L${i + 1}`,
    };
  });
  const claim: Claim = {
    id,
    patient,
    payerId: patient.payerId,
    renderingNpi: provider.npi,
    locationId: location.id,
    diagnoses,
    lines,
    charge: lines.reduce((sum, l) => sum + l.charge, 0),
    serviceDate: dos,
  };
  const hasMri = lines.some((l) => MRI_CODES.includes(l.procedureCode));
  if (hasMri && patient.payerId !== SELF_PAY && payerProfile(patient.payerId).authorizesImaging) {
    // Northwind's imaging authorizations are mostly missed (a planted pattern); others are obtained.
    const obtained = random.chance(patient.payerId === 'NWPPO' ? 0.4 : 0.985);
    if (obtained) claim.priorAuthorization = `AUTH${id.slice(-7)}`;
  }
  if (hasMri && patient.payerId === 'NWPPO') patterns.push('northwind-imaging-authorization');
  if (patient.payerId === 'SUMMT' && lines.some((l) => l.modifiers.includes('25')) && lines.some((l) => l.procedureCode === '96372')) {
    patterns.push('summit-em25-injection');
  }
  return { claim, patterns };
}
