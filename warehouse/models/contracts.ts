// Every model's contract (<model>.contract.ts beside <model>.sql), in one list: a contract is bundled with
// the command line, so it is imported here rather than found on disk. A test holds this list to the models.
import type { ModelContract } from './contract.ts';
import stgAppeal from './staging/stg_appeal.contract.ts';
import stgCharge from './staging/stg_charge.contract.ts';
import stgClaimAck999 from './staging/stg_claim_ack_999.contract.ts';
import stgClaimChain from './staging/stg_claim_chain.contract.ts';
import stgClaimLine from './staging/stg_claim_line.contract.ts';
import stgClaimNumber from './staging/stg_claim_number.contract.ts';
import stgClaimResubmission from './staging/stg_claim_resubmission.contract.ts';
import stgLocationName from './staging/stg_location_name.contract.ts';
import stgFeeSchedule from './staging/stg_fee_schedule.contract.ts';
import stgPayerProfile from './staging/stg_payer_profile.contract.ts';
import stgClaimSubmission from './staging/stg_claim_submission.contract.ts';
import stgPosting from './staging/stg_posting.contract.ts';
import stgRemitAdjustment from './staging/stg_remit_adjustment.contract.ts';
import stgRemitClaim from './staging/stg_remit_claim.contract.ts';
import stgRemitDelivery from './staging/stg_remit_delivery.contract.ts';
import stgRemitLine from './staging/stg_remit_line.contract.ts';
import stgRemitPayment from './staging/stg_remit_payment.contract.ts';
import stgRemitRepeat from './staging/stg_remit_repeat.contract.ts';
import intAcknowledgment from './intermediate/int_acknowledgment.contract.ts';
import intClaimWorkFacts from './intermediate/int_claim_work_facts.contract.ts';
import intRejectionReason from './intermediate/int_rejection_reason.contract.ts';
import intAdjudication from './intermediate/int_adjudication.contract.ts';
import intAdjudicationLine from './intermediate/int_adjudication_line.contract.ts';
import intBalanceEvent from './intermediate/int_balance_event.contract.ts';
import intClaim from './intermediate/int_claim.contract.ts';
import intRemitLineAllowed from './intermediate/int_remit_line_allowed.contract.ts';
import martAdjustment from './marts/mart_adjustment.contract.ts';
import martCash from './marts/mart_cash.contract.ts';
import martClaim from './marts/mart_claim.contract.ts';
import martClaimBalance from './marts/mart_claim_balance.contract.ts';
import martClaimHistory from './marts/mart_claim_history.contract.ts';
import martExpectedPayment from './marts/mart_expected_payment.contract.ts';
import martFilePractice from './marts/mart_file_practice.contract.ts';
import martFirstAdjudicationLine from './marts/mart_first_adjudication_line.contract.ts';
import martPayer from './marts/mart_payer.contract.ts';
import martProvider from './marts/mart_provider.contract.ts';
import martRejection from './marts/mart_rejection.contract.ts';
import martRejectionSpan from './marts/mart_rejection_span.contract.ts';
import martRemittanceProblem from './marts/mart_remittance_problem.contract.ts';
import martSharedClaimNumber from './marts/mart_shared_claim_number.contract.ts';
import martUnderpaidRecord from './marts/mart_underpaid_record.contract.ts';
import martUnmatchedRecord from './marts/mart_unmatched_record.contract.ts';

export const CONTRACTS: readonly ModelContract[] = [
  stgAppeal, stgCharge, stgClaimAck999, stgClaimChain, stgClaimLine, stgClaimNumber, stgClaimResubmission,
  stgClaimSubmission, stgFeeSchedule, stgLocationName, stgPayerProfile, stgPosting, stgRemitAdjustment, stgRemitClaim, stgRemitDelivery, stgRemitLine,
  stgRemitPayment, stgRemitRepeat, intAcknowledgment, intAdjudication, intAdjudicationLine, intBalanceEvent, intClaim, intClaimWorkFacts, intRejectionReason, intRemitLineAllowed, martAdjustment, martCash,
  martClaim, martClaimBalance, martClaimHistory, martExpectedPayment, martFilePractice, martFirstAdjudicationLine, martPayer, martProvider,
  martRejection, martRejectionSpan, martRemittanceProblem, martSharedClaimNumber, martUnderpaidRecord, martUnmatchedRecord,
];
