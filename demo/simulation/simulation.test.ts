// The simulation's own invariants, checked on its events (not on files or the warehouse): the same seed
// gives the same practice; every 835 record balances; every claim whose story has ended owes nothing.
import { describe, expect, it } from 'vitest';
import type { Adjudication } from '../model.ts';
import { addDays } from './calendar.ts';
import { simulate } from './simulate.ts';

const sum = (values: number[]) => values.reduce((s, v) => s + v, 0);

function all(seed: number, claims: number, months: number) {
  return [...simulate({ seed, claims, months }).claims()];
}


describe('the simulated practice', () => {
  const sim = simulate({ seed: 7, claims: 3000, months: 12 });
  const claims = [...sim.claims()];

  it('is the same for the same seed and different for another', () => {
    expect(JSON.stringify(all(7, 300, 12))).toBe(JSON.stringify(all(7, 300, 12)));
    expect(JSON.stringify(all(7, 300, 12))).not.toBe(JSON.stringify(all(8, 300, 12)));
  });

  it('balances every 835 claim record and service line', () => {
    const records: Adjudication[] = claims.flatMap((c) => c.history.adjudications);
    expect(records.length).toBeGreaterThan(2000);
    for (const a of records) {
      const lineAdjustments = sum(a.lines.flatMap((l) => l.adjustments.map((x) => x.amount)));
      expect(a.charge - a.paid, a.claimId).toBe(sum(a.claimAdjustments.map((x) => x.amount)) + lineAdjustments);
      expect(sum(a.lines.map((l) => l.charge)), a.claimId).toBe(a.charge);
      expect(sum(a.lines.map((l) => l.paid)), a.claimId).toBe(a.paid);
      for (const l of a.lines) expect(l.charge - l.paid, `${a.claimId} line ${l.line}`).toBe(sum(l.adjustments.map((x) => x.amount)));
      const pr = sum(a.lines.flatMap((l) => l.adjustments.filter((x) => x.group === 'PR').map((x) => x.amount)));
      expect(a.patientResponsibility, a.claimId).toBe(pr);
    }
  });

  it('leaves nothing owed on a claim whose story ended (paid, written off, refunded)', () => {
    // Pulled three years after the last visit, every story has ended.
    const later = [...simulate({ seed: 7, claims: 3000, months: 12, through: addDays(sim.end, 3 * 365) }).claims()];
    // Balance by hand from the events: charges − paid − non-denial payer adjustments − patient payments − write-offs + refunds,
    // where the denial CARCs the simulation uses leave their dollars open and a crossover's OA 23 is the primary's part.
    const denial = new Set(['4', '11', '15', '16', '18', '22', '27', '29', '31', '50', '96', '97', '197', '226', '234', '252', 'B7']);
    let ended = 0;
    for (const { history: h } of later) {
      if (h.claim.payerId !== 'SELFPAY' && h.statuses277.every((s) => s.category !== 'A2')) continue; // never accepted: still open
      ended++;
      let balance = h.claim.charge;
      for (const a of h.adjudications) {
        balance -= a.paid;
        for (const x of [...a.claimAdjustments, ...a.lines.flatMap((l) => l.adjustments)]) {
          if (x.group === 'PR' || denial.has(x.carc) || (a.status === '2' && x.carc === '23')) continue;
          balance -= x.amount;
        }
      }
      for (const p of h.postings) balance += p.type === 'statement' ? 0 : p.type === 'refund' ? p.amount : -p.amount;
      expect(balance, `${h.claim.id}: ${JSON.stringify(h.postings)}`).toBe(0);
    }
    expect(ended).toBeGreaterThan(2800);
  });

  it('plants each coding pattern, and its denials, at a volume a billing lead would notice', () => {
    for (const pattern of sim.patterns) {
      const members = claims.filter((c) => c.history.patterns.includes(pattern.name));
      const denied = members.filter((c) => c.history.adjudications[0]?.lines.some((l) => l.adjustments.some((x) => x.carc === pattern.carc)));
      expect(members.length, pattern.name).toBeGreaterThan(20);
      expect(denied.length / members.length, pattern.name).toBeGreaterThan(0.3);
    }
  });

  it('dates every event on or after the date of service and no later than the end of the data set', () => {
    for (const { history: h } of claims) {
      for (const d of [...h.submissions, ...h.adjudications, ...h.postings, ...h.statuses277, ...h.acknowledgments999].map((e) => e.date)) {
        expect(d >= h.claim.serviceDate && d <= sim.end, h.claim.id).toBe(true);
      }
    }
  });
});
