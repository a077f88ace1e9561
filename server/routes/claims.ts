// /api/claims: the claims behind a number (a filtered, sorted, paged list, as JSON, Arrow IPC or CSV);
// /api/claims/:id, one claim's history (submissions, acknowledgments, adjudications, postings, with the
// balance after each); /api/claims/:id/remittances, the raw ERA view of its 835 records. Patient-level: only the reader's practices' claims exist for them (another
// practice's claim answers 404, the same answer as an unknown number); every read and export is audited.
import { Hono } from 'hono';
import { z } from 'zod';
import type { Warehouse } from '../../warehouse/database.ts';
import { AGING_BUCKETS, CLAIM_LIST_COLUMNS, SORTS, STATUSES, listClaims } from '../../warehouse/queries/claim-list.ts';
import { claimRemittances } from '../../warehouse/queries/claim-remittances.ts';
import { claimHistory, claimInScope, findClaims } from '../../warehouse/queries/claims.ts';
import type { AppEnv } from '../auth/require-user.ts';
import { Auditor } from '../../access/audit.ts';
import { requireView } from '../auth/require-view.ts';
import { httpError } from '../http-error.ts';
import { date, parse, practicesFor } from '../query.ts';
import { formatOf, respondTable } from '../table-response.ts';
import { AnswerCache } from '../answer-cache.ts';
import { asOfDate } from '../as-of.ts';
import type { Read } from '../reading.ts';

/** A patient control number (CLM01: up to 38 characters), optionally "@NPI" when two billing providers use it. */
const CLAIM_NUMBER = /^[A-Za-z0-9._\-/]{1,38}(@[0-9]{10})?$/;
const CODE = /^[A-Za-z0-9._-]{1,20}$/;
/** JSON pages are small; exports (CSV, Arrow) may take every matching row up to this. */
const MAX_EXPORT_ROWS = 100_000;

const listQuery = z.object({
  as_of: date.optional(),
  service_from: date.optional(),
  service_to: date.optional(),
  submitted_from: date.optional(),
  submitted_to: date.optional(),
  adjudicated_from: date.optional(),
  adjudicated_to: date.optional(),
  payer: z.string().regex(/^[A-Za-z0-9]{1,20}$/).optional(),
  provider: z.string().regex(/^\d{10}$/).optional(),
  location: z.string().regex(/^[A-Za-z0-9 .,'&()#/-]{1,60}$/).optional(),
  practice: z.string().regex(/^\d{10}$/).optional(),
  status: z.enum(STATUSES).optional(),
  portion: z.enum(['insurance', 'patient']).optional(),
  aging: z.enum(AGING_BUCKETS).optional(),
  denied: z.enum(['true', 'false']).optional(),
  rejected: z.enum(['true', 'false']).optional(),
  denial_category: z.string().regex(/^[a-z_]{1,40}$/).optional(),
  carc: z.string().regex(/^[A-Z0-9]{1,5}$/).optional(),
  cpt: z.string().regex(CODE).optional(),
  modifier: z.string().regex(/^[A-Z0-9]{2}$/).optional(),
  diagnosis: z.string().regex(/^[A-Z0-9.]{3,8}$/).optional(),
  q: z.string().regex(/^[A-Za-z0-9._\-/@]{1,49}$/).optional(),
  sort: z.enum(SORTS).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  page: z.coerce.number().int().min(1).max(1_000_000).optional(),
  page_size: z.coerce.number().int().min(1).max(MAX_EXPORT_ROWS).optional(),
  format: z.enum(['json', 'csv']).optional(),
}).strict();

/** The one claim of the reader's practices this number names: 404 when none, 409 when several. */
export async function visibleClaim(warehouse: Warehouse, id: string, practices: readonly string[] | undefined): Promise<string> {
  if (!CLAIM_NUMBER.test(id)) throw httpError(400, 'bad_request', 'a patient control number is 1–38 letters, digits or . _ - /, optionally followed by @ and a billing NPI');
  const visible = [];
  for (const match of await findClaims(warehouse, id)) {
    if (await claimInScope(warehouse, match.claim_id, practices)) visible.push(match.claim_id);
  }
  if (visible.length === 0) throw httpError(404, 'not_found', `no claim ${id}`);
  if (visible.length > 1) throw httpError(409, 'ambiguous_claim', `${id} names ${visible.length} claims of different billing providers: ${visible.join(', ')}; ask for one of them`);
  return visible[0];
}

export function claimRoutes(read: Read, cache: AnswerCache, auditor: Auditor): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/claims', requireView('claims'), async (c) => {
    const query = c.req.query();
    const q = parse(listQuery, query);
    const format = formatOf(c);
    const pageSize = q.page_size ?? (format === 'json' ? 50 : MAX_EXPORT_ROWS);
    if (format === 'json' && pageSize > 500) throw httpError(400, 'bad_request', 'page_size: at most 500 rows a page as JSON (ask for CSV or Arrow for more)');
    const page = q.page ?? 1;
    const practices = practicesFor(c.get('practices'), q.practice);
    const { format: _, ...keyed } = query;
    const compute = async () => {
      const asOf = await asOfDate(q.as_of, practices, read, cache);
      const found = await read((w) => listClaims(w, {
        asOf, serviceFrom: q.service_from, serviceTo: q.service_to, submittedFrom: q.submitted_from, submittedTo: q.submitted_to,
        adjudicatedFrom: q.adjudicated_from, adjudicatedTo: q.adjudicated_to, payer: q.payer, status: q.status ?? 'any', portion: q.portion, aging: q.aging,
        denied: q.denied === undefined ? undefined : q.denied === 'true', rejected: q.rejected === undefined ? undefined : q.rejected === 'true',
        denialCategory: q.denial_category, carc: q.carc, cpt: q.cpt, modifier: q.modifier, diagnosis: q.diagnosis, search: q.q,
        sort: q.sort ?? 'service_date', order: q.order ?? 'desc', limit: pageSize, offset: (page - 1) * pageSize,
      }, { practices, provider: q.provider, location: q.location }));
      return { asOf, ...found };
    };
    // a page is kept until the data changes; an export (up to 100,000 rows) is made afresh each time
    const result = format === 'json' ? await cache.get(AnswerCache.key('/claims', keyed, practices), compute) : await compute();
    // every read is audited, answered from the cache or not
    return respondTable(c, format, CLAIM_LIST_COLUMNS, result.rows, {
      total: result.total, filename: `claims-${result.asOf}`, extra: { as_of: result.asOf, page, page_size: pageSize }, audit: { auditor, patientLevel: true },
    });
  });

  /**
   * visibleClaim, kept in the answer cache until the data changes: the claim page asks for the history and
   * the remittances at once, and the look-up (20 ms of the demo practice's 50) is then made once for both.
   */
  const claimFor = (id: string, practices: readonly string[] | undefined): Promise<string> =>
    cache.get(AnswerCache.key('claim look-up', { id }, practices), () => read((warehouse) => visibleClaim(warehouse, id, practices)));

  app.get('/claims/:id', requireView('claim_detail'), async (c) => {
    const id = c.req.param('id');
    const claimId = await claimFor(id, c.get('practices'));
    const body = await read(async (warehouse) => {
      const events = await claimHistory(warehouse, claimId);
      return { claim_id: claimId, events: events.map((e) => ({ ...e, position: Number(e.position) })) };
    });
    await auditor.record(c.get('user'), '/api/claims/:id', { id }, body.events.length);
    return c.json(body);
  });

  app.get('/claims/:id/remittances', requireView('claim_detail'), async (c) => {
    const id = c.req.param('id');
    const claimId = await claimFor(id, c.get('practices'));
    const body = await read(async (warehouse) => {
      const remittances = await claimRemittances(warehouse, claimId);
      return { claim_id: claimId, remittances };
    });
    await auditor.record(c.get('user'), '/api/claims/:id/remittances', { id }, body.remittances.length);
    return c.json(body);
  });

  return app;
}
