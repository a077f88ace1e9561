// Maps the segments of one 835 transaction set onto the remittance model, streaming: each claim goes to
// the sink as soon as the next claim (or PLB, or SE) starts, so memory holds one claim at a time.
import { X12Error, type Warning } from '../x12/diagnostics.ts';
import { Elements, procedureModifiers, SeparatorMismatch, splitComposite } from '../x12/elements.ts';
import type { TransactionHeader, TransactionTrailer } from '../x12/envelope.ts';
import { Segment, segmentText, type SegmentRef } from '../x12/segment.ts';
import { checkClaim, checkLine, checkTransaction } from './balancing.ts';
import type { Adjustment, ClaimPayment, Party, Person, Procedure, Remittance, RemittanceSink, ServiceLine } from './remittance.ts';

const KNOWN_SEGMENTS = new Set([
  'BPR', 'TRN', 'CUR', 'REF', 'DTM', 'N1', 'N2', 'N3', 'N4', 'PER', 'RDM', 'LX', 'TS3', 'TS2', 'CLP', 'CAS', 'NM1',
  'MIA', 'MOA', 'AMT', 'QTY', 'SVC', 'LQ', 'PLB',
]);

/** 005010X221 (with or without A1) and 004010X091 (with or without A1). */
const KNOWN_VERSIONS = /^(005010X221|004010X091)(A1)?$/;

function emptyParty(): Party {
  return { name: null, idQualifier: null, id: null, references: [], position: null };
}

function orNull(value: string | undefined): string | null {
  return value === undefined || value === '' ? null : value;
}

export class Remittance835Mapper {
  private readonly remittance: Remittance;
  /** The N1 loop being read; 'repeated': a second payer or payee, ignored with its REFs. */
  private party: 'payer' | 'payee' | 'other' | 'repeated' | undefined;
  private headerNumber: string | null = null;
  /** Past the header: an LX, a CLP or a PLB was read (REF and DTM no longer describe the payment). */
  private pastHeader = false;
  private claim: ClaimPayment | undefined;
  private line: ServiceLine | undefined;
  /** The segments the open rows came from, for the text of balancing warnings. */
  private bprSegment: SegmentRef | undefined;
  private claimSegment: SegmentRef | undefined;
  private lineSegment: SegmentRef | undefined;
  private readonly mismatch: SeparatorMismatch;
  private warnedUnknown = new Set<string>();
  private readonly elements: Elements;

  constructor(
    header: TransactionHeader,
    private readonly sink: RemittanceSink,
    private readonly warn: (warning: Warning) => void,
  ) {
    this.mismatch = new SeparatorMismatch(header.file, warn);
    this.elements = new Elements(new Segment(), header.file, warn);
    this.remittance = {
      header,
      payment: {
        handlingCode: null, amount: null, creditDebit: null, method: null, format: null, date: null, traceType: null,
        traceNumber: null, originatorId: null, originatorSupplementalCode: null, productionDate: null, currency: null,
        position: null, references: [],
      },
      payer: emptyParty(),
      payee: emptyParty(),
      providerAdjustments: [],
      claimCount: 0,
      claimPaidTotal: 0,
      endPosition: 0,
    };
    const functionalId = header.group?.functionalId;
    if (functionalId && functionalId !== 'HP') {
      this.warn({
        code: 'unexpected_segment', file: header.file, segment: header.position,
        message: `the functional group (GS01 ${functionalId}) is not one of 835s (HP); this transaction set is read as the 835 its ST says it is`,
      });
    }
    const version = header.implementationReference || header.group?.version || '';
    if (!KNOWN_VERSIONS.test(version)) {
      this.warn({
        code: 'unknown_version', file: header.file, segment: header.position,
        message: `version "${version || '(none)'}" is not an 835 version this reader knows (005010X221A1, 004010X091A1); read as 005010`,
      });
    }
  }

  segment(s: Segment): void {
    const e = this.elements.at(s, this.line?.position ?? this.claim?.position ?? this.remittance.payment.position ?? undefined);
    switch (s.id) {
      case 'BPR': return this.bpr(e);
      case 'TRN': return this.trn(e);
      case 'CUR': this.remittance.payment.currency = e.text(2); return;
      case 'N1': return this.n1(e);
      case 'LX': this.closeClaim(); this.party = undefined; this.pastHeader = true; this.headerNumber = e.text(1); return;
      case 'CLP': return this.clp(e);
      case 'SVC': return this.svc(e);
      case 'CAS': return this.cas(e);
      case 'NM1': return this.nm1(e);
      case 'MIA': return this.mia(e);
      case 'MOA': return this.moa(e);
      case 'REF': return this.ref(e);
      case 'DTM': return this.dtm(e);
      case 'AMT': return this.amt(e);
      case 'QTY': return this.qty(e);
      case 'LQ': return this.lq(e);
      case 'PLB': return this.plb(e);
      default:
        if (!KNOWN_SEGMENTS.has(s.id) && !this.warnedUnknown.has(s.id)) {
          this.warnedUnknown.add(s.id);
          e.warning(`segment ${s.id} is not part of an 835 and was ignored`, 'unexpected_segment');
        }
    }
  }

  end(trailer: TransactionTrailer): Remittance {
    this.closeClaim();
    this.remittance.endPosition = trailer.position;
    if (this.remittance.payment.position === null) {
      this.warn({ code: 'invalid_value', file: this.remittance.header.file, segment: this.remittance.header.position, message: 'the remittance has no BPR segment: its payment amount, method and date are missing' });
    }
    for (const w of checkTransaction(this.remittance, this.bprSegment)) this.warn(w);
    this.sink.remittance(this.remittance);
    return this.remittance;
  }

  private bpr(e: Elements): void {
    const p = this.remittance.payment;
    this.bprSegment = e.segment.ref();
    p.position = e.segment.position;
    p.handlingCode = e.text(1);
    p.amount = e.money(2, true);
    p.creditDebit = e.text(3);
    p.method = e.text(4);
    p.format = e.text(5);
    p.date = e.date(16);
  }

  private trn(e: Elements): void {
    const p = this.remittance.payment;
    p.traceType = e.text(1);
    p.traceNumber = e.text(2);
    p.originatorId = e.text(3);
    p.originatorSupplementalCode = e.text(4);
  }

  private n1(e: Elements): void {
    this.closeClaim();
    const role = e.text(1);
    this.party = role === 'PR' ? 'payer' : role === 'PE' ? 'payee' : 'other';
    if (this.party === 'other') return;
    const party = this.remittance[this.party];
    if (party.position !== null) {
      // An 835 names one payer and one payee (loops 1000A and 1000B, once each, before the claims).
      e.warning(
        `a second ${this.party} (N1*${role}) in one 835: the ${this.party} named at segment ${party.position} (${party.name ?? 'no name'}) is kept for the whole payment, this N1 and its REFs are ignored; ask the sender for one 835 per ${this.party}`,
        'unexpected_segment',
      );
      this.party = 'repeated';
      return;
    }
    party.name = e.text(2);
    party.idQualifier = e.text(3);
    party.id = e.text(4);
    party.position = e.segment.position;
  }

  private clp(e: Elements): void {
    this.closeClaim();
    this.party = undefined;
    this.pastHeader = true;
    const status = e.text(2);
    const patientControlNumber = e.text(1);
    this.claimSegment = e.segment.ref();
    if (patientControlNumber === null) e.warning('CLP01 (patient control number) is empty');
    if (status === null) e.warning('CLP02 (claim status, a required code) is empty; loaded as missing');
    this.claim = {
      position: e.segment.position,
      headerNumber: this.headerNumber,
      patientControlNumber: patientControlNumber ?? '',
      statusCode: status,
      charge: e.money(3, true),
      paid: e.money(4, true),
      patientResponsibility: e.money(5),
      filingIndicator: e.text(6),
      payerClaimNumber: e.text(7),
      facilityTypeCode: e.text(8),
      frequencyCode: e.text(9),
      drgCode: e.text(11),
      drgWeight: e.quantity(12),
      dischargeFraction: e.quantity(13),
      isReversal: status === '22',
      patient: null, insured: null, correctedPatient: null, renderingProvider: null, crossoverCarrier: null,
      correctedPayer: null, otherSubscriber: null,
      statementFrom: null, statementTo: null, coverageExpiration: null, receivedDate: null,
      inpatientAdjudication: null, outpatientAdjudication: null,
      adjustments: [], lines: [], references: [], amounts: [], quantities: [], remarks: [],
    };
  }

  private svc(e: Elements): void {
    const claim = this.requireClaim(e);
    this.closeLine();
    const procedure = this.procedure(e, e.text(1));
    if (!procedure.code) e.warning('SVC01 has no procedure code');
    this.lineSegment = e.segment.ref();
    this.line = {
      position: e.segment.position,
      procedure,
      charge: e.money(2, true),
      paid: e.money(3, true),
      revenueCode: e.text(4),
      units: e.quantity(5) ?? '1',
      originalProcedure: e.text(6) === null ? null : this.procedure(e, e.text(6)),
      originalUnits: e.quantity(7),
      serviceDate: null, serviceStart: null, serviceEnd: null, lineControlNumber: null, allowedAmount: null,
      adjustments: [], references: [], amounts: [], quantities: [], remarks: [],
    };
    claim.lines.push(this.line);
  }

  private procedure(e: Elements, composite: string | null): Procedure {
    if (composite === null) return { qualifier: null, code: null, modifiers: [], description: null };
    const parts = splitComposite(composite, e.segment, this.mismatch);
    return {
      qualifier: orNull(parts[0]),
      code: orNull(parts[1]),
      modifiers: procedureModifiers(parts),
      description: orNull(parts[6]),
    };
  }


  private cas(e: Elements): void {
    const target = this.line ?? this.requireClaim(e);
    const group = e.text(1) ?? '';
    if (!group) e.warning('CAS01 (group code) is empty');
    const triplets = Math.ceil((e.segment.length - 2) / 3);
    // X12 ends CAS at CAS19 (six triplets); a sender that goes on still means its money
    if (triplets > 6) e.warning(`CAS holds ${triplets} triplets where X12 allows 6; all of them were loaded`);
    for (let triplet = 1; triplet <= triplets; triplet++) {
      const at = 2 + (triplet - 1) * 3;
      const reason = e.text(at);
      const rawAmount = e.text(at + 1);
      if (reason === null && rawAmount === null) continue;
      if (reason === null || rawAmount === null) {
        e.warning(`CAS triplet ${triplet} has ${reason === null ? 'an amount but no reason code' : 'a reason code but no amount'}`);
        if (rawAmount === null) continue;
      }
      const adjustment: Adjustment = {
        position: e.segment.position,
        triplet,
        group,
        reason: reason ?? '',
        amount: e.parseMoney(rawAmount, at + 1),
        quantity: e.quantity(at + 2),
      };
      target.adjustments.push(adjustment);
    }
  }

  private nm1(e: Elements): void {
    const claim = this.claim;
    if (!claim) {
      this.outsideClaim(e);
      return;
    }
    const person: Person = {
      entityType: e.text(2), lastName: e.text(3), firstName: e.text(4), middleName: e.text(5), suffix: e.text(7),
      idQualifier: e.text(8), id: e.text(9), position: e.segment.position,
    };
    switch (e.text(1)) {
      case 'QC': claim.patient = person; break;
      case 'IL': claim.insured = person; break;
      case '74': claim.correctedPatient = person; break;
      case '82': claim.renderingProvider = person; break;
      case 'TT': claim.crossoverCarrier = person; break;
      case 'PR': claim.correctedPayer = person; break;
      case 'GB': claim.otherSubscriber = person; break;
      default: e.warning(`NM1 entity ${e.text(1) ?? '(empty)'} is not used in an 835 claim`, 'unexpected_segment');
    }
  }

  private mia(e: Elements): void {
    const claim = this.requireClaim(e);
    claim.inpatientAdjudication = { text: segmentText(e.segment), position: e.segment.position };
    for (const n of [5, 20, 21, 22, 23]) this.remark(claim, 'MIA', e, n);
  }

  private moa(e: Elements): void {
    const claim = this.requireClaim(e);
    claim.outpatientAdjudication = { text: segmentText(e.segment), position: e.segment.position };
    for (const n of [3, 4, 5, 6, 7]) this.remark(claim, 'MOA', e, n);
  }

  private remark(claim: ClaimPayment, source: 'MIA' | 'MOA', e: Elements, n: number): void {
    const code = e.text(n);
    if (code !== null) claim.remarks.push({ source, qualifier: e.name(n), code, position: e.segment.position });
  }

  private ref(e: Elements): void {
    const reference = { qualifier: e.text(1) ?? '', value: e.text(2) ?? '', position: e.segment.position };
    if (this.line) {
      if (reference.qualifier === '6R' && this.line.lineControlNumber === null) this.line.lineControlNumber = reference.value;
      else this.line.references.push(reference);
    } else if (this.claim) {
      this.claim.references.push(reference);
    } else if (this.party === 'payer' || this.party === 'payee') {
      this.remittance[this.party].references.push(reference);
    } else if (this.party === 'repeated') {
      return;
    } else if (this.pastHeader) {
      this.outsideClaim(e);
    } else {
      this.remittance.payment.references.push(reference);
    }
  }

  private dtm(e: Elements): void {
    const qualifier = e.text(1);
    if (qualifier === '405') {
      this.remittance.payment.productionDate = e.date(2);
      return;
    }
    const line = this.line;
    if (line && (qualifier === '472' || qualifier === '150' || qualifier === '151')) {
      const date = e.date(2);
      if (qualifier === '472') line.serviceDate = date;
      else if (qualifier === '150') line.serviceStart = date;
      else line.serviceEnd = date;
      return;
    }
    const claim = this.claim;
    if (!claim) {
      this.outsideClaim(e);
      return;
    }
    const date = e.date(2);
    if (qualifier === '232') claim.statementFrom = date;
    else if (qualifier === '233') claim.statementTo = date;
    else if (qualifier === '036') claim.coverageExpiration = date;
    else if (qualifier === '050') claim.receivedDate = date;
    else e.warning(`DTM qualifier ${qualifier ?? '(empty)'} is not used at this place in an 835`, 'unexpected_segment');
  }

  private amt(e: Elements): void {
    const target = this.line ?? this.claim;
    if (!target) {
      this.outsideClaim(e);
      return;
    }
    const amount = e.money(2, true);
    if (amount === null) return;
    const qualifier = e.text(1) ?? '';
    if (target === this.line && qualifier === 'B6' && this.line.allowedAmount === null) this.line.allowedAmount = amount;
    else target.amounts.push({ qualifier, amount, position: e.segment.position });
  }

  private qty(e: Elements): void {
    const target = this.line ?? this.claim;
    if (!target) {
      this.outsideClaim(e);
      return;
    }
    target.quantities.push({ qualifier: e.text(1) ?? '', quantity: e.quantity(2), position: e.segment.position });
  }

  private lq(e: Elements): void {
    const line = this.line;
    if (!line) {
      e.warning('LQ outside a service line was ignored', 'unexpected_segment');
      return;
    }
    const code = e.text(2);
    if (code !== null) line.remarks.push({ source: 'LQ', qualifier: e.text(1) ?? '', code, position: e.segment.position });
  }

  /** A PLB belongs to the payment, not to the claim before it: its warnings are the payment's. */
  private plb(e: Elements): void {
    this.closeClaim();
    this.pastHeader = true;
    e.at(e.segment, this.remittance.payment.position ?? undefined);
    const providerId = e.text(1);
    const fiscalPeriodDate = e.date(2);
    let pairs = 0;
    const allPairs = Math.ceil((e.segment.length - 3) / 2);
    // X12 ends PLB at PLB14 (six pairs); a sender that goes on still means its money
    if (allPairs > 6) e.warning(`PLB holds ${allPairs} adjustment pairs where X12 allows 6; all of them were loaded`);
    for (let pair = 1; pair <= allPairs; pair++) {
      const at = 3 + (pair - 1) * 2;
      const composite = e.text(at);
      const rawAmount = e.text(at + 1);
      if (composite === null && rawAmount === null) continue;
      pairs++;
      if (rawAmount === null) {
        e.warning(`PLB pair ${pair} (${composite}) has a reason but no amount; nothing of it was loaded but this warning`);
        continue;
      }
      if (composite === null) e.warning(`PLB pair ${pair} has an amount but no reason; loaded with an empty reason`);
      const [reason, reference, ...more] = composite === null ? [''] : splitComposite(composite, e.segment, this.mismatch);
      if (more.length > 0) e.warning(`PLB pair ${pair} (${composite}) has more than a reason and a reference; the rest (${more.join(':')}) was not loaded`);
      this.remittance.providerAdjustments.push({
        position: e.segment.position,
        pair,
        providerId,
        fiscalPeriodDate,
        reason: reason ?? '',
        reference: reference || null,
        amount: e.parseMoney(rawAmount, at + 1),
      });
    }
    if (pairs === 0) e.warning('PLB has no adjustment (PLB03 reason and PLB04 amount are required); nothing of it was loaded but this warning');
  }

  /** A claim-level segment (NM1, REF, DTM, AMT, QTY) where no claim is open: it describes nothing, and is said so. */
  private outsideClaim(e: Elements): void {
    e.warning(`${e.segment.id} appears where no claim payment is open (before the first CLP, or after a PLB) and was ignored`, 'unexpected_segment');
  }

  private requireClaim(e: Elements): ClaimPayment {
    if (this.claim) return this.claim;
    throw new X12Error(
      'structure',
      { file: this.remittance.header.file, segment: e.segment.position, segmentText: segmentText(e.segment) },
      `${e.segment.id} appears where no claim payment is open (before the first CLP, or after a PLB), so its amounts belong to no claim`,
      'The remittance is damaged (a missing CLP segment); ask the payer for a new copy. Nothing of this file was loaded.',
    );
  }

  private closeLine(): void {
    if (!this.line) return;
    for (const w of checkLine(this.remittance.header.file, this.line, this.lineSegment)) this.warn(w);
    this.line = undefined;
  }

  private closeClaim(): void {
    this.closeLine();
    const claim = this.claim;
    if (!claim) return;
    for (const w of checkClaim(this.remittance.header.file, claim, this.claimSegment)) this.warn(w);
    this.remittance.claimCount++;
    this.remittance.claimPaidTotal += claim.paid ?? 0;
    this.claim = undefined;
    this.sink.claim(this.remittance, claim);
  }
}
