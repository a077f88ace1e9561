// Checking a request's query parameters: each route declares a strict zod schema (an unknown parameter or
// a malformed value is a 400 naming it), and the practice asked for must be one of the reader's.
import { z } from 'zod';
import { isIsoDate } from '../warehouse/metrics/window.ts';
import { httpError } from './http-error.ts';

export const date = z.string().refine(isIsoDate, 'a date like 2025-06-30');

export function parse<T>(schema: z.ZodType<T>, query: Record<string, string>): T {
  const result = schema.safeParse(query);
  if (!result.success) throw httpError(400, 'bad_request', result.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; '));
  return result.data;
}

/** The practices this request may read: the user's grants, narrowed to ?practice= when asked (a practice not granted answers 404). */
export function practicesFor(granted: readonly string[] | undefined, asked: string | undefined): readonly string[] | undefined {
  if (asked === undefined) return granted;
  if (granted !== undefined && !granted.includes(asked)) throw httpError(404, 'not_found', `no practice ${asked}`);
  return [asked];
}
