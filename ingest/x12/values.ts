// Exact values from X12 elements beside money (kernel/money.ts): decimals as validated strings, dates as
// ISO strings.
import type { Parsed } from '../../kernel/money.ts';

const FAILED: Parsed<never> = { ok: false };

const DECIMAL = /^-?(\d+\.?\d*|\.\d+)$/;

/** A decimal quantity (units, DRG weight) kept as its canonical text. */
export function parseQuantity(text: string): Parsed<string> {
  // Most quantities are a plain count ("1", "12"): already canonical.
  if (text.length > 0 && text.length < 10 && text.charCodeAt(0) !== 48 && isDigits(text)) return { ok: true, value: text };
  if (!DECIMAL.test(text)) return FAILED;
  const negative = text.startsWith('-');
  let body = negative ? text.slice(1) : text;
  if (body.startsWith('.')) body = `0${body}`;
  if (body.endsWith('.')) body = body.slice(0, -1);
  if (body.includes('.')) body = body.replace(/0+$/, '').replace(/\.$/, '');
  body = body.replace(/^0+(?=\d)/, '');
  return { ok: true, value: negative && body !== '0' ? `-${body}` : body };
}

/** Decimal places the warehouse keeps for quantities (DECIMAL(18,4)); 14 digits before the point. */
export const QUANTITY_PLACES = 4;
const QUANTITY_WHOLE_DIGITS = 18 - QUANTITY_PLACES;

/** Whether a canonical quantity fits the warehouse as it is (the common case: "1"); no allocation, on the hot path. */
export function fitsQuantity(text: string): boolean {
  const dot = text.indexOf('.');
  const whole = (dot < 0 ? text.length : dot) - (text.charCodeAt(0) === 45 ? 1 : 0);
  return whole <= QUANTITY_WHOLE_DIGITS && (dot < 0 || text.length - dot - 1 <= QUANTITY_PLACES);
}

/**
 * A canonical quantity (parseQuantity's text) as the warehouse can hold it: rounded half away from zero
 * to QUANTITY_PLACES decimals (`rounded` says it changed), or null when it has too many whole digits.
 */
export function storableQuantity(text: string): { value: string; rounded: boolean } | null {
  const negative = text.startsWith('-');
  const body = negative ? text.slice(1) : text;
  const [whole, fraction = ''] = body.split('.');
  if (whole.length > QUANTITY_WHOLE_DIGITS) return null;
  if (fraction.length <= QUANTITY_PLACES) return { value: text, rounded: false };
  // the digits as one integer in units of 10^-QUANTITY_PLACES, plus one when the next digit is 5 or more
  let units = BigInt(whole + fraction.slice(0, QUANTITY_PLACES));
  if (fraction.charCodeAt(QUANTITY_PLACES) >= 53) units += 1n;
  const digits = units.toString().padStart(QUANTITY_PLACES + 1, '0');
  // rounding up may carry into one more whole digit (99.99995 → 100)
  if (digits.length - QUANTITY_PLACES > QUANTITY_WHOLE_DIGITS) return null;
  const rounded = `${digits.slice(0, -QUANTITY_PLACES)}.${digits.slice(-QUANTITY_PLACES)}`.replace(/0+$/, '').replace(/\.$/, '');
  return { value: negative && rounded !== '0' ? `-${rounded}` : rounded, rounded: true };
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** CCYYMMDD (D8) to YYYY-MM-DD; also YYMMDD (ISA09) with the century window of X12 (00-49 → 20xx). */
export function parseDate(text: string): Parsed<string> {
  const n = text.length;
  if ((n !== 8 && n !== 6) || !isDigits(text)) return FAILED;
  const yy = twoDigits(text, n - 6);
  const y = n === 8 ? twoDigits(text, 0) * 100 + yy : yy < 50 ? 2000 + yy : 1900 + yy;
  const m = twoDigits(text, n - 4);
  const d = twoDigits(text, n - 2);
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const days = m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1];
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days) return FAILED;
  const monthDay = text.slice(n - 4);
  return { ok: true, value: `${n === 8 ? text.slice(0, 4) : y}-${monthDay.slice(0, 2)}-${monthDay.slice(2)}` };
}

/** The number of the two digits at i, without making strings (a module function: a closure made per call costs more than the date). */
function twoDigits(text: string, i: number): number {
  return (text.charCodeAt(i) - 48) * 10 + text.charCodeAt(i + 1) - 48;
}

function isDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
