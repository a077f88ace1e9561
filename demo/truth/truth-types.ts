// The shape of truth.json: plain JSON (integer cents, counts, ISO dates), keys in a fixed order.
import type { Cents, IsoDate, PlantedPattern } from '../model.ts';
import type { Acceptance } from './acceptance.ts';
import type { ArJson } from './ar.ts';
import type { CollectionRates, Collections } from './collections.ts';
import type { Queue, QueueReport } from './queues.ts';
import type { DateWindow, WindowName } from './dates.ts';
import type { DaysInAr, DaysInArNet } from './days-in-ar.ts';
import type { DenialRates } from './denial-rates.ts';
import type { DenialOutcomes, OpenDenialsReport } from './denial-outcomes.ts';
import type { Lags } from './lags.ts';
import type { Rejections, StillRejectedReport } from './rejections.ts';
import type { RollForward } from './roll-forward.ts';
import type { UnderpaymentReport } from './underpayments.ts';

export interface WindowMetrics extends DateWindow, ReturnType<DenialRates['toJson']>, ReturnType<Acceptance['toJson']>, CollectionRates, ReturnType<Lags['toJson']>, ReturnType<DenialOutcomes['toJson']>, ReturnType<Rejections['toJson']> {
  rollForward: RollForward;
}

export interface AsOfReport {
  date: IsoDate;
  ar: ArJson;
  /** Billed A/R over the average daily charges of the 90 days ending D. */
  daysInAr: DaysInAr;
  /** A/R with unbilled included, same denominator. */
  daysInTotalAr: DaysInAr;
  /** Each payer's billed insurance portions over its claims' charges; "patient": billed patient portions over all charges. */
  daysInArByPayer: Record<string, DaysInAr>;
  daysInArNet: DaysInArNet;
  windows: Record<WindowName, WindowMetrics>;
  /** The work queues at D, each claim with its balance and clocks. */
  queues: Record<Queue, QueueReport>;
  /** Non-duplicate denials open at D (first denied by D, not resolved by D), with their balance at D. */
  openDenials: OpenDenialsReport;
  /** Claims whose latest submission by D was rejected by D, nothing sent since, a balance owed (the rejected queue's claims). */
  stillRejected: StillRejectedReport;
}

export interface MonthReport extends DateWindow {
  month: string;
  collections: Collections;
  rollForward: RollForward;
}

export interface PatternReport {
  name: string;
  /** The PlantedPattern as the simulation described it (null when only claims named it). */
  definition: PlantedPattern | null;
  claims: number;
  claimsFirstAdjudicated: number;
  claimsDeniedOnFirstAdjudication: number;
  linesFirstAdjudicated: number;
  linesDeniedOnFirstAdjudication: number;
  deniedLineCharges: Cents;
}

export interface DataChecks {
  /** Events dated after the last as-of date: not known yet, left out of everything. */
  eventsAfterLastAsOf: number;
  /** CARCs the crosswalk does not map (treated as non-denial payer adjustments). */
  unmappedCarcs: string[];
  /** Claims with a positive balance before their DOS (left out of A/R: the roll-forward cannot hold). */
  positiveBalanceBeforeService: number;
  /** Denied line numbers that are not lines of the claim (not in the line-grain rates). */
  deniedLinesNotOnClaim: number;
}

export interface Truth {
  crosswalk: { sha256: string; rows: number };
  asOfDates: IsoDate[];
  windows: ({ asOf: IsoDate } & Record<WindowName, DateWindow>)[];
  /** Payer ids in report order (the practice's, then any other seen); by-payer A/R adds "patient". */
  payers: string[];
  denialCategories: string[];
  population: { claims: number; selfPayClaims: number; lines: number; charges: Cents; providerAdjustments: number };
  asOf: AsOfReport[];
  monthly: MonthReport[];
  patterns: PatternReport[];
  /** Expected against actual allowed per payer × code × month, and the planted underpayment's lines and dollars. */
  underpayment: UnderpaymentReport;
  dataChecks: DataChecks;
}
