// Ratios reported as numerator, denominator and value, with exact rounding (BigInt, half away from zero)
// so that money sums beyond 2^53 / 10^6 still round the same way every time. "No data, no number":
// a zero or negative denominator gives value null and the reason.
export interface Ratio {
  numerator: number;
  denominator: number;
  value: number | null;
  unavailable?: string;
}

/** round(num / den) half away from zero, exactly. */
export function roundHalfAwayDiv(num: bigint, den: bigint): bigint {
  if (den === 0n) throw new Error('division by zero');
  const negative = num < 0n !== den < 0n;
  const a = num < 0n ? -num : num;
  const b = den < 0n ? -den : den;
  const q = (2n * a + b) / (2n * b);
  return negative ? -q : q;
}

/** num / den rounded to `decimals` places (half away from zero). */
export function roundedQuotient(num: number, den: number, decimals: number): number {
  const scale = 10n ** BigInt(decimals);
  return Number(roundHalfAwayDiv(BigInt(num) * scale, BigInt(den))) / Number(scale);
}

export function ratio(numerator: number, denominator: number, whenEmpty = 'no data in the window'): Ratio {
  if (denominator === 0) return { numerator, denominator, value: null, unavailable: `denominator is zero: ${whenEmpty}` };
  if (denominator < 0) return { numerator, denominator, value: null, unavailable: 'denominator is negative' };
  return { numerator, denominator, value: roundedQuotient(numerator, denominator, 6) };
}

/** Half away from zero at 2 decimals for a float (quantiles are interpolated, not money). */
export function round2(value: number): number {
  return Math.sign(value) * (Math.round(Math.abs(value) * 100) / 100) + 0;
}
