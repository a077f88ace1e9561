// The practice a request asks for must be one of the reader's: the routes' schemas check the shape of every
// parameter (server/contract.ts), this checks the grant.
import { httpError } from './http-error.ts';

/** The practices this request may read: the user's grants, narrowed to ?practice= when asked (a practice not granted answers 404). */
export function practicesFor(granted: readonly string[] | undefined, asked: string | undefined): readonly string[] | undefined {
  if (asked === undefined) return granted;
  if (granted !== undefined && !granted.includes(asked)) throw httpError(404, 'not_found', `no practice ${asked}`);
  return [asked];
}
