// The work queues' hand case (issue: work queues): one payer (ACME) whose profile gives a 90-day filing limit
// and a 60-day appeal limit, as of 2025-06-30 —
//   Q-UNBILLED  a visit of 2025-04-05 not yet billed → unbilled, 4 days left (90 − 86)
//   Q-SILENT    DOS 2025-03-20, billed 2025-03-21, accepted, never answered → no_response, 101 days since
//   Q-DENIED    DOS 2025-03-10, billed 2025-03-11, denied (CO 197) on the 835 of 2025-05-01 → open_denial,
//               0 days left (60 − 60): first of the deadlines, the unbilled visit second
// Written to real files by the demo's writers, like the metrics fixture.
import type { Claim, Posting } from '../../demo/model.ts';
import { adjudicate, claim, patient, practiceFiles, remittance, type SubmissionDay } from './fixture-practice.ts';

export const AS_OF = '2025-06-30';

const DOE = patient('Q1', 'QUEUE', 'ACME');
export const UNBILLED = claim('Q-UNBILLED', DOE, '2025-04-05', [['99213', 12000]]);
export const SILENT = claim('Q-SILENT', DOE, '2025-03-20', [['99214', 18000]]);
export const DENIED = claim('Q-DENIED', DOE, '2025-03-10', [['73721', 90000]]);

const CLAIMS: readonly Claim[] = [UNBILLED, SILENT, DENIED];
const SUBMISSION_DAYS: readonly SubmissionDay[] = [
  { date: '2025-03-11', sends: [[DENIED, true, 'A', 'A2']] },
  { date: '2025-03-21', sends: [[SILENT, true, 'A', 'A2']] },
];
const REMITTANCES = [remittance('ACME', '2025-05-01', [adjudicate(DENIED, 'ACME', '2025-05-01', '4', 'AC-91', [[0, [['CO', '197', 90000]], ['N54']]])])];
const POSTINGS: readonly Posting[] = [];

/** The payer profile the practice keeps: ACME files within 90 days of service and appeals within 60 of a denial. */
export const PROFILE = 'payer_id,payer_name,timely_filing_days,appeal_days,follow_up_days\nACME,ACME HEALTH PLAN,90,60,45\n';

export function queueFiles(): [string, string][] {
  return [['payer-profile.csv', PROFILE], ...practiceFiles({ claims: CLAIMS, submissionDays: SUBMISSION_DAYS, remittances: REMITTANCES, postings: POSTINGS })];
}
