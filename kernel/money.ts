// Money as integer cents: the one money type of every layer (readers, warehouse loads, reports, the
// browser). Cents are JavaScript integers, exact up to 2^53 (about 90 trillion dollars): parseCents
// refuses anything larger, and sums of integers that size stay exact. Never a fraction of a cent.

/** Money: an integer number of cents. */
export type Cents = number;

export type Parsed<T> = { ok: true; value: T } | { ok: false; why?: 'sub_cent' | 'too_large' };

const FAILED: Parsed<never> = { ok: false };

/** What is wrong with an amount parseCents refused, for the message that names it. */
export function amountProblem(why: 'sub_cent' | 'too_large' | undefined): string {
  if (why === 'sub_cent') return 'has a fraction of a cent (amounts carry two decimals at most)';
  if (why === 'too_large') return 'is larger than the warehouse holds (13 digits before the decimal point)';
  return 'is not an amount';
}
/** Whole dollars beyond 13 digits would leave the exact-integer range of a double. */
const MAX_WHOLE_DIGITS = 13;

const SUB_CENT: Parsed<never> = { ok: false, why: 'sub_cent' };
const TOO_LARGE: Parsed<never> = { ok: false, why: 'too_large' };

/**
 * X12 "R" numbers as money: an optional minus, digits, an optional decimal point. Monetary amounts
 * (data element 782) carry cents at most, so digits past the cents must be zeros ("12.340"); a fraction
 * of a cent ("12.345") is refused (why: sub_cent), never rounded: rounding would make a balanced file unbalanced.
 */
export function parseCents(text: string): Parsed<Cents> {
  const n = text.length;
  let i = 0;
  let negative = false;
  if (n > 0 && text.charCodeAt(0) === 45) {
    negative = true;
    i = 1;
  }
  let whole = 0;
  let wholeDigits = 0;
  for (; i < n; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    if (wholeDigits > 0 || d > 0) wholeDigits++;
    whole = whole * 10 + d;
  }
  const sawWhole = i > (negative ? 1 : 0);
  let fraction = 0;
  let fractionDigits = 0;
  let subCent = false;
  if (i < n && text.charCodeAt(i) === 46) {
    for (i++; i < n; i++) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      if (fractionDigits < 2) fraction = fraction * 10 + d;
      else if (d !== 0) subCent = true;
      fractionDigits++;
    }
  }
  if (i !== n || (!sawWhole && fractionDigits === 0)) return FAILED;
  if (wholeDigits > MAX_WHOLE_DIGITS) return TOO_LARGE;
  if (subCent) return SUB_CENT;
  if (fractionDigits === 1) fraction *= 10;
  const cents = whole * 100 + fraction;
  return { ok: true, value: negative && cents !== 0 ? -cents : cents };
}

export function formatCents(cents: Cents): string {
  const negative = cents < 0;
  const abs = negative ? -cents : cents;
  const fraction = abs % 100;
  const whole = (abs - fraction) / 100;
  return `${negative ? '-' : ''}${whole}.${fraction < 10 ? '0' : ''}${fraction}`;
}

/** A JSON number for an amount: at most two decimals, exactly the amount in the file. */
export function centsToNumber(cents: Cents): number {
  return Number(formatCents(cents));
}
