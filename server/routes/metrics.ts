// /api/metrics: the registry's numbers, the same document as `rcm metrics --json`; /api/metrics/:id/explain;
// /api/denials/patterns. Every parameter is validated; dates, ids and dimensions reach SQL only as checked
// literals or whitelisted names.
import { Hono } from 'hono';
import { z } from 'zod';
import { BreakdownError, checkBreakdown, computeMetric, resolveWindow, type MetricResult } from '../../warehouse/metrics/compute.ts';
import { DIMENSIONS, type Breakdown, type Dimension, type MetricDefinition } from '../../warehouse/metrics/metric.ts';
import { METRICS, metric } from '../../warehouse/metrics/registry.ts';
import { windowFor } from '../../warehouse/metrics/window.ts';
import { date, parse, practicesFor } from '../query.ts';
import { findDenialPatterns } from '../../warehouse/patterns/denial-patterns.ts';
import type { AppEnv } from '../auth/require-user.ts';
import { httpError } from '../http-error.ts';
import { Auditor } from '../../access/audit.ts';
import { requireView } from '../auth/require-view.ts';
import { AnswerCache } from '../answer-cache.ts';
import { asOfDate, latestDate } from '../as-of.ts';
import type { Read } from '../reading.ts';

const ids = new Set(METRICS.map((m) => m.id));

const metricsQuery = z.object({
  as_of: date.optional(),
  from: date.optional(),
  to: date.optional(),
  by: z.string().regex(/^[a-z_]+(,[a-z_]+)?$/).refine((s) => s.split(',').every((d) => (DIMENSIONS as readonly string[]).includes(d)), 'one or two of the dimensions').optional(),
  payer: z.string().regex(/^[A-Za-z0-9]{1,20}$/).optional(),
  provider: z.string().regex(/^\d{10}$/).optional(),
  location: z.string().regex(/^[A-Za-z0-9 .,'&()#\/-]{1,60}$/).optional(),
  practice: z.string().regex(/^\d{10}$/).optional(),
  denial_category: z.string().regex(/^[a-z_]{1,40}$/).optional(),
  carc: z.string().regex(/^[A-Z0-9]{1,5}$/).optional(),
  metric: z.string().regex(/^[a-z0-9_]+(,[a-z0-9_]+)*$/).refine((s) => s.split(',').every((id) => ids.has(id)), 'metric ids of the registry').optional(),
}).strict().refine((q) => (q.from === undefined) === (q.to === undefined), 'from and to go together');

const patternsQuery = z.object({
  as_of: date.optional(),
  from: date.optional(),
  to: date.optional(),
  min_claims: z.coerce.number().int().min(1).max(100000).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
  practice: z.string().regex(/^\d{10}$/).optional(),
}).strict().refine((q) => (q.from === undefined) === (q.to === undefined), 'from and to go together');

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

export function metricsRoutes(read: Read, cache: AnswerCache, auditor: Auditor): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/metrics', requireView('metrics'), async (c) => {
    const q = parse(metricsQuery, c.req.query());
    const practices = practicesFor(c.get('practices'), q.practice);
    const by = q.by?.split(',') as Dimension[] | undefined;
    const chosen = q.metric ? q.metric.split(',').map((id) => metric(id)!) : METRICS;
    if (by) refuseBreakdown(chosen, by);
    if (q.denial_category || q.carc) refuseDenialFilter(chosen, q.denial_category ? 'denial_category' : 'carc');
    const body = await cache.get(AnswerCache.key('/metrics', c.req.query(), practices), async () => {
      const asOf = await asOfDate(q.as_of, practices, read, cache);
      const filters = { payer: q.payer, provider: q.provider, location: q.location, practices, denialCategory: q.denial_category, carc: q.carc };
      // each metric on the next free reading connection: a page's metrics are computed side by side
      const computed = await Promise.all(chosen.map((m) => read((w) => computeMetric(w, m, { asOf, from: q.from, to: q.to, by, filters }))));
      const results: Record<string, MetricResult> = Object.fromEntries(computed.map((r) => [r.id, r]));
      return { as_of: asOf, from: q.from ?? null, to: q.to ?? null, metrics: results };
    });
    return c.json(body);
  });

  app.get('/metrics/:id/explain', requireView('metrics'), async (c) => {
    const m = metric(c.req.param('id'));
    if (!m) throw httpError(404, 'not_found', `no metric ${c.req.param('id')}`);
    const q = parse(z.object({ as_of: date.optional() }).strict(), c.req.query());
    const asOf = q.as_of ?? (await latestDate(c.get('practices'), read, cache)) ?? '2025-12-31';
    const w = resolveWindow(m, { asOf });
    return c.json({ id: m.id, label: m.label, unit: m.unit, numerator: m.numerator, denominator: m.denominator, grain: m.grain, date_basis: m.dateBasis, window: m.window, exclusions: m.exclusions, breakdowns: m.breakdowns, sql: m.sql(w, undefined, {}) });
  });

  app.get('/denials/patterns', requireView('patterns'), async (c) => {
    const q = parse(patternsQuery, c.req.query());
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
    return c.json(body);
  });

  return app;
}
