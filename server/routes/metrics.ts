// /api/metrics: the registry's numbers, the same document as `rcm metrics --json`; /api/metrics/:id/explain;
// /api/denials/patterns. Every parameter is validated; dates, ids and dimensions reach SQL only as checked
// literals or whitelisted names.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { BreakdownError, checkBreakdown, computeMetric, resolveWindow, type MetricResult } from '../../warehouse/metrics/compute.ts';
import { DIMENSIONS, SINGLE_ONLY, type Breakdown, type Dimension, type MetricDefinition } from '../../warehouse/metrics/metric.ts';
import { METRICS, metric } from '../../warehouse/metrics/registry.ts';
import { windowFor } from '../../warehouse/metrics/window.ts';
import { practicesFor } from '../query.ts';
import { findDenialPatterns } from '../../warehouse/patterns/denial-patterns.ts';
import { readsWorkState } from '../../warehouse/metrics/work-state-reads.ts';
import type { WorkStateGeneration } from './work.ts';
import type { AppEnv } from '../auth/require-user.ts';
import { httpError } from '../http-error.ts';
import { Auditor } from '../../access/audit.ts';
import { AnswerCache } from '../answer-cache.ts';
import { asOfDate, latestDate } from '../as-of.ts';
import type { Read } from '../reading.ts';
import { Carc, DenialCategory, fromGoesWithTo, IsoDate, Location, Npi, PayerId, queryInt } from '../../kernel/api/common.ts';
import { DenialPatterns, MetricExplanation, MetricsAnswer, type MetricResult as MetricAnswer } from '../../kernel/api/metrics.ts';
import { guarded, json, refusals, routeGroup } from '../contract.ts';
import { metricTrend } from '../metric-trend.ts';

const ids = new Set(METRICS.map((m) => m.id));
const denialRates = METRICS.filter((m) => m.denialFilters).map((m) => m.id).join(', ');

const AsOf = IsoDate.optional().describe('the as-of date; default: the latest event among the practices the user may see');
const From = IsoDate.optional().describe("window start (goes with `to`); default: the metric's own window");
const To = IsoDate.optional().describe('window end (goes with `from`)');
const Practice = Npi.optional().describe('only this practice (billing NPI); one the user may not see answers 404');

const metricsQuery = z.object({
  as_of: AsOf,
  from: From,
  to: To,
  by: z.string().regex(/^[a-z_]+(,[a-z_]+)?$/).refine((s) => s.split(',').every((d) => (DIMENSIONS as readonly string[]).includes(d)), 'one or two of the dimensions').optional()
    .meta({ example: 'payer', description: `one dimension, or two separated by a comma (${DIMENSIONS.join(', ')}; the hand-written A/R and lag metrics take ${SINGLE_ONLY.join(', ')} only alone, a declared metric crosses any two its measures carry but never denial_category with carc); every metric asked must allow it (definition.breakdowns), else 400 naming what each allows` }),
  trend: queryInt(2, 24, 'also each metric at this many month ends, the last the as-of date (answer: trend), each with the window of the headline: the metric\'s own window at that date, or from–to shifted by whole months; each point is the headline, never the breakdown', 12).optional(),
  payer: PayerId.optional().describe('only this payer (payer id)'),
  provider: Npi.optional().describe('only claims of this rendering provider (NPI)'),
  location: Location.optional(),
  practice: Practice,
  denial_category: DenialCategory.optional().describe(`denial rates only (${denialRates}; 400 for another metric): the numerator counts only the denials of this category, the denominator stays whole`),
  carc: Carc.optional().describe('denial rates only, as denial_category: the numerator counts only the denials with this claim adjustment reason code'),
  metric: z.string().regex(/^[a-z0-9_]+(,[a-z0-9_]+)*$/).refine((s) => s.split(',').every((id) => ids.has(id)), 'metric ids of the registry').optional()
    .meta({ example: METRICS.find((m) => m.denialFilters)?.id, description: `metric ids, comma-separated: ${METRICS.map((m) => m.id).join(', ')}` }),
}).strict().refine(fromGoesWithTo, 'from and to go together');

const patternsQuery = z.object({
  as_of: AsOf,
  from: From,
  to: To,
  min_claims: queryInt(1, 100000, 'the fewest claims a pattern must have', 10).optional(),
  limit: queryInt(1, 100, 'the most patterns answered', 15).optional(),
  practice: Practice,
}).strict().refine(fromGoesWithTo, 'from and to go together');

const getMetrics = guarded('metrics', createRoute({
  method: 'get', path: '/metrics', operationId: 'getMetrics', summary: 'The metrics', tags: ['metrics'],
  description: 'Every metric of the registry (or those asked for) for an as-of date and its window, optionally broken down: the same document as `rcm metrics --json`. Aggregates only.',
  request: { query: metricsQuery },
  responses: { 200: json('The metrics.', MetricsAnswer), 400: refusals.BadRequest, 404: refusals.NotFound },
}));

const explainMetric = guarded('metrics', createRoute({
  method: 'get', path: '/metrics/{id}/explain', operationId: 'explainMetric', summary: "A metric's definition and SQL", tags: ['metrics'],
  description: 'Numerator, denominator, grain, date basis, window, exclusions, breakdowns, and the SQL for the as-of date.',
  request: {
    params: z.object({ id: z.string().meta({ description: 'a metric id', enum: METRICS.map((m) => m.id), example: METRICS[0].id }) }),
    query: z.object({ as_of: AsOf }).strict(),
  },
  responses: { 200: json('The definition.', MetricExplanation), 400: refusals.BadRequest, 404: refusals.NotFound },
}));

const getDenialPatterns = guarded('patterns', createRoute({
  method: 'get', path: '/denials/patterns', operationId: 'getDenialPatterns', summary: 'Denial patterns', tags: ['metrics'],
  description: "Combinations of payer × procedure × modifier × diagnosis × provider, and code pairs billed on one claim (`with_cpt`), denied at least twice as often as the payer's baseline, ranked by excess denied dollars, each with its CARCs (a row whose top CARC covers less than 60 % of its denied lines is `mixed_causes`, and its CARCs follow as patterns of their own), its denial category, the owning team, a one-line fix and example claims (audited). Window: the trailing twelve months by default.",
  request: { query: patternsQuery },
  responses: { 200: json('The patterns.', DenialPatterns), 400: refusals.BadRequest, 404: refusals.NotFound },
}));

/**
 * A breakdown some metric asked cannot give is refused (400), naming what each of them can be broken down
 * by: an answer without the breakdown asked would pass for one, and a chart drawn from it would be wrong.
 */
function refuseBreakdown(chosen: readonly MetricDefinition[], by: Breakdown): void {
  const refusals: string[] = [];
  for (const m of chosen) {
    try {
      checkBreakdown(m, by);
    } catch (e) {
      if (!(e instanceof BreakdownError)) throw e;
      refusals.push(e.message);
    }
  }
  if (refusals.length) throw httpError(400, 'bad_request', `by=${by.join(',')}: ${refusals.join('; ')}`);
}

/** A denial category or CARC narrows only the denial rates' numerators; asked of another metric, it is refused. */
function refuseDenialFilter(chosen: readonly MetricDefinition[], name: string): void {
  const others = chosen.filter((m) => !m.denialFilters).map((m) => m.id);
  if (others.length) throw httpError(400, 'bad_request', `${name} applies only to ${METRICS.filter((m) => m.denialFilters).map((m) => m.id).join(', ')}; not to ${others.join(', ')}`);
}

export function metricsRoutes(read: Read, cache: AnswerCache, auditor: Auditor, workState: WorkStateGeneration): OpenAPIHono<AppEnv> {
  const app = routeGroup();

  app.openapi(getMetrics, async (c) => {
    const q = c.req.valid('query');
    const practices = practicesFor(c.get('practices'), q.practice);
    const by = q.by?.split(',') as Dimension[] | undefined;
    const chosen = q.metric ? q.metric.split(',').map((id) => metric(id)!) : METRICS;
    if (by) refuseBreakdown(chosen, by);
    if (q.denial_category || q.carc) refuseDenialFilter(chosen, q.denial_category ? 'denial_category' : 'carc');
    // an answer that reads the work state is kept under its generation: a change of a claim's state is seen at once
    const live = chosen.some((m) => readsWorkState(m, by));
    const keyed = live ? { ...c.req.query(), work_state: String(workState.generation) } : c.req.query();
    const body = await cache.get(AnswerCache.key('/metrics', keyed, practices), async () => {
      const asOf = await asOfDate(q.as_of, practices, read, cache);
      const filters = { payer: q.payer, provider: q.provider, location: q.location, practices, denialCategory: q.denial_category, carc: q.carc };
      // each metric on the next free reading connection: a page's metrics are computed side by side
      const computed = await Promise.all(chosen.map((m) => read((w) => computeMetric(w, m, { asOf, from: q.from, to: q.to, by, filters }))));
      const trends = q.trend ? await Promise.all(chosen.map((m) => metricTrend(read, m, { asOf, from: q.from, to: q.to, filters }, q.trend!))) : undefined;
      // the registry's units and formats are the answer's enums
      const results: Record<string, MetricAnswer> = Object.fromEntries(computed.map((r: MetricResult, i) => [r.id, { ...(r as MetricAnswer), ...(trends ? { trend: trends[i] } : {}) }]));
      return { as_of: asOf, from: q.from ?? null, to: q.to ?? null, metrics: results };
    });
    return c.json(body, 200);
  });

  app.openapi(explainMetric, async (c) => {
    const { id } = c.req.valid('param');
    const m = metric(id);
    if (!m) throw httpError(404, 'not_found', `no metric ${id}`);
    const q = c.req.valid('query');
    const asOf = q.as_of ?? (await latestDate(c.get('practices'), read, cache)) ?? '2025-12-31';
    const w = resolveWindow(m, { asOf });
    return c.json({ id: m.id, label: m.label, unit: m.unit, numerator: m.numerator, denominator: m.denominator, grain: m.grain, date_basis: m.dateBasis, window: m.window, exclusions: m.exclusions, breakdowns: [...m.breakdowns], sql: m.sql(w, undefined, {}) }, 200);
  });

  app.openapi(getDenialPatterns, async (c) => {
    const q = c.req.valid('query');
    const practices = practicesFor(c.get('practices'), q.practice);
    const body = await cache.get(AnswerCache.key('/denials/patterns', c.req.query(), practices), async () => {
      const asOf = await asOfDate(q.as_of, practices, read, cache);
      const ttm = windowFor('ttm', asOf);
      const window = { asOf, from: q.from ?? ttm.from, to: q.to ?? ttm.to };
      const found = await read((w) => findDenialPatterns(w, { window, minClaims: q.min_claims ?? 10, limit: q.limit ?? 15, practices }));
      return { as_of: asOf, from: window.from, to: window.to, ...found };
    });
    // the patterns name example claims: a patient-level read, recorded each time
    await auditor.record(c.get('user'), '/api/denials/patterns', c.req.query(), body.patterns.length);
    return c.json(body, 200);
  });

  return app;
}
