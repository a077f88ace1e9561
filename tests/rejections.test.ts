// Front-end rejections analysed like denials, on a hand case written to real files by the demo's writers (837P,
// 999, 277CA, charges export) and read through ingest and the models; payer ACME, nothing adjudicated:
//   J-999   DOS 03-31, $100.00, sent 04-01: its set rejected by the 999 of 04-02 (IK3 NM1 8, IK4 67 7, IK5 R 5);
//           sent again 04-07, accepted (999 A, 277CA A2 of 04-08)
//   J-A7    DOS 04-01, $200.00, sent 04-02: the payer rejects it (277CA A7:164:IL of 04-03); sent again 04-10,
//           rejected again (277CA A3:20 of 04-11) and not sent since
//   J-OK    DOS 04-01, $300.00, sent 04-02, accepted
// By hand, for Q2 2025 (as of 06-30): five submissions, all acknowledged, three rejected (J-999's first, both
// of J-A7's): 3 / 5 = 60 %; dollars (100 + 200 + 200) / (100 + 100 + 200 + 200 + 300) = 500 / 900. By reason,
// once each: the three 999 codes ($100), 277CA A7:164:IL ($200), 277CA A3:20 ($200). Resubmission lags: J-999
// 04-02 → 04-07 = 5 days, J-A7 04-03 → 04-10 = 7 days: median 6, p90 5 + 0.9 × 2 = 6.8. Still rejected: at
// 04-05 J-999 ($100, its 999 codes) and J-A7 ($200, A7) = 2, $300; at 04-08 J-A7 alone (J-999 sent again);
// at 04-10 none (J-A7 sent again that day, not answered yet); at 04-11 and 06-30 J-A7 ($200, A3:20).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Claim } from '../demo/model.ts';
import { ingestFiles } from '../ingest/loader/ingest-run.ts';
import { buildModels } from '../warehouse/build.ts';
import type { Warehouse } from '../warehouse/database.ts';
import { computeMetric } from '../warehouse/metrics/compute.ts';
import { metric } from '../warehouse/metrics/registry.ts';
import { listClaims } from '../warehouse/queries/claim-list.ts';
import { workQueues } from '../warehouse/queries/work-queues.ts';
import { addUser, createToken } from '../access/users.ts';
import { createApp } from '../server/app.ts';
import { claim, patient, practiceFiles, type SubmissionDay } from './support/fixture-practice.ts';
import { rcmHere } from './support/cli-here.ts';
import { tempDir, tempWarehouse } from './support/temp.ts';

const AS_OF = '2025-06-30';
const Q2 = { from: '2025-04-01', to: AS_OF };
const JAY = patient('J1', 'JAY', 'ACME');
const BY_999 = claim('J-999', JAY, '2025-03-31', [['99213', 10000]]);
const BY_277 = claim('J-A7', JAY, '2025-04-01', [['99214', 20000]]);
const ACCEPTED = claim('J-OK', JAY, '2025-04-01', [['99215', 30000]]);
const CLAIMS: readonly Claim[] = [BY_999, BY_277, ACCEPTED];
const DAYS: readonly SubmissionDay[] = [
  { date: '2025-04-01', sends: [[BY_999, true, 'R', undefined]] },
  { date: '2025-04-02', sends: [[BY_277, true, 'A', 'A7'], [ACCEPTED, true, 'A', 'A2']] },
  { date: '2025-04-07', sends: [[BY_999, false, 'A', 'A2']] },
  { date: '2025-04-10', sends: [[BY_277, false, 'A', 'A3']] },
];
const CODES_999 = ['999 IK3 NM1:8', '999 IK4 67:7', '999 IK5 R:5'];

describe('front-end rejections: the hand case', () => {
  const dir = tempDir('rcm-rejections-');
  let w: Warehouse;

  beforeAll(async () => {
    const paths = practiceFiles({ claims: CLAIMS, submissionDays: DAYS, remittances: [], postings: [] }).map(([name, text]) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    });
    w = await tempWarehouse(dir);
    const run = await ingestFiles(w, paths);
    expect(run.outcomes.map((o) => o.status)).not.toContain('rejected');
    const build = await buildModels(w);
    expect(build.checks.filter((c) => c.failures > 0n)).toEqual([]);
  }, 120_000);
  afterAll(() => w?.close());

  const get = (id: string, asOf: string, by?: 'rejection_reason' | 'payer') =>
    computeMetric(w, metric(id)!, { asOf, ...(id === 'still_rejected' ? {} : Q2), by: by ? [by] : undefined });

  it('keeps each submission with its acknowledgments’ outcome and reason codes, in our own words', async () => {
    const rows = await w.all<{ claim_id: string; submitted_date: string; rejected_date: string | null; rejected_by: string | null; reason_codes: string[] | null; reasons: string[] | null; resubmission_lag_days: number | null }>(
      "SELECT claim_id, strftime(submitted_date, '%Y-%m-%d') AS submitted_date, strftime(rejected_date, '%Y-%m-%d') AS rejected_date, rejected_by, reason_codes, reasons, resubmission_lag_days::INTEGER AS resubmission_lag_days FROM mart_rejection ORDER BY claim_id, submission_number",
    );
    expect(rows.map((r) => [r.claim_id, r.submitted_date, r.rejected_date, r.rejected_by, r.reason_codes, r.resubmission_lag_days])).toEqual([
      ['J-999', '2025-04-01', '2025-04-02', '999', CODES_999, 5],
      ['J-999', '2025-04-07', null, null, null, null],
      ['J-A7', '2025-04-02', '2025-04-03', '277CA', ['277CA A7:164:IL'], 7],
      ['J-A7', '2025-04-10', '2025-04-11', '277CA', ['277CA A3:20'], null],
      ['J-OK', '2025-04-02', null, null, null, null],
    ]);
    expect(rows[0].reasons).toEqual([
      '999 IK3 NM1:8: a segment of the claim’s transaction set is in error', '999 IK4 67:7: an element of a segment is in error', '999 IK5 R:5: the clearinghouse rejected the transaction set',
    ]);
    expect(rows[2].reasons).toEqual(['277CA A7:164:IL: information not valid']);
  });

  it('gives the rejection rate in count and dollars, by reason and by payer, for Q2', async () => {
    const rate = await get('rejection_rate', AS_OF);
    expect([rate.numerator, rate.denominator, rate.value, rate.dollars]).toEqual([3, 5, 0.6, { numerator: 500, denominator: 900, value: 0.555556 }]);
    const byReason = await get('rejection_rate', AS_OF, 'rejection_reason');
    expect(byReason.breakdown!.map((b) => [b.key, b.numerator, b.denominator, b.dollars!.numerator])).toEqual([
      ['277CA A3:20', 1, 5, 200], ['277CA A7:164:IL', 1, 5, 200], ...CODES_999.map((c) => [c, 1, 5, 100]),
    ]);
    expect((await get('rejection_rate', AS_OF, 'payer')).breakdown!.map((b) => [b.key, b.numerator, b.denominator])).toEqual([['ACME', 3, 5]]);
  });

  it('gives the days from a rejection to the next submission: median 6, p90 6.8', async () => {
    const lag = await get('resubmission_lag_days', AS_OF);
    expect([lag.n, lag.value, lag.p90]).toEqual([2, 6, 6.8]);
  });

  it('counts the claims still rejected before and after each resubmission, as the rejected work queue has them', async () => {
    const expected: [string, number, number, Record<string, number>][] = [
      ['2025-04-05', 2, 300, { '277CA A7:164:IL': 1, ...Object.fromEntries(CODES_999.map((c) => [c, 1])) }],
      ['2025-04-08', 1, 200, { '277CA A7:164:IL': 1 }],
      ['2025-04-10', 0, 0, {}],
      ['2025-04-11', 1, 200, { '277CA A3:20': 1 }],
      [AS_OF, 1, 200, { '277CA A3:20': 1 }],
    ];
    for (const [asOf, count, dollars, byReason] of expected) {
      const still = await get('still_rejected', asOf);
      expect([still.numerator, still.dollars?.numerator], asOf).toEqual([count, dollars]);
      const reasons = await get('still_rejected', asOf, 'rejection_reason');
      expect(Object.fromEntries(reasons.breakdown!.map((b) => [b.key, b.numerator])), asOf).toEqual(byReason);
      const queue = (await workQueues(w, asOf)).filter((r) => r.queue === 'rejected');
      expect(queue.length, asOf).toBe(count);
    }
  });

  it('drills from a reason and from "still rejected" to exactly their claims, through the API', async () => {
    const page = { status: 'any', sort: 'claim_id', order: 'asc', limit: 10, offset: 0 } as const;
    const ids = async (q: Partial<Parameters<typeof listClaims>[1]>) => (await listClaims(w, { ...page, asOf: AS_OF, ...q }, {})).rows.map((r) => r.claim_id);
    expect(await ids({ rejectionReason: '999 IK4 67:7', submittedFrom: Q2.from, submittedTo: Q2.to })).toEqual(['J-999']);
    // the reason's window is the rejected submission's date: J-A7 was first sent before it
    expect(await ids({ rejectionReason: '277CA A3:20', submittedFrom: '2025-04-05', submittedTo: Q2.to })).toEqual(['J-A7']);
    expect(await ids({ rejectionReason: '277CA A7:164:IL', submittedFrom: '2025-04-05', submittedTo: Q2.to })).toEqual([]);
    expect(await ids({ stillRejected: true })).toEqual(['J-A7']);
    expect(await ids({ stillRejected: true, asOf: '2025-04-05' })).toEqual(['J-999', 'J-A7']);

    await addUser(w, 'root', 'admin', 'a long enough password', []);
    const { token } = await createToken(w, 'root', 'test');
    const app = createApp(w);
    const api = async (query: string) => app.request(`/api/claims?as_of=${AS_OF}&${query}`, { headers: { authorization: `Bearer ${token}` } });
    const claims = async (query: string) => ((await (await api(query)).json()) as { rows: { claim_id: string }[] }).rows.map((r) => r.claim_id);
    expect(await claims(`rejection_reason=${encodeURIComponent('277CA A7:164:IL')}&submitted_from=2025-04-01&submitted_to=2025-06-30`)).toEqual(['J-A7']);
    expect(await claims('still_rejected=true')).toEqual(['J-A7']);
    expect((await api('rejection_reason=DROP%20TABLE')).status).toBe(400);
  });

  it('answers on the command line: rcm metrics by rejection reason, rcm claim show with the 999’s reason codes', async () => {
    const run = await rcmHere('metrics', '--db', w.path, '--metric', 'rejection_rate', '--by', 'rejection_reason', '--as-of', AS_OF, '--from', Q2.from, '--to', Q2.to, '--json');
    expect(run.status, run.stderr).toBe(0);
    const r = JSON.parse(run.stdout).metrics.rejection_rate;
    expect([r.numerator, r.denominator]).toEqual([3, 5]);
    expect(r.breakdown.map((b: { key: string; numerator: number }) => [b.key, b.numerator])).toEqual([['277CA A3:20', 1], ['277CA A7:164:IL', 1], ...CODES_999.map((c) => [c, 1])]);
    const show = await rcmHere('claim', 'show', 'J-999', '--db', w.path, '--json');
    const rejected = JSON.parse(show.stdout).events.find((e: { source: string; event: string }) => e.source === '999' && e.event === 'rejected by the clearinghouse');
    expect(rejected.detail).toBe(`999 IK5 R; reasons ${CODES_999.join(', ')}`);
    const text = await rcmHere('claim', 'show', 'J-A7', '--db', w.path);
    expect(text.stdout).toMatch(/277CA A7:164:IL/);
    expect(text.stdout).toMatch(/277CA A3:20/);
  });
});
