// A second denial-lifecycle hand case: claims denied only after a payment, on a later adjudication. Every date
// is an 835's BPR16 or a posting's date. One payer (ACME); the three claims were sent on 2025-02-15.
//   HC-D  $200 (73721), paid $150 with CO 45 $50 on 2025-03-01 (balance 0); the payment reversed and the claim
//         denied CO 197 (authorization) on 2025-04-01 (owing $200 again); appealed 2025-04-10 (the appeal log);
//         the denial reversed and the claim paid $150 with CO 45 $50 on 2025-05-15: its denial resolved and
//         overturned 44 days after it, 9 days from denial to appeal
//   HC-E  $150 (99213), paid $90 with CO 45 $30 and PR 2 $30 on 2025-03-03; resubmitted 2025-03-25 and that
//         copy denied OA 18 (a duplicate) on 2025-04-07; the patient pays $30 on 2025-05-10: its first denial a
//         duplicate, so in no outcome
//   HC-F  $100 (99213), paid $60 with CO 45 $40 on 2025-03-05 (balance 0); the payment reversed and the claim
//         denied CO 50 (medical necessity) on 2025-04-03; written off (DENIAL) 2025-05-20: resolved 47 days
//         after the denial, not overturned; $100.00 of denial write-offs
import type { Claim, Posting } from '../../demo/model.ts';
import { writeAppealsCsv } from '../../demo/files/write-csv.ts';
import { adjudicate, claim, patient, posting, practiceFiles, remittance, reversal, type SubmissionDay } from './fixture-practice.ts';

const WHO = patient('HC2', 'AFTERPAY', 'ACME');
const D = claim('HC-D', WHO, '2025-02-10', [['73721', 20000]]);
const E = claim('HC-E', WHO, '2025-02-12', [['99213', 15000]]);
const F = claim('HC-F', WHO, '2025-02-14', [['99213', 10000]]);
const CLAIMS: readonly Claim[] = [D, E, F];
const SUBMISSION_DAYS: readonly SubmissionDay[] = [
  { date: '2025-02-15', sends: [[D, true, 'A', 'A2'], [E, true, 'A', 'A2'], [F, true, 'A', 'A2']] },
  { date: '2025-03-25', sends: [[E, false, 'A', 'A2']] },
];
const D_PAID = adjudicate(D, 'ACME', '2025-03-01', '1', 'AC-D', [[15000, [['CO', '45', 5000]]]]);
const D_DENIED = adjudicate(D, 'ACME', '2025-04-01', '4', 'AC-D', [[0, [['CO', '197', 20000]]]]);
const F_PAID = adjudicate(F, 'ACME', '2025-03-05', '1', 'AC-F', [[6000, [['CO', '45', 4000]]]]);
const REMITTANCES = [
  remittance('ACME', '2025-03-01', [D_PAID]),
  remittance('ACME', '2025-03-03', [adjudicate(E, 'ACME', '2025-03-03', '1', 'AC-E', [[9000, [['CO', '45', 3000], ['PR', '2', 3000]]]])]),
  remittance('ACME', '2025-03-05', [F_PAID]),
  remittance('ACME', '2025-04-01', [reversal(D_PAID, '2025-04-01'), D_DENIED]),
  remittance('ACME', '2025-04-03', [reversal(F_PAID, '2025-04-03'), adjudicate(F, 'ACME', '2025-04-03', '4', 'AC-F', [[0, [['CO', '50', 10000]]]])]),
  remittance('ACME', '2025-04-07', [adjudicate(E, 'ACME', '2025-04-07', '4', 'AC-E2', [[0, [['OA', '18', 15000]]]])]),
  remittance('ACME', '2025-05-15', [reversal(D_DENIED, '2025-05-15'), adjudicate(D, 'ACME', '2025-05-15', '1', 'AC-D', [[15000, [['CO', '45', 5000]]]])]),
];
const POSTINGS: readonly Posting[] = [
  posting(E, '2025-05-10', 'patient_payment', 3000, 'STATEMENT'),
  posting(F, '2025-05-20', 'write_off', 10000, 'DENIAL', 'insurance'),
];
const APPEAL_LOG = writeAppealsCsv([{ claimId: D.id, date: '2025-04-10', level: 1, outcome: 'overturned', outcomeDate: '2025-05-15' }]);

/** The case's files, each [name, text]. */
export function denialAfterPaymentFiles(): [string, string][] {
  return [...practiceFiles({ claims: CLAIMS, submissionDays: SUBMISSION_DAYS, remittances: REMITTANCES, postings: POSTINGS }), ['appeal-log.csv', APPEAL_LOG]];
}
