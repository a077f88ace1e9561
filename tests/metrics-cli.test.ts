// The metrics verbs as a user runs them: rcm build, rcm metrics (table, JSON, breakdowns, explain) and
// rcm denials patterns over a small demo practice, and their answers to bad input.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PAYERS } from '../demo/practice/payers.ts';
import { METRICS } from '../warehouse/metrics/registry.ts';
import { rcm } from './support/cli.ts';
import { tempDir } from './support/temp.ts';

describe('rcm build, metrics and denials', () => {
  const dir = tempDir('rcm-metrics-cli-');
  const db = join(dir, 'demo.duckdb');

  beforeAll(() => {
    const made = rcm('demo', '--claims', '600', '--months', '8', '--out', join(dir, 'files'), '--db', db, '--json');
    expect(made.status, made.stderr).toBe(0);
  }, 120_000);

  it('rebuilds the models and reports the checks', () => {
    const built = rcm('build', '--db', db, '--json');
    expect(built.status, built.stderr).toBe(0);
    const result = JSON.parse(built.stdout);
    expect(result.models.map((m: { name: string }) => m.name)).toContain('mart_claim');
    expect(result.checks.every((c: { failures: number }) => c.failures === 0)).toBe(true);
  }, 60_000);

  it('prints every metric as JSON with its definition, at the latest event date by default', () => {
    const run = rcm('metrics', '--db', db, '--json');
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.as_of).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Object.keys(out.metrics)).toEqual(METRICS.map((m) => m.id));
    const ar = out.metrics.ar_total;
    expect(ar.unit).toBe('dollars');
    expect(ar.value).toBeGreaterThan(0);
    expect(ar.definition.numerator).toMatch(/total balance/);
    const denial = out.metrics.initial_denial_rate;
    expect(denial.value).toBeCloseTo(denial.numerator / denial.denominator, 5);
    expect(denial.dollars.denominator).toBeGreaterThan(0);
    expect(out.metrics.ar_aging.breakdown.map((b: { key: string }) => b.key)).toEqual(expect.arrayContaining(['0-30', '31-60']));
  }, 60_000);

  it('breaks a metric down by payer × month, for a window', () => {
    const run = rcm('metrics', '--db', db, '--metric', 'net_collection_rate', '--by', 'payer,month', '--from', '2024-07-01', '--to', '2025-02-28', '--json');
    expect(run.status, run.stderr).toBe(0);
    const metric = JSON.parse(run.stdout).metrics.net_collection_rate;
    expect([metric.from, metric.to]).toEqual(['2024-07-01', '2025-02-28']);
    expect(metric.breakdown.length).toBeGreaterThan(6);
    expect(metric.breakdown[0].key).toMatch(/^\w+ × 2024-\d{2}$/);
    const text = rcm('metrics', '--db', db, '--metric', 'initial_denial_rate', '--by', 'payer');
    expect(text.stdout).toMatch(/initial_denial_rate/);
    // all the metrics: those without a payer breakdown are shown whole, and stderr names them
    const all = rcm('metrics', '--db', db, '--by', 'payer', '--json');
    expect(all.status, all.stderr).toBe(0);
    expect(all.stderr).toMatch(/^not broken down by payer \(they cannot be\): .*\bdays_in_ar_net\b/m);
    expect(all.stderr).not.toMatch(/\binitial_denial_rate\b/);
    expect(JSON.parse(all.stdout).metrics.days_in_ar_net.breakdown ?? null).toBeNull();
    expect(text.stdout).toMatch(/MCRB1/);
  }, 60_000);

  it('answers a billing lead’s questions: overturns by denial category, line denials by CPT × category, collections by kind × month', () => {
    const ask = (id: string, by: string) => {
      const run = rcm('metrics', '--db', db, '--metric', id, '--by', by, '--json');
      expect(run.status, run.stderr).toBe(0);
      return JSON.parse(run.stdout).metrics[id] as { numerator: number; breakdown: { key: string; numerator: number; denominator: number | null }[] };
    };
    const overturns = ask('denial_overturn_rate', 'denial_category');
    expect(overturns.breakdown.length).toBeGreaterThan(0);
    for (const row of overturns.breakdown) expect(row.numerator).toBeLessThanOrEqual(row.denominator!);
    const lines = ask('initial_denial_rate_line', 'cpt,denial_category');
    expect(lines.breakdown.length).toBeGreaterThan(0);
    for (const row of lines.breakdown) expect(row.key).toMatch(/^\w+ × [a-z_]+$/);
    const collections = ask('collections', 'kind,month');
    expect(collections.breakdown.map((r) => r.key)).toContain(`insurance_paid × ${collections.breakdown[0].key.split(' × ')[1]}`);
    expect(Math.round(collections.breakdown.reduce((sum, r) => sum + r.numerator, 0) * 100)).toBe(Math.round(collections.numerator * 100));
  }, 60_000);

  it('names the payers: --by payer_name, alone or crossed, is the payer breakdown with each id named as its 837s name it', () => {
    const names: Record<string, string> = { ...Object.fromEntries(PAYERS.map((p) => [p.id, p.name])), patient: 'Patient' };
    const ask = (id: string, by: string) => {
      const run = rcm('metrics', '--db', db, '--metric', id, '--by', by, '--json');
      expect(run.status, run.stderr).toBe(0);
      return (JSON.parse(run.stdout).metrics[id] as { breakdown: { key: string; numerator: number }[] }).breakdown;
    };
    for (const [id, by] of [['collections', 'payer'], ['initial_denial_rate', 'payer,month'], ['ar_total', 'payer']]) {
      const ids = ask(id, by);
      expect(ids.length, id).toBeGreaterThan(1);
      const named = Object.fromEntries(ids.map((r) => [r.key.split(' × ').map((part, i) => (i === 0 ? names[part] ?? `unnamed ${part}` : part)).join(' × '), r.numerator]));
      expect(Object.fromEntries(ask(id, by.replace('payer', 'payer_name')).map((r) => [r.key, r.numerator])), `${id} by ${by}`).toEqual(named);
    }
  }, 60_000);

  it('explains a metric with its SQL', () => {
    const run = rcm('metrics', 'explain', 'days_in_ar_net');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/numerator: +A\/R at D less the expected contractual/);
    expect(run.stdout).toMatch(/SELECT/);
    expect(run.stdout).toMatch(/mart_claim_balance/);
    const declared = rcm('metrics', 'explain', 'net_collection_rate');
    expect(declared.stdout).toContain('formula:     {payments} / ({charges} - {contractual_adjustments} - {policy_adjustments} - {duplicate_adjustments})');
  });

  it('lists denial patterns with example claims', () => {
    const run = rcm('denials', 'patterns', '--db', db, '--min-claims', '3', '--json');
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.patterns.length).toBeGreaterThan(0);
    for (const p of out.patterns) {
      expect(p.lower_bound).toBeGreaterThan(p.baseline_rate);
      expect(p.example_claims[0]).toMatch(/^MFH/);
    }
  }, 60_000);

  it('refuses bad input with a clear message and exit status 2', () => {
    const cases: [string[], RegExp][] = [
      [['metrics', '--db', db, '--by', 'zodiac'], /--by takes one dimension or two/],
      [['metrics', '--db', db, '--from', '2025-01-01'], /--from and --to go together/],
      [['metrics', '--db', db, '--as-of', '2025-02-30'], /--as-of must be a date/],
      [['metrics', '--db', db, '--metric', 'happiness'], /no metric "happiness"/],
      [['metrics', '--db', db, '--metric', 'initial_denial_rate', 'days_in_ar_net', '--by', 'payer'], /^rcm: days_in_ar_net cannot be broken down by payer; it has no breakdown$/m],
      [['metrics', '--db', db, '--metric', 'initial_denial_rate_line', '--by', 'denial_category,carc'], /^rcm: initial_denial_rate_line cannot cross denial_category with carc \(two lists of the same denials\)$/m],
      [['metrics', 'explain', 'happiness'], /no metric "happiness"/],
      [['denials', 'patterns', '--db', db, '--min-claims', '0'], /--min-claims must be a whole number/],
    ];
    for (const [args, message] of cases) {
      const run = rcm(...args);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(message);
    }
  }, 60_000);
});
