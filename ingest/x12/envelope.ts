// Follows the ISA/GS/ST envelopes of a segment stream, checks their control numbers and counts
// (warnings, never fatal), and hands the segments inside each transaction set to a visitor.
import { X12Error, type Warning, type WarningCode } from './diagnostics.ts';
import { segmentText, type Segment } from './segment.ts';
import type { Separators } from './separators.ts';

export interface Interchange {
  controlNumber: string;
  senderQualifier: string;
  senderId: string;
  receiverQualifier: string;
  receiverId: string;
  date: string;
  time: string;
  version: string;
  usage: string;
  position: number;
}

export interface FunctionalGroup {
  functionalId: string;
  senderCode: string;
  receiverCode: string;
  date: string;
  time: string;
  controlNumber: string;
  version: string;
  position: number;
}

export interface TransactionHeader {
  file: string;
  /** Segment number of the ST. */
  position: number;
  transactionType: string;
  controlNumber: string;
  implementationReference: string;
  interchange: Interchange | undefined;
  group: FunctionalGroup | undefined;
  separators: Separators;
}

export interface TransactionTrailer {
  /** Segment number of the SE. */
  position: number;
  segmentCount: number;
}

export interface X12Visitor {
  startTransaction(header: TransactionHeader): void;
  segment(segment: Segment): void;
  endTransaction(trailer: TransactionTrailer): void;
  warning(warning: Warning): void;
}

interface OpenTransaction {
  header: TransactionHeader;
  segments: number;
}

export class EnvelopeTracker {
  private interchange: (Interchange & { groups: number }) | undefined;
  private group: (FunctionalGroup & { transactions: number }) | undefined;
  private transaction: OpenTransaction | undefined;
  private transactionCount = 0;

  constructor(
    private readonly file: string,
    private readonly visitor: X12Visitor,
  ) {}

  get transactions(): number {
    return this.transactionCount;
  }

  segment(s: Segment): void {
    if (this.transaction) this.transaction.segments++;
    switch (s.id) {
      case 'ISA': return this.openInterchange(s);
      case 'GS': return this.openGroup(s);
      case 'ST': return this.openTransaction(s);
      case 'SE': return this.closeTransaction(s);
      case 'GE': return this.closeGroup(s);
      case 'IEA': return this.closeInterchange(s);
      default:
        if (this.transaction) this.visitor.segment(s);
        else if (s.id !== 'TA1') this.warn('outside_transaction', s, `segment ${s.id} is outside any ST/SE transaction set and was ignored`);
    }
  }

  end(segmentCount: number): void {
    if (this.transaction) {
      const t = this.transaction.header;
      throw new X12Error(
        'truncated',
        { file: this.file, segment: segmentCount },
        `the file ends inside transaction set ${t.transactionType} ${t.controlNumber} (opened at segment ${t.position}) before its SE`,
        'The file is truncated; load the complete file. Nothing of this file was loaded.',
      );
    }
    if (this.group) this.warnAt('missing_trailer', segmentCount, `group ${this.group.controlNumber} (segment ${this.group.position}) has no GE trailer`);
    if (this.interchange) this.warnAt('missing_trailer', segmentCount, `interchange ${this.interchange.controlNumber} (segment ${this.interchange.position}) has no IEA trailer`);
    if (this.transactionCount === 0) {
      throw new X12Error('structure', { file: this.file, segment: segmentCount }, 'the file holds no ST/SE transaction set', 'There is nothing to load; check that this is the file you meant.');
    }
  }

  private openInterchange(s: Segment): void {
    this.refuseOpenTransaction(s);
    if (this.group) this.warn('missing_trailer', s, `group ${this.group.controlNumber} (segment ${this.group.position}) has no GE trailer`);
    if (this.interchange) this.warn('missing_trailer', s, `interchange ${this.interchange.controlNumber} (segment ${this.interchange.position}) has no IEA trailer`);
    const e = s.elements;
    this.group = undefined;
    this.interchange = {
      senderQualifier: e[5] ?? '',
      senderId: (e[6] ?? '').trim(),
      receiverQualifier: e[7] ?? '',
      receiverId: (e[8] ?? '').trim(),
      date: e[9] ?? '',
      time: e[10] ?? '',
      version: e[12] ?? '',
      controlNumber: (e[13] ?? '').trim(),
      usage: e[15] ?? '',
      position: s.position,
      groups: 0,
    };
  }

  private openGroup(s: Segment): void {
    this.refuseOpenTransaction(s);
    if (this.group) this.warn('missing_trailer', s, `group ${this.group.controlNumber} (segment ${this.group.position}) has no GE trailer`);
    if (!this.interchange) this.warn('no_envelope', s, 'functional group without an ISA interchange header');
    else this.interchange.groups++;
    const e = s.elements;
    this.group = {
      functionalId: e[1] ?? '',
      senderCode: e[2] ?? '',
      receiverCode: e[3] ?? '',
      date: e[4] ?? '',
      time: e[5] ?? '',
      controlNumber: e[6] ?? '',
      version: e[8] ?? '',
      position: s.position,
      transactions: 0,
    };
  }

  private openTransaction(s: Segment): void {
    this.refuseOpenTransaction(s);
    if (this.group) this.group.transactions++;
    this.transactionCount++;
    const header: TransactionHeader = {
      file: this.file,
      position: s.position,
      transactionType: s.elements[1] ?? '',
      controlNumber: s.elements[2] ?? '',
      implementationReference: s.elements[3] ?? '',
      interchange: this.interchange && { ...this.interchange },
      group: this.group && { ...this.group },
      separators: s.separators,
    };
    this.transaction = { header, segments: 1 };
    this.visitor.startTransaction(header);
  }

  private closeTransaction(s: Segment): void {
    const open = this.transaction;
    if (!open) {
      this.warn('outside_transaction', s, 'SE without a matching ST was ignored');
      return;
    }
    const [, count, control] = s.elements;
    if (Number(count) !== open.segments) {
      this.warn('control_count', s, `SE01 says ${count || '(empty)'} segments but transaction set ${open.header.controlNumber} has ${open.segments} (ST to SE)`);
    }
    if ((control ?? '') !== open.header.controlNumber) {
      this.warn('control_number', s, `SE02 ${control || '(empty)'} does not match ST02 ${open.header.controlNumber}`);
    }
    this.transaction = undefined;
    this.visitor.endTransaction({ position: s.position, segmentCount: open.segments });
  }

  private closeGroup(s: Segment): void {
    this.refuseOpenTransaction(s);
    const group = this.group;
    if (!group) {
      this.warn('outside_transaction', s, 'GE without a matching GS was ignored');
      return;
    }
    const [, count, control] = s.elements;
    if (Number(count) !== group.transactions) {
      this.warn('control_count', s, `GE01 says ${count || '(empty)'} transaction sets but group ${group.controlNumber} has ${group.transactions}`);
    }
    if ((control ?? '') !== group.controlNumber) {
      this.warn('control_number', s, `GE02 ${control || '(empty)'} does not match GS06 ${group.controlNumber}`);
    }
    this.group = undefined;
  }

  private closeInterchange(s: Segment): void {
    this.refuseOpenTransaction(s);
    if (this.group) this.warn('missing_trailer', s, `group ${this.group.controlNumber} (segment ${this.group.position}) has no GE trailer`);
    this.group = undefined;
    const interchange = this.interchange;
    if (!interchange) {
      this.warn('outside_transaction', s, 'IEA without a matching ISA was ignored');
      return;
    }
    const [, count, control] = s.elements;
    if (Number(count) !== interchange.groups) {
      this.warn('control_count', s, `IEA01 says ${count || '(empty)'} functional groups but interchange ${interchange.controlNumber} has ${interchange.groups}`);
    }
    if ((control ?? '').trim() !== interchange.controlNumber) {
      this.warn('control_number', s, `IEA02 ${control || '(empty)'} does not match ISA13 ${interchange.controlNumber}`);
    }
    this.interchange = undefined;
  }

  private refuseOpenTransaction(s: Segment): void {
    const open = this.transaction;
    if (!open) return;
    throw new X12Error(
      'structure',
      { file: this.file, segment: s.position, segmentText: segmentText(s) },
      `${s.id} found inside transaction set ${open.header.transactionType} ${open.header.controlNumber} (opened at segment ${open.header.position}), which was never closed by an SE`,
      'The file is damaged (a missing SE segment); ask the sender for a new copy. Nothing of this file was loaded.',
    );
  }

  private warn(code: WarningCode, s: Segment, message: string): void {
    this.visitor.warning({ code, message, file: this.file, segment: s.position, segmentText: segmentText(s) });
  }

  private warnAt(code: WarningCode, segment: number, message: string): void {
    this.visitor.warning({ code, message, file: this.file, segment });
  }
}
