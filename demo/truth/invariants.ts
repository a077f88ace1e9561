// Identities the truth must satisfy whatever the data: the roll-forward ties for every month and window, the
// A/R splits and agings add up to A/R, rates count no more than their denominators, cash ties to BPR02.
import type { Ratio } from './ratio.ts';
import type { RollForward } from './roll-forward.ts';
import type { Truth } from './truth-types.ts';

const sum = (values: number[]) => values.reduce((s, v) => s + v, 0);

function rollForwardFailure(where: string, r: RollForward): string[] {
  return r.holds && r.expectedEnd === r.actualEnd ? [] : [`${where}: roll-forward (${r.start}, ${r.end}] expected ${r.expectedEnd}, actual ${r.actualEnd}`];
}

function countRateFailure(where: string, r: Ratio): string[] {
  return r.numerator < 0 || (r.denominator >= 0 && r.numerator > r.denominator) ? [`${where}: numerator ${r.numerator} outside 0..${r.denominator}`] : [];
}

/** The list of failures (empty when the truth is consistent). */
export function checkInvariants(truth: Truth): string[] {
  const failures: string[] = [];
  for (const report of truth.asOf) {
    const at = `as of ${report.date}`;
    const { ar } = report;
    if (ar.insurance + ar.patient !== ar.total) failures.push(`${at}: insurance ${ar.insurance} + patient ${ar.patient} ≠ A/R ${ar.total}`);
    if (sum(Object.values(ar.byPayer)) !== ar.total) failures.push(`${at}: A/R by payer sums to ${sum(Object.values(ar.byPayer))}, not ${ar.total}`);
    for (const [name, aging] of [['service', ar.agingByServiceDate], ['submission', ar.agingBySubmissionDate]] as const) {
      const buckets = Object.values(aging.buckets);
      if (sum(buckets.map((b) => b.amount)) !== ar.total) failures.push(`${at}: aging by ${name} date does not sum to A/R`);
      if (sum(buckets.map((b) => b.claims)) !== ar.claims) failures.push(`${at}: aging by ${name} date does not count the A/R claims`);
    }
    for (const [name, w] of Object.entries(report.windows)) {
      const where = `${at}, ${name} ${w.from}..${w.to}`;
      failures.push(...rollForwardFailure(where, w.rollForward));
      if (w.rollForward.arEnd !== ar.total || w.rollForward.creditBalancesEnd !== ar.creditBalances.amount) {
        failures.push(`${where}: roll-forward end (${w.rollForward.arEnd}, credits ${w.rollForward.creditBalancesEnd}) ≠ snapshot (${ar.total}, credits ${ar.creditBalances.amount})`);
      }
      failures.push(...countRateFailure(`${where} initial denial rate`, w.initialDenialRate.count));
      failures.push(...countRateFailure(`${where} initial denial rate (lines)`, w.initialDenialRateLine.count));
      failures.push(...countRateFailure(`${where} first-pass yield`, w.firstPassYield));
      failures.push(...countRateFailure(`${where} first-pass acceptance`, w.firstPassAcceptance));
      failures.push(...countRateFailure(`${where} denial overturn rate`, w.denialOverturnRate));
      const byPayerClaims = sum(Object.values(w.initialDenialRate.byPayer).map((r) => r.count.denominator));
      if (byPayerClaims !== w.initialDenialRate.count.denominator) failures.push(`${where}: initial denial claims by payer sum to ${byPayerClaims}`);
    }
  }
  for (const m of truth.monthly) {
    failures.push(...rollForwardFailure(`month ${m.month}`, m.rollForward));
    const c = m.collections;
    if (c.remittanceCash !== c.insurancePayments + c.plbInterest - c.plbRecoupments) failures.push(`month ${m.month}: remittance cash does not tie to payments and PLB`);
    if (sum(Object.values(c.byPayer).map((p) => p.remittanceCash)) !== c.remittanceCash) failures.push(`month ${m.month}: remittance cash by payer does not sum`);
  }
  if (truth.dataChecks.positiveBalanceBeforeService > 0) failures.push(`${truth.dataChecks.positiveBalanceBeforeService} claims with a positive balance before their DOS`);
  return failures;
}
