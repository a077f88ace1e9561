// The raw ERA view of one remittance record of a claim (GET /api/claims/:id/remittances): the payment it
// came in (date, payer, trace number, the payment's total), the claim payment record (CLP: status, charge,
// paid, patient responsibility, payer claim number), the claim-level adjustments (CAS: group, CARC, amount,
// the denial category the crosswalk gives it), remark codes, and the service lines with their own
// adjustments and remarks. A pure function of (record, options) → element.
import { formatDate, formatMoney } from '../../../kernel/format.ts';
import { baseName } from './claim-history.ts';
import { rowsTable } from './rows-table.ts';

import type { EraAdjustment, EraLine, EraRecord } from '../../../kernel/api/claims.ts';

export type { EraAdjustment, EraLine, EraRecord };

export interface EraOptions {
  /** Which of the claim's remittances this is (1-based), for the heading. */
  index: number;
  document?: Document;
}

/** An adjustment as one phrase: "CO 197 $1,400.00 authorization (denial)". */
export function adjustmentText(a: EraAdjustment): string {
  return `${a.group} ${a.reason} ${formatMoney(a.amount)} ${a.category.replaceAll('_', ' ')}${a.is_denial ? ' (denial)' : ''}`;
}

/** Units as sent (a quantity, not money): "1.0000" reads 1. */
const unitsText = (units: string) => (Number.isFinite(Number(units)) ? String(Number(units)) : units);

export function eraRemittance(record: EraRecord, options: EraOptions): HTMLElement {
  const doc = options.document ?? document;
  const box = doc.createElement('section');
  box.className = 'remittance';
  box.dataset.file = record.file_name;
  box.dataset.position = String(record.claim_position);
  const title = doc.createElement('h3');
  title.textContent = `${options.index}. 835 of ${formatDate(record.payment_date)}${record.is_reversal ? ' — reversal' : ''}`;
  box.setAttribute('aria-label', title.textContent);

  const payment = doc.createElement('dl');
  payment.className = 'era-payment';
  const facts: [string, string][] = [
    ['Payer', `${record.payer_name ?? ''}${record.payer_id ? ` (${record.payer_id})` : ''}` || '—'],
    ['Trace number', record.trace_number ?? '—'],
    ['Payment (all claims of the check or EFT)', formatMoney(record.payment_amount)],
    ['File', `${baseName(record.file_name)}, claim record at segment ${record.claim_position}`],
  ];
  for (const [term, text] of facts) {
    const dt = doc.createElement('dt');
    dt.textContent = term;
    const dd = doc.createElement('dd');
    dd.textContent = text;
    payment.append(dt, dd);
  }

  const claim = rowsTable([record], {
    caption: 'claim payment records (CLP)', singular: 'claim payment record (CLP)', document: doc,
    columns: [
      { name: 'patient_control_number', label: 'Claim number' },
      { name: 'status_code', label: 'Status (CLP02)' },
      { name: 'charge', label: 'Charge', type: 'money' },
      { name: 'paid', label: 'Paid', type: 'money' },
      { name: 'patient_responsibility', label: 'Patient responsibility', type: 'money' },
      { name: 'payer_claim_number', label: 'Payer claim number' },
    ],
  });
  claim.classList.add('era-claim');

  const adjustments = rowsTable(record.adjustments, {
    caption: 'claim-level adjustments (CAS)', singular: 'claim-level adjustment (CAS)', document: doc, empty: 'No claim-level adjustment.',
    columns: [
      { name: 'group', label: 'Group' },
      { name: 'reason', label: 'CARC' },
      { name: 'amount', label: 'Amount', type: 'money' },
      { name: 'quantity', label: 'Quantity' },
      { name: 'category', label: 'Category', value: (a) => a.category.replaceAll('_', ' ') },
      { name: 'is_denial', label: 'Denial', type: 'bool' },
    ],
  });
  adjustments.classList.add('era-adjustments');

  const remarks = doc.createElement('p');
  remarks.className = 'era-remarks';
  remarks.textContent = `Claim remark codes (MOA/MIA): ${record.remarks.length ? record.remarks.join(' ') : 'none'}`;

  const lines = rowsTable(record.lines, {
    caption: 'service lines (SVC)', singular: 'service line (SVC)', document: doc, empty: 'No service line in this record (the payer answered for the whole claim).',
    columns: [
      { name: 'line_control_number', label: 'Line' },
      { name: 'procedure_code', label: 'Procedure' },
      { name: 'modifiers', label: 'Modifiers', type: 'list' },
      { name: 'service_date', label: 'Service date', type: 'date' },
      { name: 'units', label: 'Units', value: (l) => unitsText(l.units) },
      { name: 'charge', label: 'Charge', type: 'money' },
      { name: 'allowed', label: 'Allowed', type: 'money' },
      { name: 'paid', label: 'Paid', type: 'money' },
      { name: 'adjustments', label: 'Adjustments (CAS)', className: 'wrap', value: (l) => l.adjustments.map(adjustmentText).join('; ') },
      { name: 'remarks', label: 'Remarks (LQ)', type: 'list' },
    ],
  });
  lines.classList.add('era-lines');

  box.append(title, payment, claim, adjustments, remarks, lines);
  return box;
}
