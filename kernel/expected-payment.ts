// What a service line is, judged against its payer's fee schedule (metrics.md, "Expected payment"), shared by
// the warehouse's queries, the API's schemas and the pages without the schemas' code.
export const VARIANCE_STATUSES = ['underpaid', 'overpaid', 'as_expected', 'no_expectation', 'denied'] as const;
export type VarianceStatus = (typeof VARIANCE_STATUSES)[number];
