// The files of the demo's hand-made fixture (demo/files/test-fixture.ts) in the order they would arrive: 837Ps,
// their 999s and 277CAs, 835s and the two CSV exports, written by the demo's own writers. Small enough to load
// in a second; every file loads without a warning (demo/files/load.test.ts).
import * as F from '../../demo/files/test-fixture.ts';
import { batchId837, write837P } from '../../demo/files/write-837.ts';
import { write999 } from '../../demo/files/write-999.ts';
import { write277CA } from '../../demo/files/write-277ca.ts';
import { write835 } from '../../demo/files/write-835.ts';
import { writeChargesCsv, writePostingsCsv } from '../../demo/files/write-csv.ts';

const P = F.PRACTICE;

/** [file name, text] of each file. */
export function fixtureFiles(): [string, string][] {
  const ack = (group: number, sets: ('A' | 'R')[], n: number, date: string) =>
    write999(P, { group, sets: sets.map((status, i) => ({ controlNumber: `000${i + 1}`, status })) }, { interchange: n, group: n }, date);
  return [
    ['01-charges.csv', writeChargesCsv([F.C6], F.payerName)],
    ['02-claims.837', write837P(P, F.FILE1, { interchange: 101, group: 101, fileDate: '2024-03-01' })],
    ['03-ack.999', ack(101, ['A', 'R'], 201, '2024-03-02')],
    ['04-ack.277', write277CA(P, F.STATUSES1, { interchange: 301, group: 301 }, '2024-03-03', batchId837(101), F.claimOf)],
    ['05-claims.837', write837P(P, F.FILE2, { interchange: 102, group: 102, fileDate: '2024-03-05' })],
    ['06-ack.999', ack(102, ['A'], 202, '2024-03-06')],
    ['07-ack.277', write277CA(P, F.STATUSES2, { interchange: 302, group: 302 }, '2024-03-07', batchId837(102), F.claimOf)],
    ['08-acme.835', write835(P, F.REMIT_ACME_1, { interchange: 401, group: 401 }, F.claimOf)],
    ['09-claims.837', write837P(P, F.FILE3, { interchange: 103, group: 103, fileDate: '2024-03-20' })],
    ['10-ack.999', ack(103, ['A'], 203, '2024-03-21')],
    ['11-ack.277', write277CA(P, F.STATUSES3, { interchange: 303, group: 303 }, '2024-03-22', batchId837(103), F.claimOf)],
    ['12-medicare.835', write835(P, F.REMIT_MEDICARE, { interchange: 402, group: 402 }, F.claimOf)],
    ['13-medicaid.835', write835(P, F.REMIT_MEDICAID, { interchange: 403, group: 403 }, F.claimOf)],
    ['14-acme.835', write835(P, F.REMIT_ACME_2, { interchange: 404, group: 404 }, F.claimOf)],
    ['15-postings.csv', writePostingsCsv(F.POSTINGS, F.payerName, (id) => F.claimOf(id).payerId)],
  ];
}
