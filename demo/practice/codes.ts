// The demo practice's fee schedule and the diagnoses it bills. Codes only (CPT descriptors are the AMA's);
// the labels are our own. ICD-10-CM titles are public domain.
import type { Cents } from '../model.ts';

export type ServiceKind = 'visit' | 'preventive' | 'procedure' | 'injection' | 'drug' | 'vaccine' | 'lab' | 'imaging' | 'therapy' | 'test';

export interface FeeScheduleEntry {
  code: string;
  kind: ServiceKind;
  /** The practice's charge per unit. */
  charge: Cents;
  label: string;
}

export const FEE_SCHEDULE: readonly FeeScheduleEntry[] = [
  { code: '99202', kind: 'visit', charge: 12000, label: 'new patient visit, level 2' },
  { code: '99203', kind: 'visit', charge: 18000, label: 'new patient visit, level 3' },
  { code: '99204', kind: 'visit', charge: 26000, label: 'new patient visit, level 4' },
  { code: '99212', kind: 'visit', charge: 9000, label: 'established patient visit, level 2' },
  { code: '99213', kind: 'visit', charge: 14000, label: 'established patient visit, level 3' },
  { code: '99214', kind: 'visit', charge: 21000, label: 'established patient visit, level 4' },
  { code: '99215', kind: 'visit', charge: 29000, label: 'established patient visit, level 5' },
  { code: '99396', kind: 'preventive', charge: 25000, label: 'preventive visit, 40-64' },
  { code: '20610', kind: 'procedure', charge: 22000, label: 'major joint aspiration or injection' },
  { code: '17110', kind: 'procedure', charge: 16000, label: 'destruction of benign lesions' },
  { code: '96372', kind: 'injection', charge: 4500, label: 'therapeutic injection' },
  { code: 'J1030', kind: 'drug', charge: 2500, label: 'methylprednisolone acetate 40 mg' },
  { code: 'J3301', kind: 'drug', charge: 2000, label: 'triamcinolone acetonide 10 mg' },
  { code: '90471', kind: 'vaccine', charge: 3000, label: 'immunization administration' },
  { code: '90686', kind: 'vaccine', charge: 4000, label: 'influenza vaccine, quadrivalent' },
  { code: '36415', kind: 'lab', charge: 1500, label: 'venipuncture' },
  { code: '80053', kind: 'lab', charge: 4500, label: 'comprehensive metabolic panel' },
  { code: '85025', kind: 'lab', charge: 3500, label: 'complete blood count' },
  { code: '83036', kind: 'lab', charge: 4000, label: 'hemoglobin A1c' },
  { code: '80061', kind: 'lab', charge: 5000, label: 'lipid panel' },
  { code: '93000', kind: 'test', charge: 8000, label: 'electrocardiogram' },
  { code: '73721', kind: 'imaging', charge: 140000, label: 'MRI lower extremity joint' },
  { code: '72148', kind: 'imaging', charge: 150000, label: 'MRI lumbar spine' },
  { code: '73030', kind: 'imaging', charge: 12000, label: 'X-ray shoulder' },
  { code: '71046', kind: 'imaging', charge: 11000, label: 'X-ray chest, 2 views' },
  { code: '97161', kind: 'therapy', charge: 18000, label: 'physical therapy evaluation' },
  { code: '97110', kind: 'therapy', charge: 7500, label: 'therapeutic exercise, 15 min' },
  { code: '97140', kind: 'therapy', charge: 7000, label: 'manual therapy, 15 min' },
  { code: '97530', kind: 'therapy', charge: 8000, label: 'therapeutic activities, 15 min' },
];

export const FEES = new Map(FEE_SCHEDULE.map((e) => [e.code, e]));

export const MRI_CODES = ['73721', '72148'];

/** ICD-10-CM codes (stored without the dot, as in the 837) and their public-domain titles. */
export const DIAGNOSES = {
  diabetes: { code: 'E119', title: 'Type 2 diabetes mellitus without complications' },
  hypertension: { code: 'I10', title: 'Essential (primary) hypertension' },
  hyperlipidemia: { code: 'E785', title: 'Hyperlipidemia, unspecified' },
  uri: { code: 'J069', title: 'Acute upper respiratory infection, unspecified' },
  asthma: { code: 'J45909', title: 'Unspecified asthma, uncomplicated' },
  chestPain: { code: 'R079', title: 'Chest pain, unspecified' },
  kneePain: { code: 'M25561', title: 'Pain in right knee' },
  kneeArthritis: { code: 'M1711', title: 'Unilateral primary osteoarthritis, right knee' },
  lowBackPain: { code: 'M5450', title: 'Low back pain, unspecified' },
  rotatorCuff: { code: 'M75101', title: 'Unspecified rotator cuff tear or rupture of right shoulder, not specified as traumatic' },
  warts: { code: 'B079', title: 'Viral wart, unspecified' },
  generalExam: { code: 'Z0000', title: 'Encounter for general adult medical examination without abnormal findings' },
  immunization: { code: 'Z23', title: 'Encounter for immunization' },
  fatigue: { code: 'R5383', title: 'Other fatigue' },
  gaitAbnormality: { code: 'R269', title: 'Unspecified abnormalities of gait and mobility' },
} as const;
