// A small hand-written 835 with hand-computed answers, writable with any separators and line endings:
// two paid/denied claims, a reversal with its correction, claim- and line-level CAS, a remark, PLB.

export interface Layout {
  element?: string;
  component?: string;
  terminator?: string;
  /** Written after each terminator ('' | '\n' | '\r\n' | '\r'). */
  after?: string;
  /** Written before each terminator (the "\n~" files). */
  before?: string;
  version?: '00501' | '00401';
  repetition?: string;
  interchangeControl?: string;
}

type Element = string | string[];

/** The body of the remittance: segments as element lists; arrays are composites. */
export const FIXTURE_BODY: Element[][] = [
  ['BPR', 'I', '280.00', 'C', 'ACH', 'CCP', '01', '999999992', 'DA', '123456', '1512345678', '', '01', '888888880', 'DA', '654321', '20240315'],
  ['TRN', '1', 'TRACE001', '1512345678'],
  ['DTM', '405', '20240314'],
  ['N1', 'PR', 'ACME HEALTH PLAN'],
  ['REF', '2U', 'ACME01'],
  ['N1', 'PE', 'GOOD CLINIC', 'XX', '1234567893'],
  ['REF', 'TJ', '111223333'],
  ['LX', '1'],
  ['CLP', 'CLAIM-A', '1', '500.00', '280.00', '100.00', '12', 'ICN-A', '11', '1'],
  ['CAS', 'CO', 'A2', '20.00'],
  ['NM1', 'QC', '1', 'DOE', 'JANE', '', '', '', 'MI', 'M123'],
  ['NM1', '82', '1', 'SMITH', 'JOHN', '', '', '', 'XX', '1999999984'],
  ['DTM', '232', '20240301'],
  ['SVC', ['HC', '99213', '25'], '300.00', '200.00', '', '1'],
  ['DTM', '472', '20240301'],
  ['CAS', 'CO', '45', '50.00'],
  ['CAS', 'PR', '2', '50.00'],
  ['REF', '6R', 'A-1'],
  ['SVC', ['HC', '96372'], '200.00', '100.00', '', '2'],
  ['DTM', '472', '20240301'],
  ['CAS', 'CO', '45', '50.00'],
  ['CAS', 'PR', '1', '50.00'],
  ['LQ', 'HE', 'N130'],
  ['CLP', 'CLAIM-B', '4', '150.00', '0', '0', '12', 'ICN-B', '11', '1'],
  ['NM1', 'QC', '1', 'ROE', 'RICHARD', '', '', '', 'MI', 'M456'],
  ['SVC', ['HC', '99214'], '150.00', '0', '', '1'],
  ['DTM', '472', '20240302'],
  ['CAS', 'CO', '197', '150.00'],
  ['CLP', 'CLAIM-C', '22', '-100.00', '-80.00', '0', '12', 'ICN-C1', '11', '1'],
  ['NM1', 'QC', '1', 'POE', 'EDGAR', '', '', '', 'MI', 'M789'],
  ['SVC', ['HC', '99212'], '-100.00', '-80.00', '', '1'],
  ['DTM', '472', '20240105'],
  ['CAS', 'CO', '45', '-20.00'],
  ['CLP', 'CLAIM-C', '1', '100.00', '90.00', '0', '12', 'ICN-C2', '11', '1'],
  ['NM1', 'QC', '1', 'POE', 'EDGAR', '', '', '', 'MI', 'M789'],
  ['SVC', ['HC', '99212'], '100.00', '90.00', '', '1'],
  ['DTM', '472', '20240105'],
  ['CAS', 'CO', '45', '10.00'],
  ['PLB', '1234567893', '20241231', ['L6', 'INT1'], '-5.00', ['WO', 'ICN-X'], '15.00'],
];

/** Hand-computed: Σ CLP04 = 280 + 0 − 80 + 90 = 290; Σ PLB = −5 + 15 = 10; BPR02 = 290 − 10 = 280. */
export const FIXTURE_ANSWERS = {
  claims: 4,
  reversals: 1,
  lines: 5,
  adjustments: 8,
  claimPaid: '290.00',
  claimCharge: '650.00',
  payment: '280.00',
  providerAdjustments: ['-5.00', '15.00'],
  patientResponsibility: '100.00',
} as const;

export function isa(layout: Layout = {}): string {
  const e = layout.element ?? '*';
  const version = layout.version ?? '00501';
  const repetition = layout.repetition ?? (version === '00401' ? 'U' : '^');
  const control = layout.interchangeControl ?? '000000001';
  return ['ISA', '00', '          ', '00', '          ', 'ZZ', 'ACMEPAYER      ', 'ZZ', 'GOODCLINIC     ', '240315', '1200', repetition, version, control, '0', 'P', layout.component ?? ':'].join(e);
}

/** The fixture as one interchange with one group and `transactions` copies of the transaction set. */
export function fixture835(layout: Layout = {}, transactions = 1): string {
  const e = layout.element ?? '*';
  const c = layout.component ?? ':';
  const end = `${layout.before ?? ''}${layout.terminator ?? '~'}${layout.after ?? '\n'}`;
  const seg = (elements: Element[]) => elements.map((x) => (Array.isArray(x) ? x.join(c) : x)).join(e) + end;
  const control = layout.interchangeControl ?? '000000001';
  let text = isa(layout) + end + seg(['GS', 'HP', 'ACMEPAYER', 'GOODCLINIC', '20240315', '1200', '7', 'X', layout.version === '00401' ? '004010X091A1' : '005010X221A1']);
  for (let t = 1; t <= transactions; t++) {
    const st = String(t).padStart(4, '0');
    text += seg(['ST', '835', st]);
    for (const s of FIXTURE_BODY) text += seg(s);
    text += seg(['SE', String(FIXTURE_BODY.length + 2), st]);
  }
  text += seg(['GE', String(transactions), '7']) + seg(['IEA', '1', control]);
  return text;
}

/**
 * The fixture's remittance as a clearinghouse sends it again: another interchange control number `n` and
 * envelope date (2024-03-15 + n days), the same payment (`n` from 1 to 16).
 */
export function resentFixture835(n: number): string {
  const day = String(15 + n);
  return fixture835({ interchangeControl: String(n).padStart(9, '0') }).replace('*240315*1200*', `*2403${day}*1200*`).replace('*20240315*1200*7*', `*202403${day}*1200*7*`);
}

/** The fixture's payer and trace number with another payment: its PLB recoupment of 15.00 is a 5.00 credit (BPR02 300.00). */
export function conflictingFixture835(): string {
  return resentFixture835(9).replace('*I*280.00*', '*I*300.00*').replace('WO:ICN-X*15.00', 'WO:ICN-X*-5.00');
}
