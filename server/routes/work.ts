// /api/work: the work queues at the as-of date (every queue's count and dollars, one queue's claims ranked, a CSV
// of it); /api/work/counts, the counts alone (the overview's tile, finance); /api/work/state, a claim's owner,
// status, follow-up date and note set for several claims at once. The claims are patient-level: only the reader's
// practices' claims exist for them (another practice's answers 404, as the claims routes do); every read of
// claims, every export and every change is audited. Work state never changes a balance: the queues read it beside them.
import type { Context } from 'hono';
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Warehouse } from '../../warehouse/database.ts';
import { workPage, workTotals, WORK_LIST_COLUMNS } from '../../warehouse/queries/work-list.ts';
import { setWorkState } from '../../warehouse/queries/work-state.ts';
import { listUsers } from '../../access/users.ts';
import type { AppEnv } from '../auth/require-user.ts';
import type { Auditor } from '../../access/audit.ts';
import { httpError } from '../http-error.ts';
import { practicesFor } from '../query.ts';
import { formatOf, respondTable } from '../table-response.ts';
import { AnswerCache } from '../answer-cache.ts';
import { asOfDate } from '../as-of.ts';
import type { Read } from '../reading.ts';
import { IsoDate, Npi, PayerId, queryInt } from '../../kernel/api/common.ts';
import { USER_NAME } from '../../kernel/api/admin.ts';
import { WORK_CLOCKS, WORK_QUEUES, WORK_STATUSES, WorkChange, WorkCounts, WorkList, WorkStates, type WorkState } from '../../kernel/api/work.ts';
import { CSRF_TOKEN, documentBodies, guarded, json, jsonBody, refusal, refusals, routeGroup, tableAnswer } from '../contract.ts';
import { visibleClaim } from './claims.ts';

type Queue = <T>(work: () => Promise<T>) => Promise<T>;

/** JSON pages are small; the CSV export takes the whole queue up to this. */
const MAX_EXPORT_ROWS = 100_000;

const listQuery = z.object({
  as_of: IsoDate.optional().describe('the as-of date; default: the latest event among the practices the user may see'),
  queue: z.enum(WORK_QUEUES).optional().meta({ default: 'unbilled', description: 'the queue whose claims are listed' }),
  payer: PayerId.optional().describe('only this payer (payer id)'),
  provider: Npi.optional().describe('only claims of this rendering provider (NPI)'),
  owner: z.string().regex(USER_NAME).optional().meta({ description: 'only claims this user owns', example: 'bl_a' }),
  status: z.enum(WORK_STATUSES).optional().describe('only claims in this work status (new: nobody has set one)'),
  clock: z.enum(WORK_CLOCKS).optional().describe('overdue: the limit has passed; week: 0–7 days left; later: more than 7 days left, or no limit'),
  practice: Npi.optional().describe('only this practice (billing NPI); one the user may not see answers 404'),
  page: queryInt(1, 1_000_000, 'the page, from 1', 1).optional(),
  page_size: queryInt(1, MAX_EXPORT_ROWS, 'rows a page: default 50 as JSON (at most 500), the whole queue up to 100,000 as CSV or Arrow').optional(),
  format: z.enum(['json', 'csv']).optional().describe('csv for a CSV download of the queue'),
}).strict();

const listWork = guarded('work', createRoute({
  method: 'get', path: '/work', operationId: 'listWork', summary: 'The work queues', tags: ['work'],
  description: 'Each queue’s count and dollars at the as-of date, and the asked queue’s claims in rank order (work first what is due first) with their clock, reason, owner and work status, narrowed by the filters (which narrow the counts too). Every read and export is audited.',
  request: { query: listQuery },
  responses: { 200: tableAnswer('The queues and a page of the asked one.', WorkList), 400: refusals.BadRequest, 404: refusals.NotFound },
}));

const countWork = guarded('work_counts', createRoute({
  method: 'get', path: '/work/counts', operationId: 'countWork', summary: 'How many claims each work queue holds', tags: ['work'],
  description: 'Each queue’s count and dollars at the as-of date, no claim named.',
  request: { query: z.object({ as_of: listQuery.shape.as_of, practice: listQuery.shape.practice }).strict() },
  responses: { 200: json('The counts.', WorkCounts), 400: refusals.BadRequest, 404: refusals.NotFound },
}));

const setWork = guarded('work_write', createRoute({
  method: 'post', path: '/work/state', operationId: 'setWorkState', summary: 'Set claims’ work state', tags: ['work'],
  description: 'Sets the status, owner, follow-up date or note of up to 500 claims at once; what is left out stays. Each claim must be one of the reader’s practices (else 404 and nothing changes). Each change is audited with who and what, and kept in the claim’s work history; no balance changes.',
  request: { body: jsonBody(WorkChange) },
  parameters: [CSRF_TOKEN],
  responses: {
    200: json('The claims’ states after the change.', WorkStates), 400: refusals.BadRequest, 404: refusals.NotFound,
    409: refusal('A number names claims of several billing providers (ambiguous_claim): send "PCN@NPI"; nothing changes.'),
  },
}));

async function changeAsked(c: Context): Promise<WorkChange> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw httpError(400, 'bad_request', 'send the request as JSON, e.g. {"claims": ["PCN-1001"], "status": "in_progress", "owner": "bl_a"}');
  }
  const parsed = WorkChange.safeParse(raw);
  if (!parsed.success) throw httpError(400, 'bad_request', parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return parsed.data;
}

/** How many changes the work state has had: answers that read it are kept under it (work lists, days_to_appeal). */
export interface WorkStateGeneration {
  generation: number;
}

/**
 * `write`: the connection work state is written on, in its queue. A page of a queue and the counts are kept in the
 * answer cache under the work state's generation, which each change moves on once its claims are written: a list
 * shows each claim's state as it is, and a change drops no other answer.
 */
export function workRoutes(read: Read, cache: AnswerCache, auditor: Auditor, write: { warehouse: Warehouse; serialized: Queue }, workState: WorkStateGeneration): OpenAPIHono<AppEnv> {
  const app = routeGroup();
  documentBodies(app, WorkChange);

  app.openapi(listWork, async (c) => {
    const q = c.req.valid('query');
    const format = formatOf(c);
    const pageSize = q.page_size ?? (format === 'json' ? 50 : MAX_EXPORT_ROWS);
    if (format === 'json' && pageSize > 500) throw httpError(400, 'bad_request', 'page_size: at most 500 rows a page as JSON (ask for CSV or Arrow for the whole queue)');
    const page = q.page ?? 1;
    const queue = q.queue ?? 'unbilled';
    const practices = practicesFor(c.get('practices'), q.practice);
    const filter = { payer: q.payer, provider: q.provider, owner: q.owner, status: q.status, clock: q.clock };
    const compute = async () => {
      const asOf = await asOfDate(q.as_of, practices, read, cache);
      return { asOf, ...(await read((w) => workPage(w, asOf, practices, queue, filter, { limit: pageSize, offset: (page - 1) * pageSize }))) };
    };
    const { format: _, ...keyed } = c.req.query();
    // a page is kept until the data or a work state changes; an export (up to 100,000 rows) is made afresh each time
    const { asOf, queues, rows } = format === 'json' ? await cache.get(AnswerCache.key('/work', { ...keyed, generation: String(workState.generation) }, practices), compute) : await compute();
    return respondTable(c, format, WORK_LIST_COLUMNS, rows, {
      total: queues[queue].count, filename: `work-${queue}-${asOf}`, extra: { as_of: asOf, queue, queues, page, page_size: pageSize }, audit: { auditor, patientLevel: true },
    });
  });

  app.openapi(countWork, async (c) => {
    const q = c.req.valid('query');
    const practices = practicesFor(c.get('practices'), q.practice);
    const answer = await cache.get(AnswerCache.key('/work/counts', { ...c.req.query(), generation: String(workState.generation) }, practices), async () => {
      const asOf = await asOfDate(q.as_of, practices, read, cache);
      return { as_of: asOf, queues: await read((w) => workTotals(w, asOf, practices)) };
    });
    return c.json(answer, 200);
  });

  app.openapi(setWork, async (c) => {
    const asked = await changeAsked(c);
    const user = c.get('user');
    const practices = c.get('practices');
    const what = {
      ...(asked.status === undefined ? {} : { status: asked.status }),
      ...(asked.owner === undefined ? {} : { owner: asked.owner ?? '' }),
      ...(asked.follow_up === undefined ? {} : { follow_up: asked.follow_up ?? '' }),
      ...(asked.note === undefined ? {} : { note: asked.note ?? '' }),
    };
    // a claim goes to a workbench user who may sign in, or to nobody
    if (asked.owner) {
      const [owner] = await read((w) => listUsers(w, asked.owner!));
      if (!owner || owner.disabled) throw httpError(400, 'unknown_user', `no user ${asked.owner} may work claims: assign them to a user of the workbench (rcm users list), or to nobody (owner null)`);
    }
    // every claim is looked up before any changes: one another practice's claim refuses the whole change
    const claimIds: string[] = [];
    for (const id of asked.claims) {
      try {
        claimIds.push(await read((w) => visibleClaim(w, id, practices)));
      } catch (error) {
        await auditor.record(user, 'POST /api/work/state', { claim: id, ...what, refused: error instanceof Error ? error.message : String(error) }, 0);
        throw error;
      }
    }
    const states: WorkState[] = [];
    try {
      for (const claimId of claimIds) {
        const state = await write.serialized(() => setWorkState(write.warehouse, {
          claimId, status: asked.status, owner: asked.owner, followUp: asked.follow_up, note: asked.note,
        }, user.username));
        await auditor.record(user, 'POST /api/work/state', { claim: claimId, ...what }, 1);
        states.push(state as WorkState);
      }
    } finally {
      workState.generation++;
    }
    return c.json({ states }, 200);
  });

  return app;
}
