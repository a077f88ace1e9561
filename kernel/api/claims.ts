// The claims behind a number (GET /api/claims, a table), one claim's history (GET /api/claims/{id}) and the
// raw ERA view of its 835 records (GET /api/claims/{id}/remittances).
import { z } from 'zod';
import { IsoDate, Money } from './common.ts';
import { CLAIM_LIST_COLUMNS, tableAnswer } from './tables.ts';

export const ClaimList = tableAnswer(CLAIM_LIST_COLUMNS, 'ClaimRow', { as_of: IsoDate, page: z.number().int(), page_size: z.number().int() }, ['claim_id']).meta({ id: 'ClaimList' });
export type ClaimList = z.infer<typeof ClaimList>;
export type ClaimRow = ClaimList['rows'][number];

export const ClaimEvent = z.object({
  event_date: IsoDate.nullable(), source: z.string().describe('837, 835, 277CA, 999, posting, …'), event: z.string(), amount: Money.nullable(),
  balance_delta: Money.describe('what the event did to the balance'), balance: Money.describe('the balance after the event'), detail: z.string(), file_name: z.string(),
  position: z.number().int().describe("the event's place in the file it came from"),
}).meta({ id: 'ClaimEvent' });
export type ClaimEvent = z.infer<typeof ClaimEvent>;

export const ClaimHistory = z.object({ claim_id: z.string(), events: z.array(ClaimEvent).describe('in date order') }).meta({ id: 'ClaimHistory' });
export type ClaimHistory = z.infer<typeof ClaimHistory>;

export const EraAdjustment = z.object({
  group: z.string().describe('CAS01 group code'), reason: z.string().describe('CARC'), amount: Money, quantity: z.string().nullable(),
  category: z.string().describe('denial category of the crosswalk'), is_denial: z.boolean(),
}).meta({ id: 'EraAdjustment' });
export type EraAdjustment = z.infer<typeof EraAdjustment>;

export const EraLine = z.object({
  line_position: z.number().int(), procedure_code: z.string().nullable(), modifiers: z.array(z.string()), charge: Money.nullable(), paid: Money.nullable(), allowed: Money.nullable(),
  units: z.string(), service_date: IsoDate.nullable(), line_control_number: z.string().nullable().describe('REF*6R'), adjustments: z.array(EraAdjustment),
  remarks: z.array(z.string()).describe('LQ remark codes'),
}).meta({ id: 'EraLine' });
export type EraLine = z.infer<typeof EraLine>;

export const EraRecord = z.object({
  file_name: z.string(), claim_position: z.number().int(), payment_date: IsoDate.nullable(), trace_number: z.string().nullable(), payer_id: z.string().nullable(),
  payer_name: z.string().nullable(), payment_amount: Money.nullable(), patient_control_number: z.string(), status_code: z.string().describe('CLP02'), is_reversal: z.boolean(),
  charge: Money.nullable(), paid: Money.nullable(), patient_responsibility: Money.nullable(), payer_claim_number: z.string().nullable(),
  adjustments: z.array(EraAdjustment).describe('claim-level CAS'), remarks: z.array(z.string()).describe('MOA/MIA remark codes'), lines: z.array(EraLine),
}).meta({ id: 'EraRecord' });
export type EraRecord = z.infer<typeof EraRecord>;

export const ClaimRemittances = z.object({ claim_id: z.string(), remittances: z.array(EraRecord).describe('in payment order') }).meta({ id: 'ClaimRemittances' });
export type ClaimRemittances = z.infer<typeof ClaimRemittances>;
