// Writes the rows of a CSV file: payment postings and charges of an export, payer profiles, fee schedules
// and their rules, appeal logs. Column order follows the tables' (payment_posting, charge_line: migrations
// 004, 011, 012; payer_profile: 027; appeal_log: 029; fee_schedule, fee_schedule_rule: 031).
import type { BulkLoad, BulkTable } from '../../warehouse/bulk-load.ts';
import type { AppealRow, ChargeRow, CsvSink, FeeScheduleRow, FeeScheduleRuleRow, PayerProfileRow, PaymentPosting, RowError } from '../postings/read-csv.ts';

export class PostingWriter implements CsvSink {
  rows = 0;
  readonly errors: RowError[] = [];
  private readonly fileId: string;
  private readonly payments: BulkTable;
  private readonly charges: BulkTable;
  private readonly profiles: BulkTable;
  private readonly feeSchedules: BulkTable;
  private readonly feeScheduleRules: BulkTable;
  private readonly appeals: BulkTable;

  constructor(bulk: BulkLoad, fileId: bigint) {
    this.fileId = String(fileId);
    this.payments = bulk.table('payment_posting');
    this.charges = bulk.table('charge_line');
    this.profiles = bulk.table('payer_profile');
    this.feeSchedules = bulk.table('fee_schedule');
    this.feeScheduleRules = bulk.table('fee_schedule_rule');
    this.appeals = bulk.table('appeal_log');
  }

  payment(p: PaymentPosting): void {
    this.rows++;
    this.payments.bigint(this.fileId).int(p.line).text(p.rowKey).text(p.claimId).date(p.date).money(p.amount).text(p.type)
      .text(p.payerOrPatient).text(p.reasonCode).text(p.reference).text(p.billingNpi)
      .endRow();
  }

  charge(c: ChargeRow): void {
    this.rows++;
    this.charges.bigint(this.fileId).int(c.line).text(c.rowKey).text(c.claimId).date(c.serviceDate).text(c.provider).text(c.payer).text(c.location)
      .text(c.procedureCode).text(c.modifiers[0]).text(c.modifiers[1]).text(c.modifiers[2]).text(c.modifiers[3])
      .text(c.diagnoses[0]).text(c.diagnoses[1]).text(c.diagnoses[2]).text(c.diagnoses[3]).text(c.diagnoses.join(' ') || null)
      .decimal(c.units).money(c.charge).text(c.billingNpi)
      .endRow();
  }

  payerProfile(p: PayerProfileRow): void {
    this.rows++;
    this.profiles.bigint(this.fileId).int(p.line).text(p.payerId).text(p.payerName)
      .int(p.timelyFilingDays).int(p.appealDays).int(p.followUpDays)
      .endRow();
  }

  feeSchedule(f: FeeScheduleRow): void {
    this.rows++;
    this.feeSchedules.bigint(this.fileId).int(f.line).text(f.payerId).text(f.procedureCode).text(f.modifier)
      .date(f.effectiveFrom).date(f.effectiveTo).money(f.allowed)
      .endRow();
  }

  feeScheduleRule(r: FeeScheduleRuleRow): void {
    this.rows++;
    this.feeScheduleRules.bigint(this.fileId).int(r.line).text(r.payerId).text(r.basePayerId).decimal(r.percent)
      .date(r.effectiveFrom).date(r.effectiveTo).text(r.procedureCode)
      .endRow();
  }

  appeal(a: AppealRow): void {
    this.rows++;
    this.appeals.bigint(this.fileId).int(a.line).text(a.claimId).date(a.appealDate).int(a.level).text(a.outcome).date(a.outcomeDate).text(a.billingNpi)
      .endRow();
  }

  rowError(error: RowError): void {
    this.errors.push(error);
  }
}
