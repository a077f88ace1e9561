// The text view of `rcm era show`: one remittance after another, claims with their lines and
// group-reason adjustments, as a biller reads an ERA.
import Table from 'cli-table3';
import type { Adjustment, ClaimPayment, Person, Remark, Remittance } from '../ingest/remittance/remittance.ts';
import { payeeNpi, payeeTaxId, payerId } from '../ingest/remittance/remittance.ts';
import type { EraRead } from '../ingest/remittance/read-era.ts';
import type { Warning } from '../ingest/x12/diagnostics.ts';
import { money } from './kit/format.ts';

/** Our own short labels for CLP02 claim status codes. */
const CLAIM_STATUS: Record<string, string> = {
  '1': 'primary', '2': 'secondary', '3': 'tertiary', '4': 'denied', '19': 'primary, forwarded', '20': 'secondary, forwarded',
  '21': 'tertiary, forwarded', '22': 'REVERSAL of a previous payment', '23': 'not our claim, forwarded', '25': 'predetermination only',
};

export function renderEra(read: EraRead, file: string): string {
  const out: string[] = [];
  for (const { remittance, claims, warnings } of read.remittances) out.push(renderRemittance(remittance, claims, warnings));
  if (read.remittances.length === 0 && !read.error) out.push(`${file}: no remittance found\n`);
  if (read.error) {
    out.push(`ERROR ${read.error.message}\n  what to do: ${read.error.hint}\n`);
    if (read.remittances.length > 0) out.push(`(the ${read.remittances.length} remittance(s) above were read before the error; rcm ingest rejects the whole file)\n`);
  }
  return out.join('\n');
}

function renderRemittance(r: Remittance, claims: ClaimPayment[], warnings: Warning[]): string {
  const p = r.payment;
  const lines: string[] = [];
  lines.push(`Remittance ${r.header.controlNumber} (${r.header.transactionType} ${r.header.implementationReference || r.header.group?.version || ''}, segment ${r.header.position})`.replace(/ \)/, ')'));
  lines.push(`  Payment   ${money(p.amount)} ${p.creditDebit === 'D' ? 'debit' : 'credit'}  ${p.method ?? ''}  ${p.date ?? 'no date'}  trace ${p.traceNumber ?? '—'}${p.handlingCode ? `  (handling ${p.handlingCode})` : ''}`);
  lines.push(`  Payer     ${r.payer.name ?? '—'}  id ${payerId(r) ?? '—'}`);
  const npi = payeeNpi(r);
  const tin = payeeTaxId(r);
  lines.push(`  Payee     ${r.payee.name ?? '—'}${npi ? `  NPI ${npi}` : ''}${tin ? `  TIN ${tin}` : ''}`);
  lines.push(`  ${claims.length} claim(s), paid ${money(r.claimPaidTotal)}`);
  for (const claim of claims) lines.push('', ...renderClaim(claim));
  if (r.providerAdjustments.length > 0) {
    lines.push('', '  Provider-level adjustments (PLB)');
    for (const a of r.providerAdjustments) {
      lines.push(`    ${a.reason}${a.reference ? ` ref ${a.reference}` : ''}  ${money(a.amount)}  provider ${a.providerId ?? '—'}  fiscal period ${a.fiscalPeriodDate ?? '—'}`);
    }
  }
  if (warnings.length > 0) {
    lines.push('', `  Warnings (${warnings.length})`);
    for (const w of warnings) lines.push(`    segment ${w.segment ?? '—'}: ${w.message}`);
  }
  return `${lines.join('\n')}\n`;
}

function renderClaim(c: ClaimPayment): string[] {
  const status = (c.statusCode !== null && CLAIM_STATUS[c.statusCode]) || 'status unknown';
  const out = [
    `  Claim ${c.patientControlNumber}  status ${c.statusCode ?? '—'} (${status})  payer claim # ${c.payerClaimNumber ?? '—'}  filing ${c.filingIndicator ?? '—'}`,
    `    patient ${name(c.patient)}${c.renderingProvider ? `   rendering ${name(c.renderingProvider)}` : ''}${c.statementFrom ? `   dates ${c.statementFrom}${c.statementTo ? ` – ${c.statementTo}` : ''}` : ''}`,
    `    charge ${money(c.charge)}   paid ${money(c.paid)}   patient responsibility ${money(c.patientResponsibility)}`,
  ];
  if (c.adjustments.length > 0) out.push(`    claim adjustments: ${adjustments(c.adjustments)}`);
  if (c.remarks.length > 0) out.push(`    remarks: ${remarks(c.remarks)}`);
  if (c.lines.length > 0) {
    const table = new Table({ head: ['procedure', 'modifiers', 'date', 'units', 'charge', 'paid', 'adjustments', 'remarks'], style: { head: [], border: [] } });
    for (const l of c.lines) {
      const code = `${l.procedure.qualifier ?? ''} ${l.procedure.code ?? '—'}`.trim();
      const original = l.originalProcedure?.code ? ` (billed ${l.originalProcedure.code})` : '';
      table.push([code + original, l.procedure.modifiers.map((m) => m ?? '-').join(' '), l.serviceDate ?? l.serviceStart ?? '', l.units, money(l.charge), money(l.paid), adjustments(l.adjustments), remarks(l.remarks)]);
    }
    out.push(...table.toString().split('\n').map((line) => `    ${line}`));
  }
  return out;
}

const adjustments = (list: Adjustment[]) => list.map((a) => `${a.group}-${a.reason} ${money(a.amount)}${a.quantity ? ` ×${a.quantity}` : ''}`).join('; ');
const remarks = (list: Remark[]) => list.map((r) => r.code).join(' ');
const name = (p: Person | null) => (p ? [p.lastName, p.firstName].filter(Boolean).join(', ') || p.id || '—' : '—');
