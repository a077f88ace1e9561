// The adjustment class of a write-off (metrics.md, "Adjustment classes"), from the reasons the demo practice
// posts, written out here apart from the warehouse's reference table (ref_posting_reason_class) so that the
// truth checks it. A reason in no list is unclassified, never guessed.
export type AdjustmentClass = 'contractual' | 'policy' | 'duplicate' | 'denial' | 'bad_debt' | 'unclassified';
export const ADJUSTMENT_CLASSES: readonly AdjustmentClass[] = ['contractual', 'policy', 'duplicate', 'denial', 'bad_debt', 'unclassified'];

/** The classes net revenue subtracts from gross charges (never revenue); the others are losses. */
export const NOT_REVENUE: readonly AdjustmentClass[] = ['contractual', 'policy', 'duplicate'];

const WRITE_OFF_REASONS: Record<string, AdjustmentClass> = {
  DENIAL: 'denial', // a denied balance the practice gave up on
  TIMELY_FILING: 'denial', // denied for late filing: a denial, however avoidable
  DUPLICATE: 'duplicate', // the copy of a claim sent twice: never revenue
  SELF_PAY_DISCOUNT: 'policy',
  SMALL_BALANCE: 'policy',
  BAD_DEBT: 'bad_debt',
};

export function writeOffClass(reasonCode: string): AdjustmentClass {
  return WRITE_OFF_REASONS[reasonCode.trim().toUpperCase()] ?? 'unclassified';
}
