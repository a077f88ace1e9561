// The API's building blocks, defined once: the route schemas validate with them, the OpenAPI document is
// generated from them (a `.meta({ id })` becomes a named component), and the dashboards infer their answer
// types from them (type-only imports, so zod stays out of the browser bundle). A request schema whose values
// come from a lower layer (the metric registry's ids, the claim list's sorts and aging buckets) is composed
// from these blocks beside its route (server/routes/), which may import that layer.
import { z } from 'zod';
import { isIsoDate } from '../dates.ts';

export const IsoDate = z.string().refine(isIsoDate, 'a date like 2025-06-30').meta({ id: 'IsoDate', type: 'string', format: 'date', description: 'a date like 2025-06-30', example: '2025-06-30' });

export const Npi = z.string().regex(/^\d{10}$/).meta({ id: 'Npi', description: 'an NPI (10 digits)', example: '1234567893' });

/** Money in tables and claim histories: exact, never a float on the way out. */
export const Money = z.string().regex(/^-?\d+(\.\d{1,2})?$/).meta({ id: 'Money', description: 'dollars as an exact decimal string', example: '1250.00' });

export const PayerId = z.string().regex(/^[A-Za-z0-9]{1,20}$/).meta({ id: 'PayerId', description: 'a payer id', example: '60054' });

export const Location = z.string().regex(/^[A-Za-z0-9 .,'&()#/-]{1,60}$/).meta({ description: 'only claims of this service location', example: 'Main Street' });

export const DenialCategory = z.string().regex(/^[a-z_]{1,40}$/).meta({ example: 'authorization' });

export const Carc = z.string().regex(/^[A-Z0-9]{1,5}$/).meta({ example: '197' });

/** A front-end rejection's reason code as mart_rejection lists it: '999 IK5 R:5', '999 IK3 NM1:8', '999 IK4 67:7', '999 AK9 R', '277CA A7:33:IL'. */
export const RejectionReason = z.string().regex(/^(999 (IK5|AK9|IK3|IK4) [A-Z0-9.]{0,12}(:[A-Z0-9]{0,3})?|277CA [A-Z0-9]{1,3}(:[A-Z0-9]{0,4}){0,2})$/).meta({ example: '277CA A7:33:IL' });

/** A patient control number (CLM01: up to 38 characters), optionally "@NPI" when two billing providers use it. */
export const CLAIM_NUMBER = /^[A-Za-z0-9._\-/]{1,38}(@[0-9]{10})?$/;

export const ClaimNumber = z.string().regex(CLAIM_NUMBER, 'a patient control number is 1–38 letters, digits or . _ - /, optionally followed by @ and a billing NPI')
  .meta({ id: 'ClaimNumber', description: 'a patient control number, optionally "@" and the billing NPI when two billing providers use it', example: 'PCN-1001' });

/** Every refusal's body. */
export const ErrorAnswer = z.object({
  error: z.object({
    code: z.string().meta({ description: 'bad_request, unauthorized, forbidden, csrf, not_found, conflict, no_data, ambiguous_claim, does_not_tie, gone, too_many_attempts, unavailable, upload_closed, models_stale, too_large, internal', example: 'bad_request' }),
    message: z.string().describe('what was wrong, naming the parameter'),
  }),
}).meta({ id: 'Error', description: 'Every refusal: a stable code and a message for people. 500 answers { "error": { "code": "internal", … } } and says nothing of its cause.' });
export type ErrorAnswer = z.infer<typeof ErrorAnswer>;

/** A whole number sent as query text (?limit=10). */
export const queryInt = (min: number, max: number, description: string, fallback?: number) =>
  z.coerce.number().int().min(min).max(max).meta({ type: 'integer', description, ...(fallback === undefined ? {} : { default: fallback }) });

/** "true" or "false" as query text. */
export const QueryFlag = z.enum(['true', 'false']);

/** A window's start and end go together. */
export const fromGoesWithTo = (q: { from?: string; to?: string }) => (q.from === undefined) === (q.to === undefined);
