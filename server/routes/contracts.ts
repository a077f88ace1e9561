// /api/contracts/variance: the service lines adjudicated in a window, judged against their payer's fee
// schedule (patient-level: the reader's practices only; every read and export audited, as the claim list);
// /api/contracts/reimbursement: allowed and paid per unit by procedure code and payer (aggregates).
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { reimbursement, varianceLines, type LineWindow } from '../../warehouse/queries/expected-payment.ts';
import { windowFor } from '../../warehouse/metrics/window.ts';
import type { AppEnv } from '../auth/require-user.ts';
import type { Auditor } from '../../access/audit.ts';
import { httpError } from '../http-error.ts';
import { practicesFor } from '../query.ts';
import { formatOf, respondTable } from '../table-response.ts';
import { AnswerCache } from '../answer-cache.ts';
import { asOfDate } from '../as-of.ts';
import type { Read } from '../reading.ts';
import { IsoDate, Npi, PayerId, queryInt } from '../../kernel/api/common.ts';
import { REIMBURSEMENT_COLUMNS, ReimbursementTable, VARIANCE_COLUMNS, VarianceList } from '../../kernel/api/contracts.ts';
import { VARIANCE_STATUSES } from '../../kernel/expected-payment.ts';
import { guarded, refusals, routeGroup, tableAnswer } from '../contract.ts';

/** JSON pages are small; exports (CSV, Arrow) may take every matching row up to this. */
const MAX_EXPORT_ROWS = 100_000;

const windowQuery = {
  as_of: IsoDate.optional().describe('the as-of date; default: the latest event among the practices the user may see'),
  from: IsoDate.optional().describe('adjudicated on or after; default: twelve months ending at the as-of date'),
  to: IsoDate.optional().describe('adjudicated on or before; default: the as-of date'),
  payer: PayerId.optional().describe('only this payer (payer id)'),
  cpt: z.string().regex(/^[A-Za-z0-9]{1,20}$/).optional().meta({ description: 'only this procedure code', example: '99213' }),
  practice: Npi.optional().describe('only this practice (billing NPI); one the user may not see answers 404'),
  format: z.enum(['json', 'csv']).optional().describe('csv for a CSV download; Arrow is asked for by the Accept header'),
};

const varianceQuery = z.object({
  ...windowQuery,
  status: z.enum(VARIANCE_STATUSES).optional().describe('only lines so judged (underpaid, overpaid: beyond the tolerance)'),
  page: queryInt(1, 1_000_000, 'the page, from 1', 1).optional(),
  page_size: queryInt(1, MAX_EXPORT_ROWS, 'rows a page: default 50 as JSON (at most 500), every row up to 100,000 as CSV or Arrow').optional(),
}).strict();

const listVariance = guarded('claims', createRoute({
  method: 'get', path: '/contracts/variance', operationId: 'listVariance', summary: 'Service lines against their fee schedule', tags: ['contracts'],
  description: 'The service lines of primary 835 records adjudicated in the window (standing at the as-of date: a line reversed by then gives way to its re-adjudication), each with its expected allowed (fee schedule × units), actual allowed (AMT*B6, else paid + PR + CO 253), variance, tolerance and status, the most underpaid first. Every read and export is audited.',
  request: { query: varianceQuery },
  responses: { 200: tableAnswer('A page of lines.', VarianceList), 400: refusals.BadRequest, 404: refusals.NotFound },
}));

const getReimbursement = guarded('metrics', createRoute({
  method: 'get', path: '/contracts/reimbursement', operationId: 'getReimbursement', summary: 'What each payer allows and pays per unit of each code', tags: ['contracts'],
  description: 'Per procedure code and payer, over the paid (not denied) lines adjudicated in the window: lines, units, and allowed and paid per unit (median, 10th and 90th percentiles); no fee schedule needed.',
  request: { query: z.object(windowQuery).strict() },
  responses: { 200: tableAnswer('The table.', ReimbursementTable), 400: refusals.BadRequest, 404: refusals.NotFound },
}));

export function contractRoutes(read: Read, cache: AnswerCache, auditor: Auditor): OpenAPIHono<AppEnv> {
  const app = routeGroup();

  const windowOf = async (q: { as_of?: string; from?: string; to?: string; payer?: string; cpt?: string }, practices: readonly string[] | undefined): Promise<LineWindow> => {
    if ((q.from === undefined) !== (q.to === undefined)) throw httpError(400, 'bad_request', 'from and to go together');
    const asOf = await asOfDate(q.as_of, practices, read, cache);
    const ttm = windowFor('ttm', asOf);
    return { asOf, from: q.from ?? ttm.from, to: q.to ?? ttm.to, payer: q.payer, cpt: q.cpt, practices };
  };

  app.openapi(listVariance, async (c) => {
    const q = c.req.valid('query');
    const format = formatOf(c);
    const pageSize = q.page_size ?? (format === 'json' ? 50 : MAX_EXPORT_ROWS);
    if (format === 'json' && pageSize > 500) throw httpError(400, 'bad_request', 'page_size: at most 500 rows a page as JSON (ask for CSV or Arrow for more)');
    const page = q.page ?? 1;
    const window = await windowOf(q, practicesFor(c.get('practices'), q.practice));
    const found = await read((w) => varianceLines(w, { ...window, status: q.status, limit: pageSize, offset: (page - 1) * pageSize }));
    return respondTable(c, format, VARIANCE_COLUMNS, found.rows, {
      total: found.total, filename: `variance-${window.from}-${window.to}`, extra: { as_of: window.asOf, from: window.from, to: window.to, page, page_size: pageSize },
      audit: { auditor, patientLevel: true },
    });
  });

  app.openapi(getReimbursement, async (c) => {
    const q = c.req.valid('query');
    const window = await windowOf(q, practicesFor(c.get('practices'), q.practice));
    const rows = await read((w) => reimbursement(w, window));
    return respondTable(c, formatOf(c), REIMBURSEMENT_COLUMNS, rows, {
      total: rows.length, filename: `reimbursement-${window.from}-${window.to}`, extra: { as_of: window.asOf, from: window.from, to: window.to }, audit: { auditor, patientLevel: false },
    });
  });

  return app;
}
