// The monthly close package's own reads (reports/monthly/): what the metrics registry does not answer. Each
// takes a `Scoped` reader, which runs a statement inside the reader's practice scope (reports/monthly/context.ts),
// or the live warehouse for what is decided before the package is computed (close date, practices, snapshot).
import type { Row, Warehouse } from '../database.ts';
import { claimsOn } from '../metrics/ar.ts';
import { sqlString } from '../sql.ts';
import { between, type Window } from '../metrics/window.ts';
import { dateLiteral } from '../sql.ts';

/** Runs a statement over the marts inside the package's practice scope. */
export interface Scoped {
  all<T extends Row = Row>(sql: string): Promise<T[]>;
}

/** A month (or any run of days), both ends included. */
export interface Days {
  from: string;
  to: string;
}

const windowOf = ({ from, to }: Days): Window => ({ asOf: to, from, to });

/** The earliest date any event in scope carries (null: none). */
export async function firstEventDate(r: Scoped): Promise<string | null> {
  const [row] = await r.all<{ d: string | null }>(
    "SELECT strftime(min(d), '%Y-%m-%d') AS d FROM (SELECT min(valid_from) AS d FROM mart_claim_balance UNION ALL SELECT min(cash_date) FROM mart_cash)",
  );
  return row?.d ?? null;
}

export type Named = { id: string; name: string };

/** Payer names from the practices' own 835s. */
export async function payerNames(r: Scoped): Promise<Named[]> {
  return r.all<Named>(
    `SELECT payer_id AS id, min(payer_name) AS name FROM stg_remit_payment
     WHERE payer_id IS NOT NULL AND payer_name IS NOT NULL AND file_id IN (SELECT file_id FROM mart_file_practice) GROUP BY 1`,
  );
}

/** Rendering provider names from the practices' own 837s. */
export async function providerNames(r: Scoped): Promise<Named[]> {
  return r.all<Named>(
    `SELECT rendering_provider_npi AS id, min(rendering_provider_name) AS name FROM claim
     WHERE rendering_provider_npi IS NOT NULL AND rendering_provider_name IS NOT NULL AND file_id IN (SELECT file_id FROM mart_file_practice) GROUP BY 1`,
  );
}

export type AdjustmentGroupRow = {
  group_code: string; reason_code: string; category: string; is_denial: boolean; entries: bigint; claims: bigint; amount: string; group_label: string | null; category_label: string | null;
};
export type AdjustmentTotal = { entries: bigint; claims: bigint; amount: string };

/**
 * CAS amounts on the claim records adjudicated in the days, by group, CARC and category, and their total:
 * the records the models count (int_adjudication), a reversal without its original left out.
 */
export async function adjustmentsByGroupAndReason(r: Scoped, days: Days): Promise<{ rows: AdjustmentGroupRow[]; total: AdjustmentTotal }> {
  const counted = `${between('r.adjudication_date', windowOf(days))} AND NOT r.is_orphan_reversal`;
  const rows = await r.all<AdjustmentGroupRow>(
    `SELECT a.group_code, a.reason_code, a.category, a.is_denial, count(*) AS entries, count(DISTINCT r.claim_id) AS claims, sum(a.amount)::VARCHAR AS amount,
            any_value(g.label) AS group_label, any_value(k.label) AS category_label
     FROM stg_remit_adjustment a
     JOIN int_adjudication r USING (file_id, claim_position)
     JOIN mart_claim c USING (claim_id)
     LEFT JOIN ref_adjustment_group g ON g.code = a.group_code
     LEFT JOIN ref_denial_category k ON k.category = a.category
     WHERE ${counted}
     GROUP BY a.group_code, a.reason_code, a.category, a.is_denial
     ORDER BY a.group_code, try_cast(a.reason_code AS INTEGER) NULLS LAST, a.reason_code, a.category`,
  );
  const [total] = await r.all<AdjustmentTotal>(
    `SELECT count(*) AS entries, count(DISTINCT r.claim_id) AS claims, coalesce(sum(a.amount), 0)::VARCHAR AS amount
     FROM stg_remit_adjustment a JOIN int_adjudication r USING (file_id, claim_position) JOIN mart_claim c USING (claim_id)
     WHERE ${counted}`,
  );
  return { rows, total };
}

/**
 * Write-offs posted in the window on claims denied on or before the posting (final_denial_rate's
 * numerator), each with the denial categories of the claim's denied lines up to that day.
 */
/**
 * The denial write-offs of the window net of later recoveries (mart_adjustment, class denial: the registry's
 * denial_write_offs and final_denial_rate numerator), each with its claim's payer and the categories of the
 * claim's first adjudication.
 */
function denialWriteOffs(w: Window): string {
  return `SELECT claim_id, payer_id, kind, amount, denial_categories AS categories FROM mart_adjustment WHERE adjustment_class = 'denial' AND ${between('event_date', w)}`;
}

export type WriteOffs = { claims: bigint; amount: string };

/** Claims written off after a denial in the days: a recovery alone writes off no claim. */
const WRITTEN_OFF_CLAIMS = "count(DISTINCT claim_id) FILTER (WHERE kind <> 'recovery')";

/** The denial write-offs of the days by payer or by denial category (a claim in each of its categories); key null: none. */
export async function finalDenialWriteOffsBy(r: Scoped, days: Days, key: 'payer' | 'category'): Promise<(WriteOffs & { key: string | null })[]> {
  const keyed = key === 'payer' ? 'SELECT payer_id AS key, claim_id, kind, amount FROM f' : 'SELECT unnest(categories) AS key, claim_id, kind, amount FROM f';
  return r.all<WriteOffs & { key: string | null }>(
    `WITH f AS (${denialWriteOffs(windowOf(days))}) SELECT key, ${WRITTEN_OFF_CLAIMS} AS claims, sum(amount)::VARCHAR AS amount FROM (${keyed}) GROUP BY 1`,
  );
}

export async function finalDenialWriteOffTotal(r: Scoped, days: Days): Promise<WriteOffs> {
  const [row] = await r.all<WriteOffs>(`SELECT ${WRITTEN_OFF_CLAIMS} AS claims, coalesce(sum(amount), 0)::VARCHAR AS amount FROM (${denialWriteOffs(windowOf(days))})`);
  return row;
}

export type DenialCategory = { category: string; label: string; avoidable: boolean | null; owner_team: string | null; sort_order: number | null };

/** The denial categories of the reference data, with their attributes. */
export async function denialCategories(r: Scoped): Promise<DenialCategory[]> {
  return r.all<DenialCategory>('SELECT category, label, avoidable, owner_team, sort_order FROM ref_denial_category');
}

/**
 * Each front-end rejection reason code with our own words for it, as mart_rejection lists them ('code: words';
 * a code holds colons, never a colon and a space).
 */
export async function rejectionReasonWords(r: Scoped): Promise<{ code: string; words: string }[]> {
  return r.all<{ code: string; words: string }>(
    `SELECT split_part(reason, ': ', 1) AS code, min(substr(reason, strpos(reason, ': ') + 2)) AS words
     FROM (SELECT unnest(reasons) AS reason FROM mart_rejection WHERE reasons IS NOT NULL) GROUP BY 1`,
  );
}

/** The claims' rendering providers or locations that have money in (not contractuals) in the days. */
export async function collectionClaimValues(r: Scoped, days: Days, column: 'rendering_npi' | 'location'): Promise<string[]> {
  const rows = await r.all<{ v: string }>(
    `SELECT DISTINCT c.${column} AS v FROM mart_cash m JOIN mart_claim c USING (claim_id)
     WHERE m.kind <> 'contractual' AND ${between('m.cash_date', windowOf(days))} AND c.${column} IS NOT NULL ORDER BY 1`,
  );
  return rows.map((row) => row.v);
}

/** Balances on the date of claims whose date of service is after it (or unknown): open, yet not A/R. */
export async function balanceBeforeService(r: Scoped, date: string): Promise<string> {
  const [row] = await r.all<{ other: string }>(
    `SELECT coalesce(sum(total_balance), 0)::VARCHAR AS other FROM (${claimsOn({ asOf: date, from: date, to: date }, {})})
     WHERE total_balance > 0 AND (service_date IS NULL OR service_date > ${dateLiteral(date)})`,
  );
  return row.other;
}

/** The balance events of the days, summed by roll-forward kind; payer adjustments and write-offs by their adjustment class. */
export async function balanceMovements(r: Scoped, days: Days): Promise<{ kind: string; amount: string }[]> {
  return r.all<{ kind: string; amount: string }>(
    `SELECT coalesce(e.adjustment_class, e.kind) AS kind, sum(e.total_change)::VARCHAR AS amount FROM int_balance_event e JOIN mart_claim c USING (claim_id)
     WHERE ${between('e.event_date', windowOf(days))} GROUP BY 1`,
  );
}

/** The condition on ingest_file that a file was loaded on or before the day (null: every file loaded so far). */
export function loadedBy(closeDate: string | null, alias = ''): string {
  if (closeDate === null) return 'true';
  const dayAfter = new Date(Date.parse(`${closeDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return `${alias}loaded_at < ${dateLiteral(dayAfter)}`;
}

export type LateEvent = { file_name: string; loaded_at: string; content_type: string; event: string; claims: bigint; change: string };

/** The claim events dated in the days that came in files loaded after the close date, by file and event. */
export async function eventsLoadedAfter(r: Scoped, days: Days, closeDate: string): Promise<LateEvent[]> {
  return r.all<LateEvent>(
    `SELECT f.file_name, strftime(f.loaded_at, '%Y-%m-%d %H:%M:%S') AS loaded_at, f.content_type, e.event,
            count(DISTINCT e.claim_id) AS claims, sum(e.balance_delta)::VARCHAR AS change
     FROM mart_claim_history e JOIN mart_claim c USING (claim_id) JOIN ingest_file f ON f.file_id = e.file_id
     WHERE ${between('e.event_date', windowOf(days))} AND NOT (${loadedBy(closeDate, 'f.')})
     GROUP BY ALL ORDER BY loaded_at, file_name, event`,
  );
}

export async function hasTable(w: Warehouse, name: string): Promise<boolean> {
  return (await w.one<{ n: bigint }>('SELECT count(*) AS n FROM information_schema.tables WHERE table_name = $1 AND table_catalog = current_database()', [name]))!.n > 0n;
}

const practiceList = (practices: readonly string[]) => practices.map(sqlString).join(', ');

/** The day of the first load of any file, or of these practices' files (the marts must be built for those). */
export async function firstLoadDate(w: Warehouse, practices: readonly string[] | undefined): Promise<string | null> {
  const files = practices === undefined ? 'SELECT file_id FROM ingest_file' : `SELECT file_id FROM mart_file_practice WHERE billing_npi IN (${practiceList(practices)})`;
  return (await w.one<{ d: string | null }>(`SELECT strftime(min(loaded_at), '%Y-%m-%d') AS d FROM ingest_file WHERE file_id IN (${files})`))?.d ?? null;
}

/** Those of the practices that have files in the warehouse. */
export async function practicesWithFiles(w: Warehouse, practices: readonly string[]): Promise<Set<string>> {
  return new Set((await w.all<{ npi: string }>(`SELECT DISTINCT billing_npi AS npi FROM mart_file_practice WHERE billing_npi IN (${practiceList(practices)})`)).map((r) => r.npi));
}

/** Whether the last build came after the last load. */
export async function builtAfterLastLoad(w: Warehouse): Promise<boolean> {
  const row = await w.one<{ fresh: boolean }>('SELECT (SELECT max(built_at) FROM model_build) >= coalesce((SELECT max(loaded_at) FROM ingest_file), TIMESTAMP \'1970-01-01\') AS fresh');
  return row?.fresh === true;
}

/** Whether any file was loaded after the close date. */
export async function anyLoadedAfter(w: Warehouse, closeDate: string): Promise<boolean> {
  return (await w.one<{ n: bigint }>(`SELECT count(*) AS n FROM ingest_file WHERE NOT (${loadedBy(closeDate)})`))!.n > 0n;
}

/** What the numbers were computed with: the models' hash and each reference file's SHA-256. */
export async function buildProvenance(w: Warehouse): Promise<{ modelsHash: string | null; reference: { name: string; sha256: string }[] }> {
  const models = await w.one<{ models_hash: string }>('SELECT models_hash FROM model_build');
  const reference = await w.all<{ name: string; sha256: string }>('SELECT name, sha256 FROM ref_version ORDER BY name');
  return { modelsHash: models?.models_hash ?? null, reference };
}

/** The billing providers' names the claims give for these NPIs. */
export async function billingProviderNames(w: Warehouse, practices: readonly string[]): Promise<{ npi: string; name: string | null }[]> {
  return w.all<{ npi: string; name: string | null }>(
    `SELECT billing_provider_npi AS npi, min(billing_provider_name) AS name FROM claim WHERE billing_provider_npi IN (${practiceList(practices)}) GROUP BY 1`,
  );
}

export type AllowedByPayerCode = { payer_id: string; procedure_code: string | null; actual_allowed: string; overpaid_lines: bigint };

/**
 * Per payer and procedure code, the lines a fee schedule prices that were adjudicated in the days and stand at
 * their last day (metrics.md, "Expected payment"; the population of the registry's expected_allowed): their
 * actual allowed, and how many were overpaid beyond the tolerance. The registry has no measure of either.
 */
export async function allowedByPayerCode(r: Scoped, days: Days): Promise<AllowedByPayerCode[]> {
  return r.all<AllowedByPayerCode>(
    `SELECT payer_id, procedure_code, sum(actual_allowed)::DECIMAL(18,2)::VARCHAR AS actual_allowed, count(*) FILTER (WHERE status = 'overpaid') AS overpaid_lines
     FROM mart_expected_payment
     WHERE ${between('adjudication_date', windowOf(days))} AND (reversed_date IS NULL OR reversed_date > ${dateLiteral(days.to)})
       AND status IN ('underpaid', 'overpaid', 'as_expected')
     GROUP BY ALL ORDER BY payer_id, procedure_code`,
  );
}
