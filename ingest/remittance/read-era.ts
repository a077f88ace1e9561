// Reads a whole 835 file into memory for the ERA viewer (`rcm era show`). The loader does not use
// this: it streams claims straight into the warehouse.
import { X12Error, type Warning } from '../x12/diagnostics.ts';
import { readX12Bytes, readX12File, type ReadSummary } from '../x12/reader.ts';
import type { X12Visitor } from '../x12/envelope.ts';
import { TransactionRouter } from '../transaction-router.ts';
import { Remittance835Mapper } from './map-835.ts';
import type { ClaimPayment, Remittance } from './remittance.ts';

export interface EraRead {
  remittances: { remittance: Remittance; claims: ClaimPayment[]; warnings: Warning[] }[];
  error: X12Error | undefined;
}

export function readEra(path: string, name = path): Promise<EraRead> {
  return collectEra((visitor) => readX12File(path, visitor, name), name);
}

export function readEraBytes(bytes: Uint8Array, name: string): Promise<EraRead> {
  return collectEra((visitor) => readX12Bytes(bytes, visitor, name), name);
}

async function collectEra(read: (visitor: X12Visitor) => Promise<ReadSummary>, name: string): Promise<EraRead> {
  const remittances: EraRead['remittances'] = [];
  let claims: ClaimPayment[] = [];
  let warnings: Warning[] = [];
  const sink = {
    claim: (_: Remittance, claim: ClaimPayment) => claims.push(claim),
    remittance: (remittance: Remittance) => {
      remittances.push({ remittance, claims, warnings });
      claims = [];
      warnings = [];
    },
  };
  // the viewer shows the 835s of a file that also holds other types (rcm ingest loads those)
  const router = new TransactionRouter({ '835': (header) => new Remittance835Mapper(header, sink, (w) => warnings.push(w)) }, (w) => warnings.push(w), undefined, 'skip');
  let error: X12Error | undefined;
  try {
    await read(router);
  } catch (e) {
    if (!(e instanceof X12Error)) throw e;
    error = e;
  }
  if (remittances.length === 0 && !error) {
    const skipped = warnings.filter((w) => w.code === 'unexpected_segment').map((w) => w.message);
    error = new X12Error('unsupported_transaction', { file: name }, `the file holds no 835 remittance${skipped.length > 0 ? ` (${skipped.join('; ')})` : ''}`, 'rcm era show reads 835 files; rcm ingest loads the other types.');
  }
  // Envelope warnings after the last SE (GE/IEA checks) belong to the last remittance.
  if (warnings.length > 0 && remittances.length > 0) remittances[remittances.length - 1].warnings.push(...warnings);
  return { remittances, error };
}
