// /api/claims: the claims behind a number (a filtered, sorted, paged list, as JSON, Arrow IPC or CSV);
// /api/claims/:id, one claim's history (submissions, acknowledgments, adjudications, postings, with the
// balance after each); /api/claims/:id/remittances, the raw ERA view of its 835 records. Patient-level: only the reader's practices' claims exist for them (another
// practice's claim answers 404, the same answer as an unknown number); every read and export is audited.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Warehouse } from '../../warehouse/database.ts';
import { AGING_BUCKETS, CLAIM_LIST_COLUMNS, OUTCOMES, SORTS, STATUSES, listClaims } from '../../warehouse/queries/claim-list.ts';
import { claimRemittances } from '../../warehouse/queries/claim-remittances.ts';
import { claimHistory, claimInScope, findClaims } from '../../warehouse/queries/claims.ts';
import type { AppEnv } from '../auth/require-user.ts';
import { Auditor } from '../../access/audit.ts';
import { httpError } from '../http-error.ts';
import { practicesFor } from '../query.ts';
import { formatOf, respondTable } from '../table-response.ts';
import { AnswerCache } from '../answer-cache.ts';
import { asOfDate } from '../as-of.ts';
import type { Read } from '../reading.ts';
import { Carc, CLAIM_NUMBER, ClaimNumber, DenialCategory, IsoDate, Location, Npi, PayerId, QueryFlag, queryInt, RejectionReason } from '../../kernel/api/common.ts';
import { ClaimHistory, ClaimList, ClaimRemittances } from '../../kernel/api/claims.ts';
import { guarded, json, refusal, refusals, routeGroup, tableAnswer } from '../contract.ts';

const CODE = /^[A-Za-z0-9._-]{1,20}$/;
/** JSON pages are small; exports (CSV, Arrow) may take every matching row up to this. */
const MAX_EXPORT_ROWS = 100_000;

const listQuery = z.object({
  as_of: IsoDate.optional().describe('the as-of date; default: the latest event among the practices the user may see'),
  service_from: IsoDate.optional().describe('service on or after'),
  service_to: IsoDate.optional().describe('service on or before'),
  submitted_from: IsoDate.optional().describe('submitted on or after'),
  submitted_to: IsoDate.optional().describe('submitted on or before'),
  adjudicated_from: IsoDate.optional().describe('adjudicated on or after'),
  adjudicated_to: IsoDate.optional().describe('adjudicated on or before'),
  payer: PayerId.optional().describe('only this payer (payer id)'),
  provider: Npi.optional().describe('only claims of this rendering provider (NPI)'),
  location: Location.optional(),
  practice: Npi.optional().describe('only this practice (billing NPI); one the user may not see answers 404'),
  status: z.enum(STATUSES).optional().meta({ default: 'any', description: 'open: balance > 0; credit: < 0; settled: 0' }),
  portion: z.enum(['insurance', 'patient']).optional().describe('only claims with an open balance on this side'),
  aging: z.enum(AGING_BUCKETS).optional().describe('only open claims in this aging bucket'),
  denied: QueryFlag.optional().describe('denied (a line or all) on the first adjudication'),
  rejected: QueryFlag.optional().describe('rejected by a clearinghouse or payer acknowledgment'),
  rejection_reason: RejectionReason.optional().describe('a submission of the claim was rejected for this reason code by the as-of date (the rejection_rate breakdown’s key); with submitted_from / submitted_to, that submission was sent in the range (rather than the first)'),
  still_rejected: z.literal('true').optional().describe('the claim is still rejected at the as-of date (its latest submission rejected, nothing sent since, a balance owed: the rejected work queue)'),
  denial_category: DenialCategory.optional().describe('a denial category of the first adjudication'),
  carc: Carc.optional().describe('a claim adjustment reason code of the first adjudication'),
  outcome: z.enum(OUTCOMES).optional().describe('what became of the denial (duplicate denials left out): overturned or written_off (resolved between resolved_from and resolved_to, default the quarter ending at the as-of date; written_off: not overturned), or open at the as-of date: the claims behind denial_overturn_rate and open_denials'),
  resolved_from: IsoDate.optional().describe('resolved (balance at zero or less) on or after'),
  resolved_to: IsoDate.optional().describe('resolved on or before'),
  denied_cpt: z.string().regex(CODE).optional().meta({ description: 'with outcome: a procedure code of a line denied on the claim’s first denial (the outcome metrics’ cpt breakdown); else on its first adjudication', example: '96372' }),
  cpt: z.string().regex(CODE).optional().meta({ description: 'a procedure code on a line', example: '99213' }),
  modifier: z.string().regex(/^[A-Z0-9]{2}$/).optional().meta({ description: 'a modifier on a line', example: '25' }),
  diagnosis: z.string().regex(/^[A-Z0-9.]{3,8}$/).optional().meta({ description: 'a diagnosis code on a line', example: 'M545' }),
  q: z.string().regex(/^[A-Za-z0-9._\-/@]{1,49}$/).optional().meta({ description: "a claim number's beginning", example: 'PCN' }),
  sort: z.enum(SORTS).optional().meta({ default: 'service_date', description: 'the column to sort by' }),
  order: z.enum(['asc', 'desc']).optional().meta({ default: 'desc', description: 'the sort order' }),
  page: queryInt(1, 1_000_000, 'the page, from 1', 1).optional(),
  page_size: queryInt(1, MAX_EXPORT_ROWS, 'rows a page: default 50 as JSON (at most 500), every row up to 100,000 as CSV or Arrow').optional(),
  format: z.enum(['json', 'csv']).optional().describe('csv for a CSV download; Arrow is asked for by the Accept header'),
}).strict();

const claimParams = z.object({ id: ClaimNumber });
const ambiguous = refusal('The number names claims of several billing providers (ambiguous_claim): ask for "PCN@NPI".');

const listClaimsRoute = guarded('claims', createRoute({
  method: 'get', path: '/claims', operationId: 'listClaims', summary: 'The claims behind a number', tags: ['claims'],
  description: 'Claims with their balance on the as-of date, filtered, sorted and paged; every read and export is audited. JSON pages hold at most 500 rows; CSV and Arrow may take up to 100,000.',
  request: { query: listQuery },
  responses: { 200: tableAnswer('A page of claims.', ClaimList), 400: refusals.BadRequest, 404: refusals.NotFound },
}));

const getClaim = guarded('claim_detail', createRoute({
  method: 'get', path: '/claims/{id}', operationId: 'getClaim', summary: "One claim's history", tags: ['claims'],
  description: 'Submissions, acknowledgments, adjudications and postings in date order, with the balance after each (audited).',
  request: { params: claimParams },
  responses: { 200: json('The history.', ClaimHistory), 400: refusals.BadRequest, 404: refusals.NotFound, 409: ambiguous },
}));

const getClaimRemittances = guarded('claim_detail', createRoute({
  method: 'get', path: '/claims/{id}/remittances', operationId: 'getClaimRemittances', summary: "The raw ERA view of a claim's 835 records", tags: ['claims'],
  description: 'Every 835 claim payment record of the claim (originals, reversals, corrections, secondaries) as the remittance carried it: payment, CLP, claim- and line-level CAS with their denial category, remark codes and service lines (audited).',
  request: { params: claimParams },
  responses: { 200: json('The 835 records.', ClaimRemittances), 400: refusals.BadRequest, 404: refusals.NotFound, 409: ambiguous },
}));

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

export function claimRoutes(read: Read, cache: AnswerCache, auditor: Auditor): OpenAPIHono<AppEnv> {
  const app = routeGroup();

  app.openapi(listClaimsRoute, async (c) => {
    const query = c.req.query();
    const q = c.req.valid('query');
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
        rejectionReason: q.rejection_reason, stillRejected: q.still_rejected === 'true',
        denialCategory: q.denial_category, carc: q.carc, outcome: q.outcome, resolvedFrom: q.resolved_from, resolvedTo: q.resolved_to, deniedCpt: q.denied_cpt, cpt: q.cpt, modifier: q.modifier, diagnosis: q.diagnosis, search: q.q,
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

  app.openapi(getClaim, async (c) => {
    const { id } = c.req.valid('param');
    const claimId = await claimFor(id, c.get('practices'));
    const body = await read(async (warehouse) => {
      const events = await claimHistory(warehouse, claimId);
      return { claim_id: claimId, events: events.map((e) => ({ ...e, position: Number(e.position) })) };
    });
    await auditor.record(c.get('user'), '/api/claims/:id', { id }, body.events.length);
    return c.json(body, 200);
  });

  app.openapi(getClaimRemittances, async (c) => {
    const { id } = c.req.valid('param');
    const claimId = await claimFor(id, c.get('practices'));
    const body = await read(async (warehouse) => {
      const remittances = await claimRemittances(warehouse, claimId);
      return { claim_id: claimId, remittances };
    });
    await auditor.record(c.get('user'), '/api/claims/:id/remittances', { id }, body.remittances.length);
    return c.json(body, 200);
  });

  return app;
}
