// The ground truth for the demo practice: metrics computed from the simulation's events, never the warehouse.
export { TruthBuilder, SELF_PAY, type TruthOptions } from './truth-builder.ts';
export { loadCrosswalk, parseCrosswalk, type Crosswalk } from './crosswalk.ts';
export { checkInvariants } from './invariants.ts';
export type { Truth, AsOfReport, WindowMetrics, MonthReport, PatternReport } from './truth-types.ts';
