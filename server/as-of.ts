// The date an answer is computed as of when the request names none: the latest event in the reader's
// practices. It changes only with the data, so it is kept in the answer cache (dropped on every load or
// build through the server) rather than read again, two queries, before each answer.
import { latestEventDate } from '../warehouse/metrics/window.ts';
import { AnswerCache } from './answer-cache.ts';
import { httpError } from './http-error.ts';
import type { Read } from './reading.ts';

/** The latest event in these practices (null: no claims yet). */
export function latestDate(practices: readonly string[] | undefined, read: Read, cache: AnswerCache): Promise<string | null> {
  return cache.get(AnswerCache.key('latest event date', {}, practices), () => read((w) => latestEventDate(w, practices)));
}

/** The as-of date asked, else the latest event in these practices; none (no claims yet) is a 404. */
export async function asOfDate(asked: string | undefined, practices: readonly string[] | undefined, read: Read, cache: AnswerCache): Promise<string> {
  const asOf = asked ?? (await latestDate(practices, read, cache));
  if (!asOf) throw httpError(404, 'no_data', 'no claims yet in the practices you may see');
  return asOf;
}
