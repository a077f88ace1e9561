// A small hand-written 837P, written here (no outside file): a child seen twice for a sore throat and a
// fever, billed under the parent's plan. Tests edit its text to make what outside senders get wrong.
//   claim PCN-5521, 180.00: ABK J069 (principal), ABF R509
//   line 1  99213  90.00  pointer 1  2024-03-01
//   line 2  87880  30.00  pointer 1  2024-03-01
//   line 3  99214  45.00  pointer 2  2024-03-04
//   line 4  94640  15.00  pointer 2  2024-03-04
import { x12Fixture } from './x12-fixture.ts';

export const FIXTURE_837P_GUIDE = '005010X222A2';

/** The segments after ST, without SE. */
export const FIXTURE_837P_BODY = [
  'BHT*0019*00*BATCH7*20240305*0930*CH',
  'NM1*41*2*NORTHWIND BILLING*****46*NWB01', 'PER*IC*BILLING DESK*TE*5555550100', 'NM1*40*2*CLEARHOUSE*****46*CH01',
  'HL*1**20*1', 'NM1*85*2*LAKESIDE PEDIATRICS*****XX*1234567893', 'N3*22 LAKE RD', 'N4*MADISON*WI*53703', 'REF*EI*391234567',
  'HL*2*1*22*1', 'SBR*P**GRP-88******CI', 'NM1*IL*1*RIVERA*ANA****MI*W100200300', 'NM1*PR*2*BADGER HEALTH PLAN*****PI*BHP01',
  'HL*3*2*23*0', 'PAT*19', 'NM1*QC*1*RIVERA*LUIS', 'DMG*D8*20150612*M',
  'CLM*PCN-5521*180***11:B:1*Y*A*Y*Y', 'REF*D9*CH202403050001', 'HI*ABK:J069*ABF:R509',
  'LX*1', 'SV1*HC:99213*90*UN*1***1', 'DTP*472*D8*20240301',
  'LX*2', 'SV1*HC:87880*30*UN*1***1', 'DTP*472*D8*20240301',
  'LX*3', 'SV1*HC:99214*45*UN*1***2', 'DTP*472*D8*20240304',
  'LX*4', 'SV1*HC:94640*15*UN*1***2', 'DTP*472*D8*20240304',
];

/** The file: segments ending in ~ and a line break, ISA16 ":". */
export function fixture837P(): string {
  return x12Fixture({ type: '837', guide: FIXTURE_837P_GUIDE, date: '20240305' }, FIXTURE_837P_BODY);
}
