// /api/metrics: the registry's numbers, the same document as `rcm metrics --json`; /api/metrics/:id/explain;
// /api/denials/patterns. Every parameter is validated; dates, ids and dimensions reach SQL only as checked
// literals or whitelisted names.
import { Hono } from 'hono';
import { z } from 'zod';
import type { Warehouse } from '../../warehouse/database.ts';
import { computeMetric, resolveWindow, type MetricResult } from '../../warehouse/metrics/compute.ts';
import { DIMENSIONS, type Dimension } from '../../warehouse/metrics/metric.ts';
import { METRICS, metric } from '../../warehouse/metrics/registry.ts';
import { latestEventDate, windowFor } from '../../warehouse/metrics/window.ts';
import { date, parse, practicesFor } from '../query.ts';
import { findDenialPatterns } from '../../warehouse/patterns/denial-patterns.ts';
import type { AppEnv } from '../auth/require-user.ts';
import { httpError } from '../http-error.ts';
import { Auditor } from '../auth/audit.ts';
import { requireView } from '../auth/roles.ts';
import { AnswerCache } from '../answer-cache.ts';

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

export function metricsRoutes(warehouse: Warehouse, serialized: <T>(work: () => Promise<T>) => Promise<T>, cache = new AnswerCache(), auditor = new Auditor(warehouse, serialized)): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/metrics', requireView('metrics'), async (c) => {
    const q = parse(metricsQuery, c.req.query());
    const practices = practicesFor(c.get('practices'), q.practice);
    const by = q.by?.split(',') as Dimension[] | undefined;
    const chosen = q.metric ? q.metric.split(',').map((id) => metric(id)!) : METRICS;
    const body = await cache.get(AnswerCache.key('/metrics', c.req.query(), practices), () => serialized(async () => {
      const asOf = q.as_of ?? (await latestEventDate(warehouse, practices));
      if (!asOf) throw httpError(404, 'no_data', 'no claims yet in the practices you may see');
      const results: Record<string, MetricResult> = {};
      for (const m of chosen) {
        const breakdown = by && by.every((d) => m.breakdowns.includes(d)) ? by : undefined;
        results[m.id] = await computeMetric(warehouse, m, { asOf, from: q.from, to: q.to, by: breakdown, filters: { payer: q.payer, provider: q.provider, location: q.location, practices } });
      }
      return { as_of: asOf, from: q.from ?? null, to: q.to ?? null, metrics: results };
    }));
    return c.json(body);
  });

  app.get('/metrics/:id/explain', requireView('metrics'), async (c) => {
    const m = metric(c.req.param('id'));
    if (!m) throw httpError(404, 'not_found', `no metric ${c.req.param('id')}`);
    const q = parse(z.object({ as_of: date.optional() }).strict(), c.req.query());
    const asOf = q.as_of ?? (await serialized(() => latestEventDate(warehouse, c.get('practices')))) ?? '2025-12-31';
    const w = resolveWindow(m, { asOf });
    return c.json({ id: m.id, label: m.label, unit: m.unit, numerator: m.numerator, denominator: m.denominator, grain: m.grain, date_basis: m.dateBasis, window: m.window, exclusions: m.exclusions, breakdowns: m.breakdowns, sql: m.sql(w, undefined, {}) });
  });

  app.get('/denials/patterns', requireView('patterns'), async (c) => {
    const q = parse(patternsQuery, c.req.query());
    const practices = practicesFor(c.get('practices'), q.practice);
    const body = await cache.get(AnswerCache.key('/denials/patterns', c.req.query(), practices), () => serialized(async () => {
      const asOf = q.as_of ?? (await latestEventDate(warehouse, practices));
      if (!asOf) throw httpError(404, 'no_data', 'no claims yet in the practices you may see');
      const ttm = windowFor('ttm', asOf);
      const window = { asOf, from: q.from ?? ttm.from, to: q.to ?? ttm.to };
      const found = await findDenialPatterns(warehouse, { window, minClaims: q.min_claims ?? 10, limit: q.limit ?? 15, practices });
      return { as_of: asOf, from: window.from, to: window.to, ...found };
    }));
    // the patterns name example claims: a patient-level read, recorded each time
    await auditor.record(c.get('user'), '/api/denials/patterns', c.req.query(), body.patterns.length);
    return c.json(body);
  });

  return app;
}
