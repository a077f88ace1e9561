// Small X12 files for tests, written from their segments: one interchange, one functional group and one
// transaction set around the body given, with the counts (SE01, GE01, IEA01) right.

export interface X12FixtureOptions {
  /** ST01: 837, 277, ... */
  type: string;
  /** GS08 and ST03: the implementation guide. */
  guide: string;
  /** GS04 (CCYYMMDD). */
  date?: string;
  /** ISA12: 00401 writes a 4010 file (no ST03; ISA11 U). */
  isaVersion?: '00501' | '00401';
}

const FUNCTIONAL_ID: Record<string, string> = { '837': 'HC', '277': 'HN', '999': 'FA', '835': 'HP' };

/** The file, segments ending in ~ and a line break. `body`: the segments after ST, without SE. */
export function x12Fixture(options: X12FixtureOptions, body: string[]): string {
  const { type, guide, date = '20240101', isaVersion = '00501' } = options;
  const isa = `ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *${date.slice(2)}*1200*${isaVersion === '00401' ? 'U' : '^'}*${isaVersion}*000000001*0*P*:`;
  const set = [isaVersion === '00401' ? `ST*${type}*0001` : `ST*${type}*0001*${guide}`, ...body];
  const segments = [isa, `GS*${FUNCTIONAL_ID[type] ?? 'HC'}*SENDER*RECEIVER*${date}*1200*1*X*${guide}`, ...set, `SE*${set.length + 1}*0001`, 'GE*1*1', 'IEA*1*000000001'];
  return `${segments.join('~\n')}~\n`;
}

/** The body of an 837I: a hospital's outpatient claim (CL1, one SV2 revenue-code line), CLM05 as given. */
export function institutional837(clm05: string, options: { claim?: string; diagnosis?: string } = {}): string[] {
  const { claim = 'INST-1', diagnosis = 'ABK:R69' } = options;
  return [
    'BHT*0019*00*1*20240101*1200*CH',
    'HL*1**20*1', 'NM1*85*2*GENERAL HOSPITAL*****XX*1111111112',
    'HL*2*1*22*0', 'SBR*P*18*******MB', 'NM1*IL*1*DOE*JANE****MI*M1', 'NM1*PR*2*MEDICARE*****PI*P1',
    `CLM*${claim}*100***${clm05}**A*Y*Y`, 'DTP*434*RD8*20240101-20240101', 'CL1*1*1*01', `HI*${diagnosis}`,
    'LX*1', 'SV2*0450*HC:99283*100*UN*1', 'DTP*472*D8*20240101',
  ];
}

/** The same claim as an 837P body: an SV1 line (place of service from CLM05-1), no CL1. */
export function professional837(clm05: string, options: { claim?: string } = {}): string[] {
  return institutional837(clm05, options).filter((s) => !s.startsWith('CL1')).map((s) => (s.startsWith('SV2') ? 'SV1*HC:99213*100*UN*1***1' : s));
}
