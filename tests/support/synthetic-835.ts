// Generates balanced 835 remittances of any size, deterministically, and counts what it wrote so that
// tests can check the loader against totals computed here, independently of the reader.
import { Random } from './random.ts';

export interface SyntheticOptions {
  seed: number;
  claims: number;
  claimsPerTransaction?: number;
  /** Written after each segment terminator. */
  lineEnding?: '' | '\n' | '\r\n';
  element?: string;
  component?: string;
  terminator?: string;
  interchangeControl?: number;
}

export interface SyntheticTotals {
  transactions: number;
  claims: number;
  reversals: number;
  lines: number;
  adjustments: number;
  providerAdjustments: number;
  /** Σ CLP04 in cents (reversals negative). */
  claimPaid: bigint;
  /** Σ CLP03 in cents. */
  claimCharge: bigint;
  /** Σ BPR02 in cents. */
  payments: bigint;
  /** Σ PLB amounts in cents. */
  providerAdjustmentTotal: bigint;
  segments: number;
  bytes: number;
}

export function emptyTotals(): SyntheticTotals {
  return { transactions: 0, claims: 0, reversals: 0, lines: 0, adjustments: 0, providerAdjustments: 0, claimPaid: 0n, claimCharge: 0n, payments: 0n, providerAdjustmentTotal: 0n, segments: 0, bytes: 0 };
}

const PROCEDURES = ['99213', '99214', '99203', '36415', '80053', '85025', '96372', 'J1100', '97110', '71046', '93000', '20610'];
const MODIFIERS = ['', '', '', '25', 'GP', '59', 'LT', 'RT'];
const DENIALS: [string, string][] = [['CO', '97'], ['CO', '16'], ['CO', '50'], ['CO', '197'], ['CO', '29'], ['PR', '96'], ['CO', '18']];
const REMARKS = ['N130', 'M15', 'N290', 'MA130'];

interface Line {
  code: string;
  modifier: string;
  charge: bigint;
  paid: bigint;
  units: number;
  adjustments: [string, string, bigint][];
  remark: string | null;
}

const money = (cents: bigint) => {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  return `${negative ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
};

/** One adjudicated claim: its lines, and for some a reversal and corrected lines. */
interface SyntheticClaim {
  number: number;
  status: string;
  lines: Line[];
  correction: Line[] | null;
}

function makeClaim(random: Random, number: number): SyntheticClaim {
  const status = random.chance(0.05) ? '4' : '1';
  const lines = makeLines(random);
  const correction = random.chance(0.02) ? makeLines(random) : null;
  return { number, status, lines, correction };
}

const sum = (values: bigint[]) => values.reduce((s, v) => s + v, 0n);
const paidOf = (lines: Line[]) => sum(lines.map((l) => l.paid));
const prOf = (lines: Line[]) => sum(lines.flatMap((l) => l.adjustments.filter((a) => a[0] === 'PR').map((a) => a[2])));

/**
 * Writes the file piece by piece: a transaction set is generated twice from the same seed, once to
 * learn its payment total (the BPR comes first) and once to write it, so nothing but one claim is held.
 */
export function* synthetic835(options: SyntheticOptions, totals: SyntheticTotals = emptyTotals()): Generator<string> {
  const el = options.element ?? '*';
  const co = options.component ?? ':';
  const term = (options.terminator ?? '~') + (options.lineEnding ?? '\n');
  const perTransaction = options.claimsPerTransaction ?? 200;
  const interchange = options.interchangeControl ?? 1;
  const control = String(interchange).padStart(9, '0');
  const seg = (...elements: string[]) => elements.join(el) + term;
  const emit = (text: string) => {
    totals.bytes += Buffer.byteLength(text);
    return text;
  };

  const writeClaim = (c: SyntheticClaim): string[] => {
    const out: string[] = [];
    const pcn = `PCN${options.seed}-${c.number}`;
    const write = (status: string, sign: bigint, ls: Line[], icn: string) => {
      const charge = sum(ls.map((l) => l.charge)) * sign;
      const paid = paidOf(ls) * sign;
      out.push(
        seg('CLP', pcn, status, money(charge), money(paid), money(prOf(ls) * sign), '12', icn, '11', '1'),
        seg('NM1', 'QC', '1', 'DOE', `PAT${c.number % 997}`, '', '', '', 'MI', `M${c.number}`),
        seg('NM1', '82', '1', 'SMITH', 'JANE', '', '', '', 'XX', '1234567893'),
        seg('DTM', '232', '20241215'),
        seg('DTM', '233', '20241215'),
      );
      ls.forEach((l, n) => {
        out.push(seg('SVC', ['HC', l.code, l.modifier].filter(Boolean).join(co), money(l.charge * sign), money(l.paid * sign), '', String(l.units)), seg('DTM', '472', '20241215'));
        for (const [group, reason, amount] of l.adjustments) out.push(seg('CAS', group, reason, money(amount * sign)));
        out.push(seg('REF', '6R', `${c.number}-${n + 1}`), seg('AMT', 'B6', money((l.paid + prOf([l])) * sign)));
        if (l.remark) out.push(seg('LQ', 'HE', l.remark));
      });
    };
    write(c.status, 1n, c.lines, `ICN${c.number}A`);
    if (c.correction) {
      // A reversal of the payment just made, then the corrected adjudication.
      write('22', -1n, c.lines, `ICN${c.number}A`);
      write('1', 1n, c.correction, `ICN${c.number}B`);
    }
    return out;
  };

  const claimTotals = (c: SyntheticClaim) => {
    const adjudications: [Line[], bigint][] = [[c.lines, 1n]];
    if (c.correction) adjudications.push([c.lines, -1n], [c.correction, 1n]);
    return adjudications;
  };

  const isa = `ISA${el}00${el}          ${el}00${el}          ${el}ZZ${el}PAYERSENDER    ${el}ZZ${el}PRACTICE       ${el}250102${el}1200${el}^${el}00501${el}${control}${el}0${el}P${el}${co}${term}`;
  yield emit(isa + seg('GS', 'HP', 'PAYERSENDER', 'PRACTICE', '20250102', '1200', '1', 'X', '005010X221A1'));
  totals.segments += 2;

  let firstClaim = 1;
  let transactions = 0;
  while (firstClaim <= options.claims) {
    transactions++;
    const count = Math.min(perTransaction, options.claims - firstClaim + 1);
    const transactionSeed = options.seed * 7919 + interchange * 104729 + transactions;

    // Pass 1: the payment total and the segment count.
    let random = new Random(transactionSeed);
    let paidTotal = 0n;
    let claimSegmentCount = 0;
    for (let i = 0; i < count; i++) {
      const c = makeClaim(random, firstClaim + i);
      for (const [ls, sign] of claimTotals(c)) paidTotal += paidOf(ls) * sign;
      claimSegmentCount += writeClaim(c).length;
    }
    const plb: [string, bigint][] = [];
    if (random.chance(0.3)) plb.push([`L6${co}INT${transactions}`, -BigInt(random.int(1, 500))]);
    if (random.chance(0.2) && paidTotal > 10000n) plb.push([`WO${co}ICN${firstClaim}A`, BigInt(random.int(1, 5000))]);
    const plbTotal = sum(plb.map((p) => p[1]));
    const payment = paidTotal - plbTotal;

    // Pass 2: write it.
    const st = String(transactions).padStart(4, '0');
    const header = [
      seg('ST', '835', st),
      seg('BPR', 'I', money(payment < 0n ? -payment : payment), payment < 0n ? 'D' : 'C', 'ACH', 'CCP', '01', '011000015', 'DA', '123456', '1512345678', '', '01', '021000021', 'DA', '654321', '20250102'),
      seg('TRN', '1', `EFT${options.seed}-${interchange}-${transactions}`, '1512345678'),
      seg('REF', 'EV', 'PRACTICE'),
      seg('DTM', '405', '20250101'),
      seg('N1', 'PR', 'SYNTHETIC HEALTH PLAN'),
      seg('N3', '1 PAYER WAY'),
      seg('N4', 'ANYTOWN', 'CA', '90001'),
      seg('REF', '2U', '99999'),
      seg('PER', 'BL', 'PROVIDER SERVICES', 'TE', '8005551212'),
      seg('N1', 'PE', 'SYNTHETIC PRACTICE', 'XX', '1999999984'),
      seg('N3', '2 CLINIC ROAD'),
      seg('N4', 'ANYTOWN', 'CA', '90002'),
      seg('REF', 'TJ', '123456789'),
      seg('LX', '1'),
    ];
    yield emit(header.join(''));
    random = new Random(transactionSeed);
    let batch: string[] = [];
    for (let i = 0; i < count; i++) {
      const c = makeClaim(random, firstClaim + i);
      for (const [ls, sign] of claimTotals(c)) {
        totals.claims++;
        totals.claimPaid += paidOf(ls) * sign;
        totals.claimCharge += sum(ls.map((l) => l.charge)) * sign;
        totals.lines += ls.length;
        totals.adjustments += ls.reduce((n, l) => n + l.adjustments.length, 0);
      }
      if (c.correction) totals.reversals++;
      batch.push(...writeClaim(c));
      if (batch.length > 2000) {
        yield emit(batch.join(''));
        batch = [];
      }
    }
    const trailer = plb.length > 0 ? [seg('PLB', '1999999984', '20251231', ...plb.flatMap(([r, a]) => [r, money(a)]))] : [];
    const segmentCount = header.length + claimSegmentCount + trailer.length + 1;
    trailer.push(seg('SE', String(segmentCount), st));
    yield emit(batch.join('') + trailer.join(''));
    totals.transactions++;
    totals.providerAdjustments += plb.length;
    totals.providerAdjustmentTotal += plbTotal;
    totals.payments += payment;
    totals.segments += segmentCount;
    firstClaim += count;
  }
  totals.segments += 2;
  yield emit(seg('GE', String(transactions), '1') + seg('IEA', '1', control));
}

function makeLines(random: Random): Line[] {
  const lines: Line[] = [];
  for (let n = random.int(1, 4); n > 0; n--) {
    const units = random.int(1, 3);
    const charge = BigInt(random.int(2500, 60000)) * BigInt(units);
    const adjustments: Line['adjustments'] = [];
    let paid: bigint;
    if (random.chance(0.08)) {
      const [group, reason] = random.pick(DENIALS);
      adjustments.push([group, reason, charge]);
      paid = 0n;
    } else {
      const contractual = (charge * BigInt(random.int(10, 45))) / 100n;
      const allowed = charge - contractual;
      const deductible = random.chance(0.2) ? allowed / 4n : 0n;
      const coinsurance = ((allowed - deductible) * 20n) / 100n;
      adjustments.push(['CO', '45', contractual]);
      if (deductible > 0n) adjustments.push(['PR', '1', deductible]);
      if (coinsurance > 0n) adjustments.push(['PR', '2', coinsurance]);
      paid = allowed - deductible - coinsurance;
    }
    lines.push({ code: random.pick(PROCEDURES), modifier: random.pick(MODIFIERS), charge, paid, units, adjustments, remark: random.chance(0.1) ? random.pick(REMARKS) : null });
  }
  return lines;
}
