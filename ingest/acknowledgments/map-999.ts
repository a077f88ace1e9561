// Maps one 999 transaction set: AK1 names the acknowledged group, each AK2 loop one of its transaction
// sets with IK3/IK4/CTX errors and the IK5 disposition, AK9 the group's disposition.
import type { Warning } from '../x12/diagnostics.ts';
import { Elements, SeparatorMismatch } from '../x12/elements.ts';
import type { TransactionHeader, TransactionTrailer } from '../x12/envelope.ts';
import type { Segment } from '../x12/segment.ts';
import type { Acknowledgment999, AcknowledgmentSink, SetResponse } from './acknowledgment.ts';

export class Ack999Mapper {
  private readonly ack: Acknowledgment999;
  private group: { functionalId: string | null; controlNumber: string | null; version: string | null } = { functionalId: null, controlNumber: null, version: null };
  private set: SetResponse | undefined;
  private readonly mismatch: SeparatorMismatch;

  constructor(
    header: TransactionHeader,
    private readonly sink: AcknowledgmentSink,
    private readonly warn: (warning: Warning) => void,
  ) {
    this.ack = { header, sets: [], groups: [] };
    this.mismatch = new SeparatorMismatch(header.file, warn);
  }

  segment(s: Segment): void {
    const e = new Elements(s, this.ack.header.file, this.warn);
    switch (s.id) {
      case 'AK1':
        this.group = { functionalId: e.text(1), controlNumber: e.text(2), version: e.text(3) };
        return;
      case 'AK2':
        this.set = {
          position: s.position, functionalId: this.group.functionalId, groupControlNumber: this.group.controlNumber, groupVersion: this.group.version,
          transactionType: e.text(1), transactionControlNumber: e.text(2), implementationReference: e.text(3), status: null, statusCodes: [], errors: [],
        };
        this.ack.sets.push(this.set);
        return;
      case 'IK3':
        this.requireSet(e)?.errors.push({ position: s.position, kind: 'segment', segmentId: e.text(1), segmentPosition: e.text(2), loopId: e.text(3), elementPosition: null, elementReference: null, errorCode: e.text(4), badValue: null });
        return;
      case 'IK4': {
        const place = e.composite(1, this.mismatch);
        this.requireSet(e)?.errors.push({ position: s.position, kind: 'element', segmentId: null, segmentPosition: null, loopId: null, elementPosition: place.join('.') || null, elementReference: e.text(2), errorCode: e.text(3), badValue: e.text(4) });
        return;
      }
      case 'CTX':
        this.requireSet(e)?.errors.push({ position: s.position, kind: 'context', segmentId: s.text.slice(4), segmentPosition: null, loopId: null, elementPosition: null, elementReference: null, errorCode: null, badValue: null });
        return;
      case 'IK5': {
        const set = this.requireSet(e);
        if (!set) return;
        set.status = e.text(1);
        for (let n = 2; n <= 6; n++) if (e.text(n) !== null) set.statusCodes.push(e.text(n)!);
        this.set = undefined;
        return;
      }
      case 'AK9':
        this.ack.groups.push({
          position: s.position, functionalId: this.group.functionalId, groupControlNumber: this.group.controlNumber, groupVersion: this.group.version,
          status: e.text(1), setsIncluded: e.text(2), setsReceived: e.text(3), setsAccepted: e.text(4),
        });
        return;
      default:
    }
  }

  end(_: TransactionTrailer): Acknowledgment999 {
    for (const set of this.ack.sets) {
      if (set.status === null) this.warn({ code: 'invalid_value', file: this.ack.header.file, segment: set.position, message: `AK2 for transaction set ${set.transactionControlNumber ?? '(none)'} has no IK5 disposition` });
    }
    this.sink.ack999(this.ack);
    return this.ack;
  }

  private requireSet(e: Elements): SetResponse | undefined {
    if (!this.set) e.warning(`${e.segment.id} outside an AK2 loop was ignored`, 'unexpected_segment');
    return this.set;
  }
}
