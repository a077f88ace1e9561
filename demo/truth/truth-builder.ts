// The ground truth: every metric of shared/domain/metrics.md computed from the simulation's own events,
// streamed claim by claim (per claim O(events × as-of dates); memory: day sums, histograms, charge counts).
import type { ClaimHistory, IsoDate, PlantedPattern, Practice, ProviderAdjustment } from '../model.ts';
import { Acceptance } from './acceptance.ts';
import { ArSnapshot, arJson } from './ar.ts';
import { analyzeClaim, type ClaimFacts } from './claim-facts.ts';
import { addProviderAdjustment, adjustmentKey, collectionRates, collections, netRevenue, paidKey, RECOVERIES } from './collections.ts';
import { denialCategories, type Crosswalk } from './crosswalk.ts';
import { addMonths, assertIsoDate, lastOfMonth, monthOf, WINDOW_NAMES, windowsFor, type DateWindow, type WindowName } from './dates.ts';
import { DayTotals } from './day-totals.ts';
import { contractualKey, daysInAr, daysInArByPayer, daysInArNet, daysInTotalAr, firstAdjudicatedChargesKey } from './days-in-ar.ts';
import { DenialRates } from './denial-rates.ts';
import { DenialOutcomes, OpenDenials } from './denial-outcomes.ts';
import { UNCLASSIFIED } from './denials.ts';
import { Lags } from './lags.ts';
import { Rejections, StillRejected } from './rejections.ts';
import { WorkQueues } from './queues.ts';
import { Underpayments, type ContractPrice } from './underpayments.ts';
import { contractAllowed, type PlantedUnderpayment } from '../practice/contracts.ts';
import { FEES } from '../practice/codes.ts';
import { PAYER_BY_ID, payerProfile } from '../practice/payers.ts';
import { PAYER_LIMITS } from '../practice/payer-limits.ts';
import { addArChanges, rollForward } from './roll-forward.ts';
import type { AsOfReport, DataChecks, MonthReport, PatternReport, Truth, WindowMetrics } from './truth-types.ts';

// the dataset writer imports the crosswalk loader from here, beside the builder
export { loadCrosswalk } from './crosswalk.ts';

import { SELF_PAY } from '../model.ts';
export { SELF_PAY };

export interface TruthOptions {
  asOf: IsoDate[];
  crosswalk: Crosswalk;
  patterns?: PlantedPattern[];
  /** The underpayment the simulation planted (none: null or left out). */
  underpayment?: PlantedUnderpayment | null;
  /** The contracts' price per unit; default: the demo payers' contracts (demo/practice/contracts.ts). */
  contractPrice?: ContractPrice;
}

/** The demo payers' contract prices; a payer or code outside them has no expectation. */
const demoContractPrice: ContractPrice = (payerId, code) =>
  PAYER_BY_ID.has(payerId) && FEES.has(code) ? contractAllowed(payerProfile(payerId), code, payerProfile) : null;

/** The claim-grain window metrics of one window of one as-of date. */
class WindowAccumulator {
  readonly denials: DenialRates;
  readonly acceptance: Acceptance;
  readonly lags: Lags;
  readonly outcomes: DenialOutcomes;
  readonly rejections: Rejections;
  constructor(readonly window: DateWindow) {
    this.denials = new DenialRates(window);
    this.acceptance = new Acceptance(window);
    this.lags = new Lags(window);
    this.outcomes = new DenialOutcomes(window);
    this.rejections = new Rejections(window);
  }
  add(facts: ClaimFacts): void {
    this.denials.add(facts);
    this.acceptance.add(facts);
    this.lags.add(facts);
    this.outcomes.add(facts);
    this.rejections.add(facts);
  }
}

type PatternCounts = Omit<PatternReport, 'name' | 'definition'>;

export class TruthBuilder {
  private readonly asOfDates: IsoDate[];
  private readonly lastDate: IsoDate;
  private readonly crosswalk: Crosswalk;
  private readonly totals = new DayTotals();
  private readonly snapshots: ArSnapshot[];
  private readonly queues: WorkQueues[];
  private readonly openDenials: OpenDenials[];
  private readonly stillRejected: StillRejected[];
  private readonly windows: Record<WindowName, WindowAccumulator>[];
  private readonly selfPayers: Set<string>;
  private readonly seenPayers = new Set<string>();
  private readonly patterns = new Map<string, PatternCounts>();
  private readonly underpayments: Underpayments;
  private readonly population = { claims: 0, selfPayClaims: 0, lines: 0, charges: 0, providerAdjustments: 0 };
  private readonly checks = { eventsAfterLastAsOf: 0, unmappedCarcs: new Set<string>(), positiveBalanceBeforeService: 0, deniedLinesNotOnClaim: 0 };
  /** The earliest 999 / 277CA date: before it, "no acknowledgments ingested". */
  private firstAcknowledgment: IsoDate | null = null;

  constructor(private readonly practice: Practice, private readonly options: TruthOptions) {
    if (options.asOf.length === 0) throw new Error('TruthBuilder: at least one as-of date');
    options.asOf.forEach((d) => assertIsoDate(d, 'as-of date'));
    this.asOfDates = [...new Set(options.asOf)].sort();
    this.lastDate = this.asOfDates[this.asOfDates.length - 1];
    this.crosswalk = options.crosswalk;
    this.snapshots = this.asOfDates.map((d) => new ArSnapshot(d));
    this.queues = this.asOfDates.map((d) => new WorkQueues(d, PAYER_LIMITS, options.contractPrice ?? demoContractPrice));
    this.openDenials = this.asOfDates.map((d) => new OpenDenials(d));
    this.stillRejected = this.asOfDates.map((d) => new StillRejected(d));
    this.windows = this.asOfDates.map((d) => {
      const w = windowsFor(d);
      return { month: new WindowAccumulator(w.month), quarter: new WindowAccumulator(w.quarter), ttm: new WindowAccumulator(w.ttm) };
    });
    this.selfPayers = new Set([SELF_PAY, ...practice.payers.filter((p) => p.kind === 'self_pay').map((p) => p.id)]);
    for (const p of options.patterns ?? []) this.patternCounts(p.name);
    this.underpayments = new Underpayments(options.contractPrice ?? demoContractPrice, options.underpayment ?? null);
  }

  addClaim(history: ClaimHistory): void {
    const { claim } = history;
    const selfPay = this.selfPayers.has(claim.payerId);
    const facts = analyzeClaim(history, this.crosswalk, this.lastDate, selfPay);
    this.seenPayers.add(claim.payerId);
    this.population.claims++;
    if (selfPay) this.population.selfPayClaims++;
    this.population.lines += claim.lines.length;
    this.population.charges += claim.charge;

    const t = this.totals;
    for (const m of facts.movements) {
      if (m.flow === null) continue;
      t.add(m.flow, m.date, m.amount);
      if (m.flow === 'insurancePaid' && m.payerId !== undefined) {
        t.add(paidKey(m.payerId), m.date, m.amount);
        this.seenPayers.add(m.payerId);
      }
    }
    for (const c of facts.contractual) {
      t.add('contractual', c.date, c.amount);
      t.add(contractualKey(claim.payerId), c.date, c.amount);
    }
    // adjustment classes: payer adjustments (outside a denial category) are contractual, write-offs go by
    // their reason, and a denial write-off's later recoveries net it
    for (const m of facts.movements) if (m.flow === 'payerAdjustments') t.add(adjustmentKey('contractual'), m.date, m.amount);
    for (const w of facts.writeOffs) t.add(adjustmentKey(w.adjustmentClass), w.date, w.amount);
    for (const r of facts.recoveries) t.add(RECOVERIES, r.date, r.amount);
    if (facts.firstAdjudication) t.add(firstAdjudicatedChargesKey(claim.payerId), facts.firstAdjudication.date, claim.charge);
    if (addArChanges(t, facts.timeline, claim.serviceDate)) this.checks.positiveBalanceBeforeService++;

    for (const s of this.snapshots) s.add(facts);
    for (const q of this.queues) q.add(facts);
    for (const o of this.openDenials) o.add(facts);
    for (const r of this.stillRejected) r.add(facts);
    for (const w of this.windows) for (const name of WINDOW_NAMES) w[name].add(facts);
    this.countPatterns(facts);
    this.underpayments.add(history);

    for (const a of [...history.acknowledgments999, ...history.statuses277]) {
      if (a.date <= this.lastDate && (this.firstAcknowledgment === null || a.date < this.firstAcknowledgment)) this.firstAcknowledgment = a.date;
    }
    this.checks.eventsAfterLastAsOf += facts.droppedEvents;
    this.checks.deniedLinesNotOnClaim += facts.deniedLinesNotOnClaim;
    for (const carc of facts.unmappedCarcs) this.checks.unmappedCarcs.add(carc);
  }

  addProviderAdjustment(p: ProviderAdjustment): void {
    if (p.date > this.lastDate) {
      this.checks.eventsAfterLastAsOf++;
      return;
    }
    this.population.providerAdjustments++;
    this.seenPayers.add(p.payerId);
    addProviderAdjustment(this.totals, p);
  }

  private patternCounts(name: string): PatternCounts {
    let c = this.patterns.get(name);
    if (!c) {
      c = { claims: 0, claimsFirstAdjudicated: 0, claimsDeniedOnFirstAdjudication: 0, linesFirstAdjudicated: 0, linesDeniedOnFirstAdjudication: 0, deniedLineCharges: 0 };
      this.patterns.set(name, c);
    }
    return c;
  }

  /** Pattern counts as of the last as-of date. */
  private countPatterns(facts: ClaimFacts): void {
    const { claim, patterns } = facts.history;
    const first = facts.firstAdjudication;
    for (const name of new Set(patterns)) {
      const c = this.patternCounts(name);
      c.claims++;
      if (!first) continue;
      c.claimsFirstAdjudicated++;
      if (first.denial.denied) c.claimsDeniedOnFirstAdjudication++;
      c.linesFirstAdjudicated += claim.lines.length;
      for (const l of claim.lines) {
        if (!first.denial.deniedLines.has(l.number)) continue;
        c.linesDeniedOnFirstAdjudication++;
        c.deniedLineCharges += l.charge;
      }
    }
  }

  /** Practice payers in their order, then any other payer seen, sorted. */
  private payers(): string[] {
    const known = this.practice.payers.map((p) => p.id);
    return [...known, ...[...this.seenPayers].filter((p) => !known.includes(p)).sort()];
  }

  build(): Truth {
    const payers = this.payers();
    const categories = [...denialCategories(this.crosswalk), UNCLASSIFIED];
    const asOf = this.asOfDates.map((date, i): AsOfReport => {
      const s = this.snapshots[i];
      const anyAcknowledgments = this.firstAcknowledgment !== null && this.firstAcknowledgment <= date;
      const windows = {} as Record<WindowName, WindowMetrics>;
      for (const name of WINDOW_NAMES) {
        const acc = this.windows[i][name];
        windows[name] = {
          ...acc.window,
          ...acc.denials.toJson(this.totals, payers, categories),
          ...acc.acceptance.toJson(anyAcknowledgments),
          ...collectionRates(this.totals, acc.window),
          ...acc.lags.toJson(payers),
          ...acc.outcomes.toJson(),
          ...acc.rejections.toJson(anyAcknowledgments),
          rollForward: rollForward(this.totals, acc.window),
        };
      }
      return {
        date, ar: arJson(s, payers), daysInAr: daysInAr(s), daysInTotalAr: daysInTotalAr(s), daysInArByPayer: daysInArByPayer(s, payers, this.selfPayers),
        daysInArNet: daysInArNet(s, this.totals, payers, this.selfPayers), windows, queues: this.queues[i].toJson(),
        openDenials: this.openDenials[i].toJson(),
        stillRejected: this.stillRejected[i].toJson(),
      };
    });
    return {
      crosswalk: { sha256: this.crosswalk.sha256, rows: this.crosswalk.rows.length },
      asOfDates: this.asOfDates,
      windows: this.asOfDates.map((d) => ({ asOf: d, ...windowsFor(d) })),
      payers,
      denialCategories: categories,
      population: { ...this.population },
      asOf,
      monthly: this.monthly(payers),
      patterns: this.patternReports(),
      underpayment: this.underpayments.toJson(payers),
      dataChecks: this.dataChecks(),
    };
  }

  /** Every calendar month from the first event to the last as-of date (the last month ends on that date). */
  private monthly(payers: string[]): MonthReport[] {
    const first = this.totals.firstDate();
    if (first === null) return [];
    const months: MonthReport[] = [];
    for (let from = `${monthOf(first)}-01`; from <= this.lastDate; from = addMonths(from, 1)) {
      const end = lastOfMonth(from);
      const window = { from, to: end < this.lastDate ? end : this.lastDate };
      months.push({ month: monthOf(from), ...window, collections: collections(this.totals, window, payers), rollForward: rollForward(this.totals, window) });
    }
    return months;
  }

  private patternReports(): PatternReport[] {
    const described = new Map((this.options.patterns ?? []).map((p) => [p.name, p]));
    const names = [...described.keys(), ...[...this.patterns.keys()].filter((n) => !described.has(n)).sort()];
    return names.map((name) => ({ name, definition: described.get(name) ?? null, ...this.patternCounts(name) }));
  }

  private dataChecks(): DataChecks {
    return { ...this.checks, unmappedCarcs: [...this.checks.unmappedCarcs].sort() };
  }
}
