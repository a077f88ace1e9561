// Maps the segments of one 837 transaction set (837P or 837I) onto claims, streaming: each claim goes to
// the sink when the next claim, hierarchical level or SE starts. The HL hierarchy gives the context of a
// claim: billing provider (HL03 20), subscriber and payer (22), patient when not the subscriber (23).
import { X12Error, type Warning } from '../x12/diagnostics.ts';
import { Elements, procedureModifiers, SeparatorMismatch, splitComposite } from '../x12/elements.ts';
import type { TransactionHeader, TransactionTrailer } from '../x12/envelope.ts';
import type { Segment } from '../x12/segment.ts';
import type { Claim, ClaimLine, ClaimSink, Party, Submission } from './claim.ts';

/** HI qualifiers that carry diagnoses (ICD-10-CM, then ICD-9-CM). */
const DIAGNOSIS_QUALIFIERS = new Set(['ABK', 'ABF', 'ABJ', 'APR', 'ABN', 'BK', 'BF', 'BJ', 'PR', 'BN']);
const PRINCIPAL = new Set(['ABK', 'BK']);

const emptyParty = (): Party => ({ entityType: null, lastName: null, firstName: null, idQualifier: null, id: null });

function party(e: Elements): Party {
  return { entityType: e.text(2), lastName: e.text(3), firstName: e.text(4), idQualifier: e.text(8), id: e.text(9) };
}

type Level = 'billing' | 'subscriber' | 'patient' | 'other';

/** What an HL loop that can have children (20 billing provider, 22 subscriber) gives them. */
interface HlContext {
  billing: Claim['billingProvider'];
  subscriber: Claim['subscriber'];
  payer: Party;
}

export class Claim837Mapper {
  private readonly submission: Submission;
  private level: Level = 'other';
  /** HL01 of the loop being read, and the contexts of the billing-provider and subscriber loops so far, by HL01. */
  private hlId: string | null = null;
  private readonly billingLoops = new Map<string, HlContext>();
  private readonly subscriberLoops = new Map<string, HlContext>();
  private billing: Claim['billingProvider'] = { ...emptyParty(), taxId: null, taxonomy: null };
  private subscriber: Claim['subscriber'] = { ...emptyParty(), payerResponsibility: null, relationship: null, groupNumber: null, filingIndicator: null, birthDate: null, gender: null };
  private patient: Claim['patient'] | undefined;
  private payer: Party = emptyParty();
  private claim: Claim | undefined;
  private line: ClaimLine | undefined;
  /** Inside a claim's other-subscriber (COB, 2320/2330) loops: their NM1s are not this claim's parties. */
  private otherSubscriber = false;
  /** Diagnosis places of the claim's HI segments so far (what SV107 pointers count). */
  private diagnosisPlaces = 0;
  private readonly mismatch: SeparatorMismatch;
  /** The implementation guide (ST03, else GS08) and the claim type it stands for (null: it names neither). */
  private readonly guide: string;
  private readonly guideClaimType: Claim['claimType'] | null;

  constructor(
    header: TransactionHeader,
    private readonly sink: ClaimSink,
    private readonly warn: (warning: Warning) => void,
  ) {
    this.mismatch = new SeparatorMismatch(header.file, warn);
    const version = header.implementationReference || header.group?.version || '';
    if (/X224|X097/.test(version)) {
      // a dental claim: its lines are SV3 (tooth, surface), which this reader does not map
      throw new X12Error(
        'unsupported_transaction',
        { file: header.file, segment: header.position },
        `this 837 is a dental claim (${version}); rcm reads professional (837P) and institutional (837I) claims`,
        'Leave dental 837 files out of the load. Nothing of this file was loaded.',
      );
    }
    this.guide = version;
    this.guideClaimType = /X223|X096/.test(version) ? 'institutional' : /X222|X098/.test(version) ? 'professional' : null;
    this.submission = { header, submittedDate: null, reference: null, submitter: emptyParty(), receiver: emptyParty(), claimCount: 0, endPosition: 0 };
  }

  segment(s: Segment): void {
    const e = new Elements(s, this.submission.header.file, this.warn, this.line?.position ?? this.claim?.position);
    switch (s.id) {
      case 'BHT':
        this.submission.reference = e.text(3);
        this.submission.submittedDate = e.date(4);
        return;
      case 'HL': return this.hl(e);
      case 'NM1': return this.nm1(e);
      case 'PRV':
        if (this.level === 'billing' && !this.claim && e.text(1) === 'BI') this.billing.taxonomy = e.text(3);
        return;
      case 'REF': return this.ref(e);
      case 'SBR': return this.sbr(e);
      case 'DMG': return this.dmg(e);
      case 'CLM': return this.clm(e);
      case 'DTP': return this.dtp(e);
      case 'HI': return this.hi(e);
      case 'LX':
        this.closeLine();
        this.otherSubscriber = false;
        if (this.claim) this.line = this.newLine(e.text(1));
        return;
      case 'SV1': return this.sv1(e);
      case 'SV2': return this.sv2(e);
      default:
    }
  }

  end(trailer: TransactionTrailer): Submission {
    this.closeClaim();
    this.submission.endPosition = trailer.position;
    this.sink.submission(this.submission);
    return this.submission;
  }


  /**
   * An HL starts a loop under its parent (HL02): a subscriber under its billing provider, a patient under
   * its subscriber. Senders nest them in order, but the parent is taken from HL02 when it names one read
   * before, so a loop that comes back to an earlier parent gets that parent's provider and payer.
   */
  private hl(e: Elements): void {
    this.closeClaim();
    this.keepContext();
    const code = e.text(3);
    const parentId = e.text(2);
    this.hlId = e.text(1);
    this.level = code === '20' ? 'billing' : code === '22' ? 'subscriber' : code === '23' ? 'patient' : 'other';
    const parent = parentId === null ? undefined : (this.level === 'subscriber' ? this.billingLoops : this.subscriberLoops).get(parentId);
    if (parent) {
      this.billing = parent.billing;
      if (this.level === 'patient') [this.subscriber, this.payer] = [parent.subscriber, parent.payer];
    } else if (parentId !== null && (this.level === 'subscriber' || this.level === 'patient')) {
      e.warning(`HL02 names parent ${parentId}, which is not a ${this.level === 'subscriber' ? 'billing provider' : 'subscriber'} loop read before; the loop before it is taken as its parent`, 'unexpected_segment');
    }
    if (this.level === 'billing') {
      this.billing = { ...emptyParty(), taxId: null, taxonomy: null };
      this.subscriberLoops.clear();
    }
    if (this.level === 'subscriber') {
      this.subscriber = { ...emptyParty(), payerResponsibility: null, relationship: null, groupNumber: null, filingIndicator: null, birthDate: null, gender: null };
      this.payer = emptyParty();
      this.patient = undefined;
    }
    if (this.level === 'patient') this.patient = { ...emptyParty(), birthDate: null, gender: null };
  }

  /** Remembers what the loop being left gives its children. */
  private keepContext(): void {
    if (this.hlId === null) return;
    const context = { billing: this.billing, subscriber: this.subscriber, payer: this.payer };
    if (this.level === 'billing') this.billingLoops.set(this.hlId, context);
    else if (this.level === 'subscriber') this.subscriberLoops.set(this.hlId, context);
  }

  private nm1(e: Elements): void {
    const entity = e.text(1);
    if (this.otherSubscriber) return;
    const p = party(e);
    if (this.line) {
      if (entity === '82') this.line.renderingProvider = p;
      return;
    }
    if (this.claim) {
      if (entity === '82') this.claim.renderingProvider = p;
      else if (entity === 'DN') this.claim.referringProvider = p;
      else if (entity === '71') this.claim.attendingProvider = p;
      else if (entity === '77' || entity === 'FA') this.claim.serviceFacility = p;
      return;
    }
    if (entity === '41') this.submission.submitter = p;
    else if (entity === '40') this.submission.receiver = p;
    else if (entity === '85') this.billing = { ...this.billing, ...p };
    else if (entity === 'IL') this.subscriber = { ...this.subscriber, ...p };
    else if (entity === 'PR') this.payer = p;
    else if (entity === 'QC') this.patient = { ...(this.patient ?? { birthDate: null, gender: null }), ...p };
  }

  private ref(e: Elements): void {
    const qualifier = e.text(1);
    const value = e.text(2);
    if (this.line) {
      if (qualifier === '6R') this.line.lineControlNumber = value;
      return;
    }
    if (this.claim) {
      if (this.otherSubscriber) return;
      if (qualifier === 'F8') this.claim.originalPayerClaimNumber = value;
      else if (qualifier === 'G1') this.claim.priorAuthorization = value;
      else if (qualifier === 'D9') this.claim.clearinghouseTrace = value;
      else if (qualifier === 'EA') this.claim.medicalRecordNumber = value;
      return;
    }
    if (this.level === 'billing' && (qualifier === 'EI' || qualifier === 'SY')) this.billing.taxId = value;
  }

  private sbr(e: Elements): void {
    if (this.claim) {
      // 2320: another payer's coverage of this claim (coordination of benefits).
      this.otherSubscriber = true;
      return;
    }
    this.subscriber.payerResponsibility = e.text(1);
    this.subscriber.relationship = e.text(2);
    this.subscriber.groupNumber = e.text(3);
    this.subscriber.filingIndicator = e.text(9);
  }

  private dmg(e: Elements): void {
    if (this.claim) return;
    const target = this.level === 'patient' && this.patient ? this.patient : this.subscriber;
    target.birthDate = e.text(1) === 'D8' ? e.date(2) : null;
    target.gender = e.text(3);
  }

  private clm(e: Elements): void {
    this.closeClaim();
    const pcn = e.text(1);
    if (pcn === null) e.warning('CLM01 (patient control number) is empty');
    const facility = e.composite(5, this.mismatch);
    const qualifier = facility[1] || null;
    const claimType = this.claimType(e, qualifier, facility[0] || null);
    const patient = this.patient ?? { ...this.subscriber };
    this.claim = {
      position: e.segment.position,
      claimType,
      patientControlNumber: pcn ?? '',
      charge: e.money(2, true),
      facilityCode: facility[0] || null,
      facilityCodeQualifier: qualifier,
      placeOfService: claimType === 'professional' ? facility[0] || null : null,
      facilityTypeCode: claimType === 'institutional' ? facility[0] || null : null,
      frequencyCode: facility[2] || null,
      billType: claimType === 'institutional' && facility[0] && facility[2] ? `${facility[0]}${facility[2]}` : null,
      originalPayerClaimNumber: null, priorAuthorization: null, clearinghouseTrace: null, medicalRecordNumber: null,
      statementFrom: null, statementTo: null, admissionDate: null,
      billingProvider: { ...this.billing },
      subscriber: { ...this.subscriber },
      patient: { entityType: patient.entityType, lastName: patient.lastName, firstName: patient.firstName, idQualifier: patient.idQualifier, id: patient.id, birthDate: patient.birthDate, gender: patient.gender },
      payer: { ...this.payer },
      renderingProvider: null, referringProvider: null, attendingProvider: null, serviceFacility: null,
      diagnoses: [],
      lines: [],
    };
    this.otherSubscriber = false;
    this.diagnosisPlaces = 0;
  }

  /**
   * The implementation guide decides: 837P (5010 X222, 4010 X098) professional, 837I (X223, X096)
   * institutional; its segments (SV1 or SV2, CL1) follow the guide, whatever CLM05-2 says. CLM05-2 (the
   * facility code qualifier: B place of service, A facility type) decides only when the guide names neither.
   */
  private claimType(e: Elements, qualifier: string | null, facilityCode: string | null): Claim['claimType'] {
    const byQualifier = qualifier === 'A' ? 'institutional' : qualifier === 'B' ? 'professional' : null;
    const byGuide = this.guideClaimType;
    if (byGuide && byQualifier && byGuide !== byQualifier) {
      const code = facilityCode === null ? 'CLM05-1 (empty)' : `CLM05-1 "${facilityCode}"`;
      e.warning(
        `CLM05-2 "${qualifier}" says ${byQualifier === 'professional' ? 'a place of service (837P)' : 'a facility type (837I)'}, but the transaction's `
        + `implementation guide ${this.guide} is ${byGuide === 'professional' ? 'professional (837P)' : 'institutional (837I)'}; read as ${byGuide}, `
        + `${code} as its ${byGuide === 'professional' ? 'place of service' : 'facility type code'}. Ask the sender to correct CLM05-2.`,
      );
    }
    return byGuide ?? byQualifier ?? 'professional';
  }

  /** The dates rcm keeps: the line's service (472), the claim's statement period (434) and admission (435). */
  private dtp(e: Elements): void {
    const qualifier = e.text(1);
    if (this.line) {
      if (qualifier === '472') [this.line.serviceDate, this.line.serviceDateEnd] = e.period();
      return;
    }
    const claim = this.claim;
    if (!claim || this.otherSubscriber) return;
    if (qualifier === '434') [claim.statementFrom, claim.statementTo] = e.period();
    else if (qualifier === '435') claim.admissionDate = e.period()[0];
  }


  /**
   * Diagnoses in their places: SV107 pointers count the diagnosis positions of the HI segments (principal
   * first), so an empty or broken element keeps its place and the codes after it their numbers.
   */
  private hi(e: Elements): void {
    const claim = this.claim;
    if (!claim || this.otherSubscriber) return;
    const elements = Array.from({ length: e.segment.length - 1 }, (_, i) => e.text(i + 1));
    // empty elements after the last hold no place (X12 drops them; some senders leave separators behind)
    while (elements.length > 0 && elements[elements.length - 1] === null) elements.pop();
    const first = elements.find((v) => v !== null);
    const firstQualifier = first ? splitComposite(first, e.segment, this.mismatch)[0] : '';
    const holdsDiagnoses = DIAGNOSIS_QUALIFIERS.has(firstQualifier);
    elements.forEach((composite, i) => {
      const place = holdsDiagnoses ? ++this.diagnosisPlaces : 0;
      if (composite === null) return;
      const [qualifier, code] = splitComposite(composite, e.segment, this.mismatch);
      if (!code) {
        e.warning(`HI${String(i + 1).padStart(2, '0')} "${composite}" has no code (expected qualifier${e.segment.separators.component}code); ignored`);
        return;
      }
      if (!DIAGNOSIS_QUALIFIERS.has(qualifier)) return; // procedure, occurrence, value and condition codes
      claim.diagnoses.push({ sequence: place || claim.diagnoses.length + 1, qualifier, code, isPrincipal: PRINCIPAL.has(qualifier), position: e.segment.position });
    });
  }

  private newLine(lineNumber: string | null): ClaimLine {
    return {
      position: 0, lineNumber, procedureQualifier: null, procedureCode: null, modifiers: [], revenueCode: null, charge: null,
      unitBasis: null, units: null, placeOfService: null, diagnosisPointers: [], serviceDate: null, serviceDateEnd: null,
      lineControlNumber: null, renderingProvider: null, nonCoveredCharge: null,
    };
  }

  private sv1(e: Elements): void {
    const line = this.requireLine(e);
    if (!line) return;
    line.position = e.segment.position;
    this.procedure(line, e, e.text(1));
    line.charge = e.money(2, true);
    line.unitBasis = e.text(3);
    line.units = e.quantity(4);
    line.placeOfService = e.text(5);
    const pointers = e.text(7);
    if (pointers !== null) {
      for (const p of splitComposite(pointers, e.segment, this.mismatch)) {
        const n = Number(p);
        if (Number.isInteger(n) && n >= 1 && n <= 12) line.diagnosisPointers.push(n);
        else if (p !== '') e.warning(`SV107 pointer "${p}" is not a number from 1 to 12; ignored`);
      }
    }
  }

  private sv2(e: Elements): void {
    const line = this.requireLine(e);
    if (!line) return;
    line.position = e.segment.position;
    line.revenueCode = e.text(1);
    this.procedure(line, e, e.text(2));
    line.charge = e.money(3, true);
    line.unitBasis = e.text(4);
    line.units = e.quantity(5);
    line.nonCoveredCharge = e.money(7);
  }

  private procedure(line: ClaimLine, e: Elements, composite: string | null): void {
    if (composite === null) return;
    const parts = splitComposite(composite, e.segment, this.mismatch);
    line.procedureQualifier = parts[0] || null;
    line.procedureCode = parts[1] || null;
    line.modifiers = procedureModifiers(parts);
  }

  private requireLine(e: Elements): ClaimLine | undefined {
    if (this.line && this.line.position > 0) {
      // an LX holds one service; a second one is a line of its own (its charge is the sender's)
      e.warning(`a second ${e.segment.id} in line ${this.line.lineNumber ?? '(no LX number)'} (X12: one per LX); read as a line of its own`, 'unexpected_segment');
      this.closeLine();
      this.line = this.newLine(null);
      return this.line;
    }
    if (this.line) return this.line;
    if (!this.claim) {
      e.warning(`${e.segment.id} outside a claim was ignored`, 'unexpected_segment');
      return undefined;
    }
    e.warning(`${e.segment.id} without an LX line number`, 'unexpected_segment');
    this.line = this.newLine(null);
    return this.line;
  }

  private closeLine(): void {
    if (this.line && this.claim && this.line.position > 0) this.claim.lines.push(this.line);
    this.line = undefined;
  }

  private closeClaim(): void {
    this.closeLine();
    const claim = this.claim;
    if (!claim) return;
    this.claim = undefined;
    this.otherSubscriber = false;
    this.submission.claimCount++;
    this.sink.claim(this.submission, claim);
  }
}

