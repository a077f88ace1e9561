// ISO dates (YYYY-MM-DD) as every layer checks them: the CLI's and the API's --as-of, a report's period, a
// date that goes into SQL.

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date written YYYY-MM-DD (2025-02-30 is not). */
export function isIsoDate(text: string): boolean {
  return ISO.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);
}
