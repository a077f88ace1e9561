// Writes a synthetic practice's files to a folder, as a practice and its clearinghouse would have them:
// 837/ (one file per submission day), 999/ and 277ca/ (one each per 837), 835/ (one per payer and
// payment date), postings/ and charges/ (monthly practice-management exports; the charges export lists
// every visit, billed or not, so the warehouse knows the visits not yet sent), payers/ (the practice's payer
// profile: each payer's name, timely-filing, appeal and follow-up days; and the payers' contracts: a fee
// schedule per payer with its own, a rule per payer priced as a percentage of another's), appeals/ (the practice's appeal
// log: each appeal the simulation sent, with the payer's answer once known), plus truth.json, the
// metrics computed from the simulation's own events, and practice.json (providers, clinics, payers).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Appeal, Claim, IsoDate, ProviderAdjustment, Remittance } from '../model.ts';
import { PAYERS, payerProfile, SELF_PAY } from '../practice/payers.ts';
import { payerLimits } from '../practice/payer-limits.ts';
import { contractPrices, contractRules, PLANTED_UNDERPAYMENT } from '../practice/contracts.ts';
import { PROVIDERS } from '../practice/practice.ts';
import { addDays, addMonths, endOfMonth } from '../simulation/calendar.ts';
import { drawOf } from '../simulation/random.ts';
import { simulate, type SimulationOptions } from '../simulation/simulate.ts';
import { TruthBuilder } from '../truth/truth-builder.ts';
import { loadCrosswalk } from '../truth/crosswalk.ts';
import { write277CA } from '../files/write-277ca.ts';
import { batchId837, transactionSets837, write837P } from '../files/write-837.ts';
import { write835 } from '../files/write-835.ts';
import { write999 } from '../files/write-999.ts';
import { writeAppealsCsv, writeChargesCsv, writeFeeScheduleCsv, writeFeeScheduleRulesCsv, writePayerProfilesCsv, writePostingsCsv } from '../files/write-csv.ts';
import { FileBuckets, type PaymentRun, type SubmissionDay } from './file-buckets.ts';

export interface DatasetOptions extends SimulationOptions {
  out: string;
  /** Compute truth.json (default true; the million-claim benchmark can skip it). */
  truth?: boolean;
}

export interface DatasetSummary {
  out: string;
  start: IsoDate;
  end: IsoDate;
  claims: number;
  files: Record<string, { count: number; bytes: number }>;
  bytes: number;
  milliseconds: number;
}

export const FOLDERS = { '837': '837', '999': '999', '277ca': '277ca', '835': '835', postings: 'postings', charges: 'charges', payers: 'payers', appeals: 'appeals' } as const;

/** The as-of dates of the ground truth: each quarter end inside the data set, and its last day. */
export function truthDates(start: IsoDate, end: IsoDate): IsoDate[] {
  const dates: IsoDate[] = [];
  for (let d = endOfMonth(addMonths(start, 2)); d < end; d = endOfMonth(addMonths(d, 3))) dates.push(d);
  return [...dates, end];
}

export async function writeDataset(options: DatasetOptions): Promise<DatasetSummary> {
  const began = performance.now();
  const sim = simulate(options);
  const { practice } = sim;
  for (const folder of Object.values(FOLDERS)) mkdirSync(join(options.out, folder), { recursive: true });
  const files: DatasetSummary['files'] = {};
  const save = (kind: string, name: string, text: string) => {
    if (text === '') return;
    writeFileSync(join(options.out, FOLDERS[kind as keyof typeof FOLDERS], name), text);
    const entry = (files[kind] ??= { count: 0, bytes: 0 });
    entry.count++;
    entry.bytes += Buffer.byteLength(text);
  };
  save('payers', 'payer-profiles.csv', writePayerProfilesCsv(PAYERS, payerLimits));
  save('payers', 'fee-schedule.csv', writeFeeScheduleCsv(contractPrices(PAYERS), sim.start));
  save('payers', 'fee-schedule-rules.csv', writeFeeScheduleRulesCsv(contractRules(PAYERS), sim.start));
  const truth = options.truth === false ? undefined : new TruthBuilder(practice, { asOf: truthDates(sim.start, sim.end), crosswalk: loadCrosswalk(), patterns: sim.patterns, underpayment: PLANTED_UNDERPAYMENT });
  const payerName = (id: string) => (id === SELF_PAY ? 'SELF PAY' : payerProfile(id).name);
  const claimPayer = new Map<string, string>();
  // The 277CA and 835 writers look claims up (patient, place of service); a claim is kept until its last waiting event is written.
  const claims = new Map<string, { claim: Claim; waiting: number }>();
  const claimOf = (id: string) => {
    const entry = claims.get(id);
    if (!entry) throw new Error(`claim ${id} was looked up more often than it has events waiting`);
    if (--entry.waiting === 0) claims.delete(id);
    return entry.claim;
  };
  let control = 0;

  const writeSubmissionDay = (day: SubmissionDay) => {
    const group837 = ++control;
    save('837', `claims-${day.date}.837`, write837P(practice, day.submissions, { interchange: group837, group: group837, fileDate: day.date }));
    const statusBySet = new Map(day.acknowledgments.map((a) => [a.payerId, a.status]));
    const sets = transactionSets837(day.submissions).map((s) => ({ controlNumber: s.controlNumber, status: statusBySet.get(s.payerId)! }));
    const ack = ++control;
    save('999', `ack-${day.date}.999`, write999(practice, { group: group837, sets }, { interchange: ack, group: ack }, day.date));
    if (day.statuses.length > 0) {
      const status = ++control;
      save('277ca', `status-${addDays(day.date, 1)}.277`, write277CA(practice, day.statuses, { interchange: status, group: status }, addDays(day.date, 1), batchId837(group837), claimOf));
    }
  };

  const writePaymentRun = (run: PaymentRun) => {
    const payer = payerProfile(run.payerId);
    const paid = run.adjudications.reduce((s, a) => s + a.paid, 0);
    const providerAdjustments = [...run.providerAdjustments];
    // Now and then a payer recovers an overpayment from before the data set by offsetting this payment.
    const net = paid - providerAdjustments.reduce((s, p) => s + p.amount, 0);
    if (net > 2000 && drawOf(options.seed, 'recoupment', run.payerId, run.date) < 0.04) {
      const recoupment: ProviderAdjustment = { payerId: run.payerId, date: run.date, reason: 'WO', reference: `OP${run.date.replace(/-/g, '')}`, amount: Math.min(25000, Math.round(net * 0.08)) };
      providerAdjustments.push(recoupment);
      truth?.addProviderAdjustment(recoupment);
    }
    const remittance: Remittance = {
      payerId: run.payerId, date: run.date, method: payer.method, traceNumber: `${run.payerId}${run.date.replace(/-/g, '')}`,
      adjudications: run.adjudications, providerAdjustments, total: paid - providerAdjustments.reduce((s, p) => s + p.amount, 0),
    };
    const n = ++control;
    save('835', `era-${run.date}-${run.payerId}.835`, write835(practice, remittance, { interchange: n, group: n }, claimOf));
  };

  const flush = (before: IsoDate | undefined) => {
    for (const file of buckets.completeBefore(before)) {
      if (file.kind === 'submission-day') writeSubmissionDay(file.day);
      else if (file.kind === 'payment-run') writePaymentRun(file.run);
      else if (file.kind === 'postings') {
        const rows = file.file.rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
        save('postings', `postings-${file.file.month}.csv`, writePostingsCsv(rows, payerName, (id) => claimPayer.get(id) ?? SELF_PAY, practice.billingNpi));
      } else save('charges', `charges-${file.file.month}.csv`, writeChargesCsv(file.file.rows, (id) => (id === SELF_PAY ? 'SELF PAY' : id), practice.billingNpi));
    }
  };

  const buckets = new FileBuckets();
  const appeals: Appeal[] = [];
  let today: IsoDate | undefined;
  let count = 0;
  for (const { history, providerAdjustments } of sim.claims()) {
    const { claim } = history;
    if (claim.serviceDate !== today) {
      flush(claim.serviceDate);
      today = claim.serviceDate;
    }
    count++;
    const waiting = history.statuses277.length + history.adjudications.length;
    if (waiting > 0) claims.set(claim.id, { claim, waiting });
    claimPayer.set(claim.id, claim.payerId);
    buckets.charge(claim);
    for (const s of history.submissions) buckets.submission(s);
    for (const a of history.acknowledgments999) buckets.acknowledgment(a);
    for (const s of history.statuses277) buckets.status(s);
    for (const a of history.adjudications) buckets.adjudication(a);
    for (const p of history.postings) buckets.posting(p);
    appeals.push(...(history.appeals ?? []));
    for (const p of providerAdjustments) {
      buckets.providerAdjustment(p);
      truth?.addProviderAdjustment(p);
    }
    truth?.addClaim(history);
  }
  flush(undefined);
  if (appeals.length > 0) save('appeals', 'appeal-log.csv', writeAppealsCsv(appeals.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)), practice.billingNpi));

  const extras = {
    practice: { ...practice, providers: PROVIDERS, patterns: sim.patterns },
    seed: options.seed, claims: options.claims, months: options.months, start: sim.start, end: sim.end,
  };
  writeFileSync(join(options.out, 'practice.json'), `${JSON.stringify(extras, null, 2)}\n`);
  if (truth) writeFileSync(join(options.out, 'truth.json'), `${JSON.stringify(truth.build(), null, 2)}\n`);
  const bytes = Object.values(files).reduce((s, f) => s + f.bytes, 0);
  return { out: options.out, start: sim.start, end: sim.end, claims: count, files, bytes, milliseconds: Math.round(performance.now() - began) };
}
