// /api/claims/:patientControlNumber: one claim's history (submissions, acknowledgments, adjudications,
// postings, with the balance after each). Patient-level: the claim must belong to one of the reader's
// practices, else it does not exist for them (404, the same answer as an unknown number); every read is audited.
import { Hono } from 'hono';
import type { Warehouse } from '../../warehouse/database.ts';
import { claimHistory, findClaims } from '../../ingest/loader/claim-history.ts';
import { scopeToPractices } from '../../warehouse/metrics/practice-scope.ts';
import type { AppEnv } from '../auth/require-user.ts';
import { recordAudit } from '../auth/audit.ts';
import { httpError } from '../http-error.ts';
import { requireView } from '../auth/roles.ts';

/** A patient control number (CLM01: up to 38 characters), optionally "@NPI" when two billing providers use it. */
const CLAIM_NUMBER = /^[A-Za-z0-9._\-/]{1,38}(@[0-9]{10})?$/;

export function claimRoutes(warehouse: Warehouse, serialized: <T>(work: () => Promise<T>) => Promise<T>): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/claims/:id', requireView('claim_detail'), async (c) => {
    const id = c.req.param('id');
    if (!CLAIM_NUMBER.test(id)) throw httpError(400, 'bad_request', 'a patient control number is 1–38 letters, digits or . _ - /, optionally followed by @ and a billing NPI');
    const body = await serialized(async () => {
      const visible = [];
      for (const match of await findClaims(warehouse, id)) {
        if (await warehouse.one(scopeToPractices('SELECT 1 FROM mart_claim WHERE claim_id = $1', c.get('practices')), [match.claim_id])) visible.push(match.claim_id);
      }
      if (visible.length === 0) throw httpError(404, 'not_found', `no claim ${id}`);
      if (visible.length > 1) throw httpError(409, 'ambiguous_claim', `${id} names ${visible.length} claims of different billing providers: ${visible.join(', ')}; ask for one of them`);
      const events = await claimHistory(warehouse, visible[0]);
      await recordAudit(warehouse, c.get('user'), '/api/claims/:id', { id }, events.length);
      return { claim_id: visible[0], events: events.map((e) => ({ ...e, position: Number(e.position) })) };
    });
    return c.json(body);
  });
  return app;
}
