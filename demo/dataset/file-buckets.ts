// Events waiting for their file: an 837 (with its 999 and 277CA) per submission day, an 835 per payer
// and payment date, a postings CSV per month and a charges CSV per month. Claims arrive in date-
// of-service order and no event precedes its claim's date of service, so once the simulation reaches day
// D every file dated before D is complete and can be written and forgotten.
import type { Acknowledgment999, Adjudication, Claim, ClaimStatus277, IsoDate, Posting, ProviderAdjustment, Submission } from '../model.ts';

export interface SubmissionDay {
  date: IsoDate;
  submissions: Submission[];
  acknowledgments: Acknowledgment999[];
  statuses: ClaimStatus277[];
}

export interface PaymentRun {
  payerId: string;
  date: IsoDate;
  adjudications: Adjudication[];
  providerAdjustments: ProviderAdjustment[];
}

export interface MonthFile<T> {
  month: string;
  rows: T[];
}

function take<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (!value) {
    value = make();
    map.set(key, value);
  }
  return value;
}

export class FileBuckets {
  private submissionDays = new Map<IsoDate, SubmissionDay>();
  private paymentRuns = new Map<string, PaymentRun>();
  private postings = new Map<string, MonthFile<Posting>>();
  private charges = new Map<string, MonthFile<Claim>>();

  submission(s: Submission): void {
    take(this.submissionDays, s.date, () => ({ date: s.date, submissions: [], acknowledgments: [], statuses: [] })).submissions.push(s);
  }

  acknowledgment(a: Acknowledgment999): void {
    this.submissionDays.get(a.submissionDate)!.acknowledgments.push(a);
  }

  status(s: ClaimStatus277): void {
    this.submissionDays.get(s.submissionDate)!.statuses.push(s);
  }

  private run(payerId: string, date: IsoDate): PaymentRun {
    return take(this.paymentRuns, `${date}|${payerId}`, () => ({ payerId, date, adjudications: [], providerAdjustments: [] }));
  }

  adjudication(a: Adjudication): void {
    this.run(a.payerId, a.date).adjudications.push(a);
  }

  providerAdjustment(p: ProviderAdjustment): void {
    this.run(p.payerId, p.date).providerAdjustments.push(p);
  }

  posting(p: Posting): void {
    const month = p.date.slice(0, 7);
    take(this.postings, month, () => ({ month, rows: [] })).rows.push(p);
  }

  charge(c: Claim): void {
    const month = c.serviceDate.slice(0, 7);
    take(this.charges, month, () => ({ month, rows: [] })).rows.push(c);
  }

  /** The files complete before `day` (all of them when undefined), in date order, removed from the buckets. */
  *completeBefore(day: IsoDate | undefined): Generator<
    { kind: 'submission-day'; day: SubmissionDay } | { kind: 'payment-run'; run: PaymentRun } | { kind: 'postings'; file: MonthFile<Posting> } | { kind: 'charges'; file: MonthFile<Claim> }
  > {
    const month = day?.slice(0, 7);
    for (const key of [...this.submissionDays.keys()].sort()) {
      if (day !== undefined && key >= day) continue;
      yield { kind: 'submission-day', day: this.submissionDays.get(key)! };
      this.submissionDays.delete(key);
    }
    for (const key of [...this.paymentRuns.keys()].sort()) {
      if (day !== undefined && key.slice(0, 10) >= day) continue;
      yield { kind: 'payment-run', run: this.paymentRuns.get(key)! };
      this.paymentRuns.delete(key);
    }
    for (const [map, kind] of [[this.postings, 'postings'], [this.charges, 'charges']] as const) {
      for (const key of [...map.keys()].sort()) {
        if (month !== undefined && key >= month) continue;
        yield { kind, file: map.get(key)! } as never;
        map.delete(key);
      }
    }
  }
}
