// The API's table answers (claims, ingest batches, files, errors, remittance problems): each column declared
// once with its type, so that JSON, CSV and Arrow agree (server/table-response.ts) and the row type follows.
// A value may be null unless its table says its query never leaves it empty; money is an exact decimal
// string, a count a number, a list an array of text.
import { z } from 'zod';
import { Money } from './common.ts';

export type ColumnType = 'text' | 'date' | 'money' | 'int' | 'bool' | 'list';
export type Columns = Record<string, ColumnType>;

const VALUE = {
  text: () => z.string(),
  date: () => z.string().meta({ format: 'date' }),
  money: () => Money,
  int: () => z.number().int(),
  bool: () => z.boolean(),
  list: () => z.array(z.string()),
} as const;
type Value<T extends ColumnType> = ReturnType<(typeof VALUE)[T]>;
type RowShape<C extends Columns, N extends keyof C> = { [K in keyof C]: K extends N ? Value<C[K]> : z.ZodNullable<Value<C[K]>> };

/** One row of a table: every column, each nullable but those its query never leaves empty. */
export function tableRow<C extends Columns, N extends keyof C & string = never>(columns: C, id: string, notNull: readonly N[] = []) {
  const shape = Object.fromEntries(Object.entries(columns).map(([name, type]) => [name, (notNull as readonly string[]).includes(name) ? VALUE[type]() : VALUE[type]().nullable()]));
  return z.object(shape as RowShape<C, N>).meta({ id });
}

/** A table as JSON: the columns with their types, the rows, the count of rows matching, and what else the route adds. */
export function tableAnswer<C extends Columns, E extends z.ZodRawShape, N extends keyof C & string = never>(columns: C, row: string, extra: E, notNull: readonly N[] = []) {
  const types = Object.fromEntries(Object.entries(columns).map(([name, type]) => [name, z.literal(type)])) as { [K in keyof C]: z.ZodLiteral<C[K]> };
  return z.object({
    ...extra,
    total: z.number().int().describe('rows matching, over all pages'),
    columns: z.object(types).describe('each column with its type'),
    rows: z.array(tableRow(columns, row, notNull)),
  });
}

export const CLAIM_LIST_COLUMNS = {
  claim_id: 'text', practice: 'text', payer_id: 'text', payer_name: 'text', provider: 'text', provider_name: 'text', location: 'text',
  service_date: 'date', first_submitted_date: 'date', first_adjudicated_date: 'date', resolved_date: 'date',
  charge: 'money', first_paid: 'money', balance: 'money', insurance_balance: 'money', patient_balance: 'money',
  age_days: 'int', aging_bucket: 'text', first_denied: 'bool', denial_categories: 'list', denial_carcs: 'list', first_rejected: 'bool',
} as const satisfies Columns;

export const INGEST_BATCH_COLUMNS = {
  batch_id: 'int', started_at: 'text', finished_at: 'text', files: 'int', claims: 'int', warnings: 'int', files_rejected: 'int', files_loaded: 'int', files_skipped: 'int',
} as const satisfies Columns;

export const INGEST_FILE_COLUMNS = {
  file_id: 'int', batch_id: 'int', file_name: 'text', content_type: 'text', size_bytes: 'int', encoding: 'text', transactions: 'int', claims: 'int', warnings: 'int', loaded_at: 'text',
} as const satisfies Columns;

export const INGEST_ERROR_COLUMNS = {
  error_id: 'int', batch_id: 'int', file_name: 'text', error_code: 'text', segment_position: 'int', line_number: 'int', message: 'text', hint: 'text', raw_row: 'text', recorded_at: 'text',
} as const satisfies Columns;

export const REMITTANCE_PROBLEM_COLUMNS = {
  problem: 'text', batch_id: 'int', file_id: 'int', file_name: 'text', segment_position: 'int', claim_id: 'text', payer_id: 'text', trace_number: 'text',
  payment_date: 'date', amount: 'money', first_file_name: 'text', first_segment_position: 'int', counted: 'text', message: 'text', hint: 'text',
} as const satisfies Columns;

/** Any table answer, whichever its columns: what a page that shows whichever table it is given reads. */
export type AnyTableAnswer = z.infer<ReturnType<typeof tableAnswer<Columns, {}>>>;
/** Any table answer of a route that pages (GET /api/claims). */
export type PagedTableAnswer = z.infer<ReturnType<typeof tableAnswer<Columns, { page: z.ZodNumber; page_size: z.ZodNumber }>>>;
