// Maps one 277CA (005010X214 claim acknowledgment): each STC at the claim level (2200D, under HL
// "PT") with the claim's patient control number (TRN02) and payer claim number (REF*1K); line-level
// STCs (2220D), billing-provider-level STCs (2200C, under HL 19) and the batch-level STC (2200B) too.
// A 277 claim-status response (005010X212) is a different transaction and is refused, never read as a 277CA.
import { X12Error, type Warning } from '../x12/diagnostics.ts';
import { Elements, SeparatorMismatch, splitComposite } from '../x12/elements.ts';
import type { TransactionHeader, TransactionTrailer } from '../x12/envelope.ts';
import type { Segment } from '../x12/segment.ts';
import { parseDate } from '../x12/values.ts';
import { REJECTED_CATEGORIES, type AcknowledgmentSink, type ClaimStatus } from './acknowledgment.ts';

interface ClaimContext {
  patientControlNumber: string | null;
  payerClaimNumber: string | null;
  clearinghouseTrace: string | null;
  billType: string | null;
  serviceDate: string | null;
}

export class Ack277caMapper {
  private level: 'source' | 'receiver' | 'provider' | 'patient' = 'source';
  private inLine = false;
  private claim: ClaimContext | undefined;
  /** STCs wait here until the claim's (or line's) REF and DTP segments have been read. */
  private pending: ClaimStatus[] = [];
  private pendingLine: ClaimStatus[] = [];
  private readonly mismatch: SeparatorMismatch;
  /** The billing provider of the claims that follow (2010C NM1*85, NPI when NM108 is XX). */
  private billingProviderNpi: string | null = null;
  private line: { procedureCode: string | null; lineControlNumber: string | null; serviceDate: string | null } | undefined;
  /** BHT04: the transaction's date, the file's date when the group (GS04) has none. */
  private transactionDate: string | null = null;

  constructor(
    private readonly header: TransactionHeader,
    private readonly sink: AcknowledgmentSink,
    private readonly warn: (warning: Warning) => void,
  ) {
    const version = header.implementationReference || header.group?.version || '';
    if (version.includes('X212')) throw notSupported(header);
    this.mismatch = new SeparatorMismatch(header.file, warn);
  }

  segment(s: Segment): void {
    const e = new Elements(s, this.header.file, this.warn);
    switch (s.id) {
      case 'BHT':
        if (e.text(6) !== null && e.text(6) !== 'TH') throw notSupported(this.header, s.position);
        this.transactionDate = e.date(4);
        return;
      case 'HL': {
        this.flush();
        const code = e.text(3);
        this.level = code === '20' ? 'source' : code === '21' ? 'receiver' : code === '19' ? 'provider' : 'patient';
        if (this.level === 'provider' || this.level === 'receiver') this.billingProviderNpi = null;
        this.claim = undefined;
        this.inLine = false;
        return;
      }
      case 'TRN':
        if (this.level === 'patient' && e.text(1) === '2') {
          this.flush();
          this.claim = { patientControlNumber: e.text(2), payerClaimNumber: null, clearinghouseTrace: null, billType: null, serviceDate: null };
          this.inLine = false;
        }
        return;
      case 'NM1':
        if (this.level === 'provider' && e.text(1) === '85') this.billingProviderNpi = e.text(8) === 'XX' ? e.text(9) : null;
        return;
      case 'STC': return this.stc(e);
      case 'REF': {
        const value = e.text(2);
        if (this.inLine && this.line) {
          if (e.text(1) === 'FJ') this.line.lineControlNumber = value;
        } else if (this.claim) {
          if (e.text(1) === '1K') this.claim.payerClaimNumber = value;
          else if (e.text(1) === 'D9') this.claim.clearinghouseTrace = value;
          else if (e.text(1) === 'BLT') this.claim.billType = value;
        }
        return;
      }
      case 'DTP': {
        if (e.text(1) !== '472') return;
        const [date] = e.period();
        if (this.inLine && this.line) this.line.serviceDate = date;
        else if (this.claim) this.claim.serviceDate = date;
        return;
      }
      case 'SVC': {
        this.flushLine();
        this.inLine = true;
        const parts = e.composite(1, this.mismatch);
        this.line = { procedureCode: parts[1] || null, lineControlNumber: null, serviceDate: null };
        return;
      }
      default:
    }
  }

  end(_: TransactionTrailer): void {
    this.flush();
  }

  private stc(e: Elements): void {
    const composite = e.text(1);
    if (composite === null) {
      e.warning('STC01 (status) is empty');
      return;
    }
    const [category, statusCode, entity] = splitComposite(composite, e.segment, this.mismatch);
    const level = this.level === 'patient' ? (this.inLine ? 'line' : 'claim') : this.level === 'receiver' ? 'batch' : this.level === 'provider' ? 'provider' : undefined;
    if (!level) return; // the information source level carries no acknowledgment
    if ((level === 'claim' || level === 'line') && !this.claim) {
      e.warning('STC at the patient level before the claim TRN*2 was ignored', 'unexpected_segment');
      return;
    }
    if (level === 'provider' && REJECTED_CATEGORIES.has(category)) {
      // metrics.md counts a claim as rejected on first pass by its own (claim-level) STC only: the rejection
      // of its provider is loaded and said here, not turned into claim rejections
      e.warning(
        `the payer rejects billing provider ${this.billingProviderNpi ?? '(no NPI in 2100C)'} as a whole (2200C STC01 "${composite}"); loaded as a provider-level status. `
        + 'First-pass acceptance counts claim-level rejections only, so claims of this provider without a rejecting claim-level STC are not counted as rejected. '
        + 'Correct the provider\'s data with the payer and resubmit its claims.',
        'provider_rejected',
      );
    }
    const additional = [e.text(10), e.text(11)].filter((x): x is string => x !== null);
    (level === 'line' ? this.pendingLine : this.pending).push({
      position: e.segment.position, level, billingProviderNpi: level === 'batch' ? null : this.billingProviderNpi, patientControlNumber: null, payerClaimNumber: null, clearinghouseTrace: null, billType: null,
      category, statusCode: statusCode || null, entity: entity || null, statusDate: this.statusDate(e), actionCode: e.text(3), charge: e.money(4),
      additionalStatuses: additional, serviceDate: null, lineControlNumber: null, procedureCode: null,
    });
  }

  /**
   * STC02, else the file's date (GS04, else BHT04): metrics.md dates an acknowledgment by its file, and a
   * status without a date would fall out of every dated count (first-pass acceptance among them).
   */
  private statusDate(e: Elements): string | null {
    const raw = e.text(2);
    const parsed = raw === null ? undefined : parseDate(raw.trim());
    if (parsed?.ok) return parsed.value;
    const group = this.header.group?.date ? parseDate(this.header.group.date) : undefined;
    const [fileDate, source] = group?.ok ? [group.value, 'GS04'] : [this.transactionDate, 'BHT04'];
    const what = raw === null ? 'STC02 (the status date) is empty' : `STC02 "${raw}" is not a date (CCYYMMDD)`;
    e.warning(fileDate === null ? `${what}, and the file has no date (GS04, BHT04) either; loaded as missing` : `${what}; dated ${fileDate}, the file's date (${source})`);
    return fileDate;
  }

  private flushLine(): void {
    const line = this.line;
    for (const status of this.pendingLine) {
      Object.assign(status, { lineControlNumber: line?.lineControlNumber ?? null, procedureCode: line?.procedureCode ?? null, serviceDate: line?.serviceDate ?? null });
      this.pending.push(status);
    }
    this.pendingLine = [];
    this.line = undefined;
  }

  private flush(): void {
    this.flushLine();
    for (const status of this.pending) {
      if (this.claim && (status.level === 'claim' || status.level === 'line')) {
        status.patientControlNumber = this.claim.patientControlNumber;
        status.payerClaimNumber = this.claim.payerClaimNumber;
        status.clearinghouseTrace = this.claim.clearinghouseTrace;
        status.billType = this.claim.billType;
        status.serviceDate ??= this.claim.serviceDate;
      }
      this.sink.claimStatus(this.header, status);
    }
    this.pending = [];
  }
}


function notSupported(header: TransactionHeader, segment = header.position): X12Error {
  return new X12Error(
    'unsupported_transaction',
    { file: header.file, segment },
    'this 277 is a claim status response (005010X212), not a claim acknowledgment (277CA, 005010X214); it is not supported',
    'Ingest 277CA acknowledgments; claim status responses (276/277) are not read by rcm.',
  );
}
