// Exact values from X12 elements: money as integer cents (bigint), decimals as validated strings,
// dates as ISO strings. Never a JavaScript float on the way in.

/** Money in integer cents. */
export type Cents = bigint;

const DECIMAL = /^-?(\d+\.?\d*|\.\d+)$/;

export type Parsed<T> = { ok: true; value: T; rounded?: boolean } | { ok: false };

/** X12 "R" numbers: an optional minus, digits, an optional decimal point. */
export function parseCents(text: string): Parsed<Cents> {
  if (!DECIMAL.test(text)) return { ok: false };
  const negative = text.startsWith('-');
  const body = negative ? text.slice(1) : text;
  const dot = body.indexOf('.');
  const whole = dot < 0 ? body : body.slice(0, dot);
  const fraction = dot < 0 ? '' : body.slice(dot + 1);
  let cents = BigInt((whole || '0') + (fraction + '00').slice(0, 2));
  let rounded = false;
  const extra = fraction.slice(2);
  if (/[1-9]/.test(extra)) {
    rounded = true;
    // Half away from zero, as payers round.
    if (extra.charCodeAt(0) >= 53) cents += 1n;
  }
  return { ok: true, value: negative ? -cents : cents, rounded };
}

export function formatCents(cents: Cents): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const whole = abs / 100n;
  const fraction = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

/** A JSON number for an amount: at most two decimals, exact for any amount a claim can carry. */
export function centsToNumber(cents: Cents): number {
  return Number(formatCents(cents));
}

/** A decimal quantity (units, DRG weight) kept as its canonical text. */
export function parseQuantity(text: string): Parsed<string> {
  if (!DECIMAL.test(text)) return { ok: false };
  const negative = text.startsWith('-');
  let body = negative ? text.slice(1) : text;
  if (body.startsWith('.')) body = `0${body}`;
  if (body.endsWith('.')) body = body.slice(0, -1);
  if (body.includes('.')) body = body.replace(/0+$/, '').replace(/\.$/, '');
  body = body.replace(/^0+(?=\d)/, '');
  return { ok: true, value: negative && body !== '0' ? `-${body}` : body };
}

/** CCYYMMDD (D8) to YYYY-MM-DD; also YYMMDD (ISA09) with the century window of X12 (00-49 → 20xx). */
export function parseDate(text: string): Parsed<string> {
  let y: number, m: number, d: number;
  if (/^\d{8}$/.test(text)) {
    y = Number(text.slice(0, 4));
    m = Number(text.slice(4, 6));
    d = Number(text.slice(6, 8));
  } else if (/^\d{6}$/.test(text)) {
    const yy = Number(text.slice(0, 2));
    y = yy < 50 ? 2000 + yy : 1900 + yy;
    m = Number(text.slice(2, 4));
    d = Number(text.slice(4, 6));
  } else {
    return { ok: false };
  }
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return { ok: false };
  return { ok: true, value: `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}
