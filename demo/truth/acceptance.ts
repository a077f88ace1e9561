// First-pass acceptance (front end: no 999 / 277CA rejection of the first submission) and first-pass yield
// (back end: the first adjudication paid or moved the claim to the patient, with no denied line).
import type { ClaimFacts } from './claim-facts.ts';
import { inWindow, type DateWindow } from './dates.ts';
import { ratio, type Ratio } from './ratio.ts';

export class Acceptance {
  private acknowledged = 0;
  private accepted = 0;
  private firstAdjudicated = 0;
  private yielded = 0;

  constructor(private readonly window: DateWindow) {}

  add(facts: ClaimFacts): void {
    if (inWindow(facts.firstSubmission, this.window)) {
      // only acknowledgments already received by D count; 999 'E' (accepted with errors) is an acceptance
      const acks = facts.firstSubmissionAcks.filter((a) => a.date <= this.window.to);
      if (acks.length > 0) {
        this.acknowledged++;
        if (!acks.some((a) => a.rejected)) this.accepted++;
      }
    }
    const first = facts.firstAdjudication;
    if (first && inWindow(first.date, this.window)) {
      this.firstAdjudicated++;
      if (first.yields) this.yielded++;
    }
  }

  /** `anyAcknowledgments`: whether any 999 or 277CA exists by D at all (else the reason says so). */
  toJson(anyAcknowledgments: boolean): { firstPassAcceptance: Ratio; firstPassYield: Ratio } {
    return {
      firstPassAcceptance: ratio(this.accepted, this.acknowledged, anyAcknowledgments ? 'no acknowledged first submissions in the window' : 'no acknowledgments ingested'),
      firstPassYield: ratio(this.yielded, this.firstAdjudicated, 'no claims first adjudicated in the window'),
    };
  }
}
