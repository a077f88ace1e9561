// The clearinghouse's 999 (005010X231A1) for one 837 file: a disposition per transaction set and one for
// the group. A rejected set carries one illustrative error: the subscriber's id (NM109 of 2010BA).
import type { IsoDate, Practice } from '../model.ts';
import { interchange, setControlNumber, TransactionSet, type FileControl } from './x12-writer.ts';
import { VERSION_837P } from './write-837.ts';

export const VERSION_999 = '005010X231A1';

/**
 * Where write837P puts the first subscriber NM1 of a transaction set: ST, BHT, NM1*41, PER, NM1*40,
 * HL*1, NM1*85, N3, N4, REF*EI, HL*2, SBR, NM1*IL.
 */
const FIRST_SUBSCRIBER_NM1 = 13;

/**
 * The one illustrative error a rejected set carries: IK3 on the first subscriber NM1 with IK304 8 (segment has
 * data element errors), IK4 on its element 9 (reference 67, NM109) with IK403 7 (invalid code value), IK5 R with 5
 * (one or more segments in error).
 */
export const REJECTED_SET = { segment: 'NM1', segmentError: '8', elementPosition: 9, elementReference: 67, elementError: '7', setError: '5' } as const;

export interface AcknowledgedGroup {
  /** GS06 of the 837 file. */
  group: number;
  /** One per transaction set of that file: its ST02 and IK501. */
  sets: { controlNumber: string; status: 'A' | 'E' | 'R' }[];
}

export function write999(practice: Practice, acknowledged: AcknowledgedGroup, control: FileControl, fileDate: IsoDate): string {
  if (acknowledged.sets.length === 0) throw new Error(`a 999 for group ${acknowledged.group} needs at least one transaction set`);
  const st = new TransactionSet('999', setControlNumber(1), VERSION_999).add('AK1', 'HC', acknowledged.group, VERSION_837P);
  for (const set of acknowledged.sets) {
    st.add('AK2', '837', set.controlNumber, VERSION_837P);
    if (set.status === 'R') {
      const e = REJECTED_SET;
      st.add('IK3', e.segment, FIRST_SUBSCRIBER_NM1, '2010BA', e.segmentError).add('IK4', e.elementPosition, e.elementReference, e.elementError);
      st.add('IK5', 'R', e.setError);
    } else {
      st.add('IK5', set.status);
    }
  }
  const received = acknowledged.sets.length;
  const accepted = acknowledged.sets.filter((s) => s.status !== 'R').length;
  st.add('AK9', groupStatus(acknowledged.sets.map((s) => s.status)), received, received, accepted);
  return interchange(
    // The clearinghouse answers the submitter: sender and receiver of the 837 swap places.
    { sender: practice.receiverId, receiver: practice.submitterId, functionalId: 'FA', version: VERSION_999, date: fileDate, control },
    [st.close()],
  );
}

/** AK901: A all accepted, E all accepted but some with errors, R none accepted, P some. */
function groupStatus(statuses: ('A' | 'E' | 'R')[]): 'A' | 'E' | 'P' | 'R' {
  const rejected = statuses.filter((s) => s === 'R').length;
  if (rejected === statuses.length) return 'R';
  if (rejected > 0) return 'P';
  return statuses.includes('E') ? 'E' : 'A';
}
