// The denial lifecycle's hand case (issue: denial lifecycle) as files a practice would load; every date is an
// 835's BPR16 or a posting's date. One payer (ACME); the three claims were sent on 2025-02-15.
//   HC-A  $200 (73721), denied CO 197 (authorization) on 2025-03-01; appealed 2025-03-20 (the appeal log);
//         the denial reversed and the claim paid $120 with CO 45 $80 on 2025-05-01: resolved and overturned,
//         61 days after the denial
//   HC-B  $300 (99214), denied CO 50 (medical necessity) on 2025-03-05; written off (DENIAL) 2025-06-01:
//         resolved, 88 days after the denial, not overturned; $300.00 of denial write-offs
//   HC-C  $150 (99213), denied OA 18 (a duplicate) on 2025-03-10; written off (DUPLICATE) 2025-03-20: counted
//         among duplicates only
import type { Claim, Posting } from '../../demo/model.ts';
import { writeAppealsCsv } from '../../demo/files/write-csv.ts';
import { adjudicate, claim, patient, posting, practiceFiles, remittance, reversal, type SubmissionDay } from './fixture-practice.ts';

const WHO = patient('HC1', 'LIFECYCLE', 'ACME');
const A = claim('HC-A', WHO, '2025-02-10', [['73721', 20000]]);
const B = claim('HC-B', WHO, '2025-02-12', [['99214', 30000]]);
const C = claim('HC-C', WHO, '2025-02-14', [['99213', 15000]]);
const CLAIMS: readonly Claim[] = [A, B, C];
const SUBMISSION_DAYS: readonly SubmissionDay[] = [{ date: '2025-02-15', sends: [[A, true, 'A', 'A2'], [B, true, 'A', 'A2'], [C, true, 'A', 'A2']] }];
const A_DENIED = adjudicate(A, 'ACME', '2025-03-01', '4', 'AC-A', [[0, [['CO', '197', 20000]]]]);
const REMITTANCES = [
  remittance('ACME', '2025-03-01', [A_DENIED]),
  remittance('ACME', '2025-03-05', [adjudicate(B, 'ACME', '2025-03-05', '4', 'AC-B', [[0, [['CO', '50', 30000]]]])]),
  remittance('ACME', '2025-03-10', [adjudicate(C, 'ACME', '2025-03-10', '4', 'AC-C', [[0, [['OA', '18', 15000]]]])]),
  remittance('ACME', '2025-05-01', [reversal(A_DENIED, '2025-05-01'), adjudicate(A, 'ACME', '2025-05-01', '1', 'AC-A', [[12000, [['CO', '45', 8000]]]])]),
];
const POSTINGS: readonly Posting[] = [
  posting(C, '2025-03-20', 'write_off', 15000, 'DUPLICATE', 'insurance'),
  posting(B, '2025-06-01', 'write_off', 30000, 'DENIAL', 'insurance'),
];
const APPEAL_LOG = writeAppealsCsv([{ claimId: A.id, date: '2025-03-20', level: 1, outcome: 'overturned', outcomeDate: '2025-05-01' }]);

/** The case's files, each [name, text]. */
export function denialLifecycleFiles(): [string, string][] {
  return [...practiceFiles({ claims: CLAIMS, submissionDays: SUBMISSION_DAYS, remittances: REMITTANCES, postings: POSTINGS }), ['appeal-log.csv', APPEAL_LOG]];
}
