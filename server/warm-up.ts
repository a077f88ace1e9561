// Before the server listens, it reads one claim the way the claim page does (look-up, history, 835
// records). DuckDB then loads those tables' metadata and blocks, and V8 compiles the code, for a claim
// nobody asked for rather than for the first claim a person opens, whose first read in a new process
// would otherwise take about twice as long as the next (answers are not cached by this).
import type { Warehouse } from '../warehouse/database.ts';
import { claimRemittances } from '../warehouse/queries/claim-remittances.ts';
import { visibleClaim } from './routes/claims.ts';
import { claimHistory, someRemittedClaim } from '../warehouse/queries/claims.ts';

/** Reads the first claim with an 835 record, as the claim routes do; a warehouse without one (empty, or models not built) is skipped. */
export async function warmUp(reader: Warehouse): Promise<void> {
  const any = await someRemittedClaim(reader);
  if (any === undefined) return;
  const claimId = await visibleClaim(reader, any, undefined);
  await claimHistory(reader, claimId);
  await claimRemittances(reader, claimId);
}
