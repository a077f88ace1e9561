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
import type { ClaimStatus277 } from '../demo/model.ts';
import { write277CA } from '../demo/files/write-277ca.ts';
import { claim, patient, practiceFiles, PRACTICE, type SubmissionDay } from './support/fixture-practice.ts';
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

// The front end's later word, on a second hand case (payer ACME, nothing adjudicated; each send's 999 and first
// 277CA the next day, and two 277CAs of their own later):
//   K-FIXED  DOS 05-01, $150.00, sent 05-02: rejected (277CA A7:164:IL of 05-03); the payer corrects it on its
//            side and accepts the same send (277CA A2 of 05-08); never sent again
//   K-TWICE  DOS 05-01, $250.00, sent 05-02: rejected (277CA A3:20 of 05-03), and rejected again for another
//            reason (277CA A7:164:IL of 05-12)
//   K-RESENT DOS 05-01, $100.00, sent 05-02: rejected (277CA A7:164:IL of 05-03); sent again 05-06, which no
//            acknowledgment answers
// By hand: as of 05-05 all three are still rejected (3, $500.00; A3:20 once, A7:164:IL twice), and in the
// rejected queue; as of 05-10 K-FIXED is not (its latest word accepts it) though it stays a rejected submission
// of the rate (3 / 3: K-RESENT's second send is unacknowledged), nor K-RESENT (sent again); K-TWICE is still
// rejected for A3:20 alone, A7:164:IL unknown until 05-12 (the rate by reason: A3:20 once, $250.00; A7:164:IL
// twice, K-FIXED's and K-RESENT's first sends, $250.00); as of 05-31 K-TWICE under both reasons, A7:164:IL three
// times in the rate ($500.00). As of 07-31 K-TWICE is the rejected queue; K-FIXED (accepted 05-08, sent 05-02:
// 90 days) and K-RESENT (sent 05-06: 86 days) wait past the payer's follow-up days in no_response.
describe('front-end rejections: a later acknowledgment and a later reason', () => {
  const dir = tempDir('rcm-rejections-later-');
  let w: Warehouse;
  const KAY = patient('K1', 'KAY', 'ACME');
  const FIXED = claim('K-FIXED', KAY, '2025-05-01', [['99213', 15000]]);
  const TWICE = claim('K-TWICE', KAY, '2025-05-01', [['99214', 25000]]);
  const RESENT = claim('K-RESENT', KAY, '2025-05-01', [['99212', 10000]]);
  const later = (c: Claim, date: string, category: string, statusCode: string, payerClaimNumber?: string): ClaimStatus277 => ({
    claimId: c.id, date, submissionDate: '2025-05-02', payerId: 'ACME', category, statusCode, charge: c.charge,
    ...(payerClaimNumber ? { payerClaimNumber } : { entity: 'IL' }),
  });

  beforeAll(async () => {
    const claims = [FIXED, TWICE, RESENT];
    const days: SubmissionDay[] = [
      { date: '2025-05-02', sends: [[FIXED, true, 'A', 'A7'], [TWICE, true, 'A', 'A3'], [RESENT, true, 'A', 'A7']] },
      { date: '2025-05-06', sends: [[RESENT, false, 'A', undefined]] },
    ];
    // the resend's 999 never comes
    const files = practiceFiles({ claims, submissionDays: days, remittances: [], postings: [] }).filter(([name]) => name !== 'ack-2025-05-07.999');
    const claimOf = (id: string) => claims.find((c) => c.id === id)!;
    files.push(['status-2025-05-08.277', write277CA(PRACTICE, [later(FIXED, '2025-05-08', 'A2', '20', 'ACME-K-FIXED')], { interchange: 901, group: 901 }, '2025-05-08', 'B1', claimOf)]);
    files.push(['status-2025-05-12.277', write277CA(PRACTICE, [later(TWICE, '2025-05-12', 'A7', '164')], { interchange: 902, group: 902 }, '2025-05-12', 'B1', claimOf)]);
    const paths = files.map(([name, text]) => {
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

  const may = (asOf: string) => ({ asOf, from: '2025-05-01', to: asOf });
  const still = async (asOf: string) => {
    const count = await computeMetric(w, metric('still_rejected')!, { asOf });
    const reasons = await computeMetric(w, metric('still_rejected')!, { asOf, by: ['rejection_reason'] });
    const queue = (await workQueues(w, asOf)).filter((r) => r.queue === 'rejected').map((r) => r.claim_id).sort();
    const drill = (await listClaims(w, { status: 'any', sort: 'claim_id', order: 'asc', limit: 10, offset: 0, asOf, stillRejected: true }, {})).rows.map((r) => r.claim_id);
    return { count: count.numerator, dollars: count.dollars?.numerator, reasons: Object.fromEntries(reasons.breakdown!.map((b) => [b.key, b.numerator])), queue, drill };
  };

  it('leaves a submission a later acknowledgment accepted out of "still rejected" and out of the rejected queue, one definition', async () => {
    expect(await still('2025-05-05')).toEqual({
      count: 3, dollars: 500, reasons: { '277CA A3:20': 1, '277CA A7:164:IL': 2 }, queue: ['K-FIXED', 'K-RESENT', 'K-TWICE'], drill: ['K-FIXED', 'K-RESENT', 'K-TWICE'],
    });
    expect(await still('2025-05-10')).toEqual({ count: 1, dollars: 250, reasons: { '277CA A3:20': 1 }, queue: ['K-TWICE'], drill: ['K-TWICE'] });
    // accepted at last, K-FIXED waits on the payer like any accepted claim: not rejected, not yet past its follow-up days
    expect((await workQueues(w, '2025-05-10')).filter((r) => r.claim_id === 'K-FIXED')).toEqual([]);
    // an acknowledgment did reject it: it stays a rejected submission of the rate
    const rate = await computeMetric(w, metric('rejection_rate')!, may('2025-05-10'));
    expect([rate.numerator, rate.denominator]).toEqual([3, 3]);
  });

  it('puts a claim sent again after its rejection and never answered in no_response, not in no queue', async () => {
    const rows = await workQueues(w, '2025-07-31');
    expect(rows.map((r) => [r.queue, r.claim_id, r.days_since]).sort()).toEqual([
      ['no_response', 'K-FIXED', 90], ['no_response', 'K-RESENT', 86], ['rejected', 'K-TWICE', 80],
    ]);
  });

  it('counts a reason only from the date an acknowledgment gave it: the rate, "still rejected" and the drill', async () => {
    const byReason = async (asOf: string) => Object.fromEntries((await computeMetric(w, metric('rejection_rate')!, { ...may(asOf), by: ['rejection_reason'] })).breakdown!
      .map((b) => [b.key, [b.numerator, b.dollars!.numerator]]));
    expect(await byReason('2025-05-10')).toEqual({ '277CA A3:20': [1, 250], '277CA A7:164:IL': [2, 250] });
    expect(await byReason('2025-05-31')).toEqual({ '277CA A3:20': [1, 250], '277CA A7:164:IL': [3, 500] });
    const named = await computeMetric(w, metric('rejection_rate')!, { ...may('2025-05-10'), by: ['rejection_reason_name'] });
    expect(named.breakdown!.map((b) => [b.key, b.numerator])).toEqual([['277CA A3:20: returned as unprocessable', 1], ['277CA A7:164:IL: information not valid', 2]]);
    expect((await still('2025-05-31')).reasons).toEqual({ '277CA A3:20': 1, '277CA A7:164:IL': 1 });
    const drill = async (asOf: string) => (await listClaims(w, {
      status: 'any', sort: 'claim_id', order: 'asc', limit: 10, offset: 0, asOf, rejectionReason: '277CA A7:164:IL', submittedFrom: '2025-05-01', submittedTo: asOf,
    }, {})).rows.map((r) => r.claim_id);
    expect(await drill('2025-05-10')).toEqual(['K-FIXED', 'K-RESENT']);
    expect(await drill('2025-05-31')).toEqual(['K-FIXED', 'K-RESENT', 'K-TWICE']);
  });
});
