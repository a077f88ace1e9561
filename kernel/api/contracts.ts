// What payers allow against their fee schedules (metrics.md, "Expected payment"): the service lines judged
// (GET /api/contracts/variance, a patient-level table) and allowed and paid per unit by code and payer
// (GET /api/contracts/reimbursement, aggregates).
import { z } from 'zod';
import { IsoDate } from './common.ts';
import { tableAnswer, type Columns } from './tables.ts';

export const VARIANCE_COLUMNS = {
  claim_id: 'text', practice: 'text', payer_id: 'text', service_date: 'date', adjudication_date: 'date', procedure_code: 'text', modifier: 'text', units: 'text',
  expected_allowed: 'money', actual_allowed: 'money', variance: 'money', tolerance: 'money', status: 'text',
} as const satisfies Columns;

export const REIMBURSEMENT_COLUMNS = {
  payer_id: 'text', procedure_code: 'text', lines: 'int', units: 'text',
  allowed_median: 'money', allowed_p10: 'money', allowed_p90: 'money', paid_median: 'money', paid_p10: 'money', paid_p90: 'money',
} as const satisfies Columns;

const WINDOW = { as_of: IsoDate, from: IsoDate, to: IsoDate };

export const VarianceList = tableAnswer(VARIANCE_COLUMNS, 'VarianceLine', { ...WINDOW, page: z.number().int(), page_size: z.number().int() },
  ['claim_id', 'payer_id', 'adjudication_date', 'units', 'actual_allowed', 'status']).meta({ id: 'VarianceList' });
export type VarianceList = z.infer<typeof VarianceList>;

export const ReimbursementTable = tableAnswer(REIMBURSEMENT_COLUMNS, 'Reimbursement', WINDOW, Object.keys(REIMBURSEMENT_COLUMNS) as (keyof typeof REIMBURSEMENT_COLUMNS)[]).meta({ id: 'ReimbursementTable' });
export type ReimbursementTable = z.infer<typeof ReimbursementTable>;
