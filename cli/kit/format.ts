// Number formatting for terminal output, from one place.
import { formatCents, type Cents } from '../../kernel/money.ts';

/** 1234567.5 → "1,234,567.50"; exact, from cents. */
export function money(cents: Cents | null | undefined): string {
  if (cents === null || cents === undefined) return '—';
  const [whole, fraction] = formatCents(cents).split('.');
  const negative = whole.startsWith('-');
  const digits = negative ? whole.slice(1) : whole;
  return `${negative ? '-' : ''}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction}`;
}

export function count(n: number | bigint): string {
  return n.toLocaleString('en-US');
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}
