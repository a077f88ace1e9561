// The HTTP API as an OpenAPI 3.1 document (GET /api/openapi.json, browsed at /api/docs). Written out route by
// route, but the enums, column lists, cookie name, metric ids and roles come from the code that enforces them, the
// answer schemas are keyed by the TypeScript types the routes return (tsc refuses a missing or extra field), and
// server/openapi.test.ts checks the paths, methods, parameters and roles against the running app.
import packageJson from '../package.json' with { type: 'json' };
import { AGING_BUCKETS, CLAIM_LIST_COLUMNS, SORTS, STATUSES } from '../warehouse/queries/claim-list.ts';
import type { EraAdjustmentRow, EraLineRow, EraRecord } from '../warehouse/queries/claim-remittances.ts';
import type { BreakdownRow, MetricResult } from '../warehouse/metrics/compute.ts';
import { DIMENSIONS, SINGLE_ONLY, type MetricDefinition, type MetricFormat, type Unit } from '../warehouse/metrics/metric.ts';
import { METRICS } from '../warehouse/metrics/registry.ts';
import type { WindowName } from '../warehouse/metrics/window.ts';
import type { DenialPattern, PatternDimension } from '../warehouse/patterns/denial-patterns.ts';
import type { ColumnType } from '../warehouse/table.ts';
import { INGEST_BATCH_COLUMNS, INGEST_ERROR_COLUMNS, INGEST_FILE_COLUMNS } from '../warehouse/queries/ingest-history.ts';
import type { ClaimEvent } from '../warehouse/queries/claims.ts';
import type { FileOutcome } from '../ingest/loader/loader.ts';
import { REMITTANCE_PROBLEM_COLUMNS } from '../warehouse/queries/remittance-problems.ts';
import { mayOpen, VIEWS, type View } from '../access/roles.ts';
import { SESSION_COOKIE } from '../access/sessions.ts';
import { ROLES } from '../access/users.ts';
import { ARROW_STREAM } from './table-response.ts';
import { REPORT_FORMATS } from '../reports/render/formats.ts';
import { CONTENT_TYPES, REPORT_FILE_NAME, type ReportFileAnswer, type ReportRunAnswer } from './routes/reports.ts';
import { UPLOAD_NAME } from './routes/ingest.ts';
import { TOKEN_ID, TOKEN_NAME, USER_NAME, type AuditAnswer, type TokenAnswer, type UserAnswer } from './routes/admin.ts';

/** The JSON Schema (2020-12) subset this document uses. */
export interface JsonSchema {
  $ref?: string;
  type?: JsonType | JsonType[];
  format?: string;
  pattern?: string;
  enum?: readonly (string | number | boolean | null)[];
  const?: string | number | boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  default?: unknown;
  description?: string;
  examples?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: readonly string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  oneOf?: JsonSchema[];
}
type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';

export type Ref = { $ref: string };
export interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  description?: string;
  schema: JsonSchema;
  example?: unknown;
}
export interface Header {
  description?: string;
  schema: JsonSchema;
}
export interface MediaType {
  schema?: JsonSchema;
}
export interface Response {
  description: string;
  headers?: Record<string, Header>;
  content?: Record<string, MediaType>;
}
export interface Operation {
  operationId: string;
  summary: string;
  description: string;
  tags: string[];
  /** Empty: no sign-in needed; absent: the document's (session cookie or API token). */
  security?: Record<string, string[]>[];
  parameters?: (Parameter | Ref)[];
  requestBody?: { required?: boolean; description?: string; content: Record<string, MediaType> };
  responses: Record<string, Response | Ref>;
  /** The view of server/auth/roles.ts the route requires (a role without it gets 403). */
  'x-rcm-view'?: View;
}
export const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
export type Method = (typeof METHODS)[number];
export type PathItem = Partial<Record<Method, Operation>>;

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string; license: { name: string; identifier: string } };
  tags: { name: string; description: string }[];
  security: Record<string, string[]>[];
  paths: Record<string, PathItem>;
  components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, Response>;
    parameters: Record<string, Parameter>;
    securitySchemes: Record<string, { type: 'apiKey'; in: 'cookie'; name: string; description: string } | { type: 'http'; scheme: 'bearer'; description: string }>;
  };
}

// --- schema helpers

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const nullable = (schema: JsonSchema): JsonSchema => (schema.$ref ? { oneOf: [schema, { type: 'null' }] } : { ...schema, type: [schema.type as JsonType, 'null'] });
const text = (description?: string): JsonSchema => ({ type: 'string', ...(description ? { description } : {}) });
const integer = (description?: string): JsonSchema => ({ type: 'integer', ...(description ? { description } : {}) });
const number = (description?: string): JsonSchema => ({ type: 'number', ...(description ? { description } : {}) });
const list = (items: JsonSchema, description?: string): JsonSchema => ({ type: 'array', items, ...(description ? { description } : {}) });

/** An object whose properties are exactly the keys K (a type's fields): tsc refuses a missing or an extra one. */
function object<K extends string>(properties: Record<K, JsonSchema>, options: { optional?: readonly K[]; description?: string } = {}): JsonSchema {
  const optional = new Set<string>(options.optional ?? []);
  return {
    type: 'object',
    ...(options.description ? { description: options.description } : {}),
    properties,
    required: Object.keys(properties).filter((k) => !optional.has(k)),
  };
}

const NPI: JsonSchema = { type: 'string', pattern: '^\\d{10}$', description: 'an NPI (10 digits)' };
const DATE: JsonSchema = { type: 'string', format: 'date', description: 'a date like 2025-06-30' };
const MONEY: JsonSchema = { type: 'string', pattern: '^-?\\d+(\\.\\d{1,2})?$', description: 'dollars as an exact decimal string' };

/** Column types of a table answer, and a JSON value of each (money stays an exact decimal string). */
const COLUMN_VALUE: Record<ColumnType, JsonSchema> = {
  text: { type: ['string', 'null'] },
  date: { type: ['string', 'null'], format: 'date' },
  money: { ...MONEY, type: ['string', 'null'] },
  int: { type: ['integer', 'null'] },
  bool: { type: ['boolean', 'null'] },
  list: { type: ['array', 'null'], items: { type: 'string' } },
};

function tableRow(columns: Record<string, ColumnType>): JsonSchema {
  return { type: 'object', properties: Object.fromEntries(Object.entries(columns).map(([name, type]) => [name, COLUMN_VALUE[type]])), required: Object.keys(columns) };
}

/** A table as JSON: its columns with their types (exactly these), the rows, and the count of rows matching. */
function tableAnswer(columns: Record<string, ColumnType>, row: string, extra: Record<string, JsonSchema> = {}): JsonSchema {
  return {
    type: 'object',
    properties: {
      ...extra,
      total: integer('rows matching, over all pages'),
      columns: { type: 'object', description: 'each column with its type', properties: Object.fromEntries(Object.entries(columns).map(([name, type]) => [name, { const: type }])), required: Object.keys(columns) },
      rows: list(ref(row)),
    },
    required: [...Object.keys(extra), 'total', 'columns', 'rows'],
  };
}

/** Who may call an operation, read from ROLE_VIEWS. */
function whoMay(view: View | undefined): string {
  if (!view) return 'Any signed-in user.';
  const roles = ROLES.filter((role) => mayOpen(role, view)).map((role) => role.replace('_', ' '));
  return `Roles: ${roles.join(', ')} (view \`${view}\`: ${VIEWS[view]}); any other role gets 403.`;
}

const query = (name: string, schema: JsonSchema, description: string, required = false): Parameter => ({ name, in: 'query', required, description, schema });
const path = (name: string, schema: JsonSchema, description: string, example: string): Parameter => ({ name, in: 'path', required: true, description, schema, example });
const response = (name: string): Ref => ({ $ref: `#/components/responses/${name}` });
const json = (description: string, schema: JsonSchema): Response => ({ description, content: { 'application/json': { schema } } });

/** A table answered as JSON, Arrow IPC or CSV (server/table-response.ts). */
function tableResponse(description: string, jsonSchema: JsonSchema): Response {
  return {
    description: `${description} As JSON (default), as an Arrow IPC stream (\`Accept: ${ARROW_STREAM}\`: money as Decimal128(18, 2), dates as Date32) or as CSV (\`?format=csv\`, a download).`,
    headers: {
      'X-Total-Count': { description: 'rows matching, over all pages', schema: { type: 'integer' } },
      'Content-Disposition': { description: 'CSV only: attachment; filename="….csv"', schema: { type: 'string' } },
    },
    content: {
      'application/json': { schema: jsonSchema },
      [ARROW_STREAM]: { schema: { type: 'string', format: 'binary' } },
      'text/csv': { schema: { type: 'string', description: 'a header line, then one line a row; lists joined by spaces' } },
    },
  };
}

/** One operation; its description ends with who may call it. */
function operation(view: View | undefined, op: Omit<Operation, 'x-rcm-view'>): Operation {
  const who = op.security?.length === 0 ? 'Needs no sign-in.' : whoMay(view);
  return { ...op, description: `${op.description}\n\n${who}`, ...(view ? { 'x-rcm-view': view } : {}) };
}

const signedIn = { 401: response('Unauthorized') };
const FORMAT = query('format', { type: 'string', enum: ['json', 'csv'] }, 'csv for a CSV download; Arrow is asked for by the Accept header');
const PRACTICE = query('practice', NPI, 'only this practice (billing NPI); one the user may not see answers 404');
const AS_OF = query('as_of', DATE, 'the as-of date; default: the latest event among the practices the user may see');
const FROM = query('from', DATE, "window start (goes with `to`); default: the metric's own window");
const TO = query('to', DATE, 'window end (goes with `from`)');
const PAYER = query('payer', { type: 'string', pattern: '^[A-Za-z0-9]{1,20}$' }, 'only this payer (payer id)');
const PROVIDER = query('provider', NPI, 'only claims of this rendering provider (NPI)');
const LOCATION = query('location', { type: 'string', pattern: "^[A-Za-z0-9 .,'&()#/-]{1,60}$" }, 'only claims of this service location');
const BATCH = query('batch', { type: 'integer', minimum: 1 }, 'only this ingest batch');
const LIMIT = (most: number) => query('limit', { type: 'integer', minimum: 1, maximum: 10_000, default: most }, 'the most rows answered, newest first');

const BATCH_ID = integer('the batch of this load');
const BUILT: JsonSchema = { type: 'boolean', description: 'whether the models were rebuilt (only when a file loaded)' };
const FAILED_CHECKS = list(text(), 'model checks that failed after the rebuild');
const UPLOAD_ID: JsonSchema = { type: 'string', pattern: '^[0-9a-f]{32}$', description: 'an upload set' };

const FILE_NAME: JsonSchema = { type: 'string', pattern: UPLOAD_NAME.source, description: 'a name only: the server stores the file under a name of its own' };
const BUILD = query('build', { type: 'string', enum: ['true', 'false'], default: 'true' }, 'rebuild the models after loading (when a file loaded)');
const FILE_BODY: Operation['requestBody'] = { required: true, description: "the file's bytes", content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } };
const UPLOAD = path('id', UPLOAD_ID, 'the upload set (POST /api/uploads)', '0123456789abcdef0123456789abcdef');
const REPORT_RUN = path('id', { type: 'integer', minimum: 1 }, 'a report run (GET /api/reports/runs lists them)', '1');
const USERNAME: JsonSchema = { type: 'string', pattern: USER_NAME.source, description: 'a user name' };
const ACCOUNT = path('username', USERNAME, 'a user name', 'admin');

// The columns of the ingest tables, declared once beside their queries (the routes answer them; the test compares).
const BATCH_COLUMNS = INGEST_BATCH_COLUMNS;
const FILE_COLUMNS = INGEST_FILE_COLUMNS;
const ERROR_COLUMNS = INGEST_ERROR_COLUMNS;

// --- answer schemas, keyed by the types the routes return

const UNITS = ['dollars', 'ratio', 'days', 'count'] as const satisfies readonly Unit[];
const WINDOWS = ['snapshot', 'month', 'quarter', 'ttm'] as const satisfies readonly WindowName[];
const FORMATS = ['pct1', 'usd', 'days', 'count'] as const satisfies readonly MetricFormat[];
const GRAINS = ['claim', 'line', 'money'] as const satisfies readonly MetricDefinition['grain'][];
const PATTERN_DIMENSIONS = ['payer', 'cpt', 'modifier', 'diagnosis', 'provider'] as const satisfies readonly PatternDimension[];

const dollars = object<'value' | 'numerator' | 'denominator'>({ value: nullable(number()), numerator: number(), denominator: number() }, { description: 'the same rate in dollars' });
const definition = object<keyof MetricResult['definition']>({ numerator: text(), denominator: text(), grain: text(), date_basis: text(), window: text(), exclusions: text(), breakdowns: list({ type: 'string', enum: DIMENSIONS }), section: text('the sections of metrics.md it implements') });

type LoadedOutcome = Extract<FileOutcome, { status: 'loaded' }>;
type DuplicateOutcome = Extract<FileOutcome, { status: 'duplicate' }>;
type RejectedOutcome = Extract<FileOutcome, { status: 'rejected' }>;

const schemas: Record<string, JsonSchema> = {
  Error: {
    type: 'object',
    description: 'Every refusal: a stable code and a message for people. 500 answers { "error": { "code": "internal", … } } and says nothing of its cause.',
    properties: {
      error: object<'code' | 'message'>({
        code: { type: 'string', description: 'bad_request, unauthorized, forbidden, csrf, not_found, conflict, no_data, ambiguous_claim, does_not_tie, gone, too_many_attempts, unavailable, internal', examples: ['bad_request'] },
        message: text('what was wrong, naming the parameter'),
      }),
    },
    required: ['error'],
  },
  User: object<'username' | 'role' | 'practices' | 'views'>({
    username: text(),
    role: { type: 'string', enum: ROLES },
    practices: list(NPI, 'the practices (billing NPIs) granted; an admin sees every practice'),
    views: list({ type: 'string', enum: Object.keys(VIEWS) }, 'what the role may open'),
  }),
  Login: object<'username' | 'password'>({ username: { type: 'string', minLength: 1, maxLength: 64 }, password: { type: 'string', minLength: 1, maxLength: 1024, format: 'password' } }),
  SignedIn: object<'user' | 'csrf_token'>({ user: ref('User'), csrf_token: text("the session's CSRF token: send it as X-CSRF-Token on POST, PUT, PATCH and DELETE") }),
  Session: object<'user' | 'csrf_token' | 'expires_at'>({
    user: ref('User'),
    csrf_token: nullable(text('the CSRF token of the session; null when signed in with an API token')),
    expires_at: { type: ['string', 'null'], format: 'date-time', description: 'when the session ends at the latest; null with an API token' },
  }),
  BreakdownRow: object<keyof BreakdownRow>({
    key: nullable(text('the breakdown value ("a × b" for two dimensions)')),
    value: nullable(number()), numerator: nullable(number()), denominator: nullable(number()),
    unavailable_reason: text(), p90: nullable(number()), n: integer(), dollars,
  }, { optional: ['unavailable_reason', 'p90', 'n', 'dollars'] }),
  MetricResult: object<keyof MetricResult>({
    id: text(), label: text(), short_label: text('the label where room is short'), format: { type: 'string', enum: FORMATS, description: 'pct1: a percentage with one decimal; usd: dollars and cents; days: to two decimals; count: whole' },
    as_of: DATE, from: DATE, to: DATE, unit: { type: 'string', enum: UNITS },
    value: nullable(number('rates are fractions, money is dollars')), numerator: nullable(number()), denominator: nullable(number()),
    p90: nullable(number()), n: integer(), dollars,
    unavailable_reason: nullable(text('why there is no value')),
    definition,
    breakdown: list(ref('BreakdownRow')),
  }, { optional: ['p90', 'n', 'dollars', 'breakdown'] }),
  Metrics: object<'as_of' | 'from' | 'to' | 'metrics'>({
    as_of: DATE, from: nullable(DATE), to: nullable(DATE),
    metrics: { type: 'object', propertyNames: { enum: METRICS.map((m) => m.id) }, additionalProperties: ref('MetricResult') },
  }),
  MetricExplanation: object<'id' | 'label' | 'unit' | 'numerator' | 'denominator' | 'grain' | 'date_basis' | 'window' | 'exclusions' | 'breakdowns' | 'sql'>({
    id: text(), label: text(), unit: { type: 'string', enum: UNITS }, numerator: text(), denominator: text(), grain: { type: 'string', enum: GRAINS },
    date_basis: text(), window: { type: 'string', enum: WINDOWS }, exclusions: text(), breakdowns: list({ type: 'string', enum: DIMENSIONS }),
    sql: text('the SQL that computes it, for the as-of date'),
  }),
  DenialPattern: object<keyof DenialPattern>({
    rank: integer(),
    dimensions: { type: 'object', properties: Object.fromEntries(PATTERN_DIMENSIONS.map((d) => [d, text()])), additionalProperties: false },
    lines: integer(), claims: integer(), denied_lines: integer(), rate: number(), baseline_rate: number('the payer’s own denial rate'), lift: nullable(number()),
    lower_bound: number('95 % Wilson lower bound of the rate'), charges: number(), denied_dollars: number(), excess_denied_dollars: number(),
    top_carc: nullable(text()), top_carc_share: nullable(number()), example_claims: list(text()), also_explains: list(text()),
  }),
  DenialPatterns: object<'as_of' | 'from' | 'to' | 'baseline' | 'patterns'>({
    as_of: DATE, from: DATE, to: DATE,
    baseline: { type: 'object', additionalProperties: { type: 'number' }, description: 'denial rate by payer' },
    patterns: list(ref('DenialPattern')),
  }),
  ClaimRow: tableRow(CLAIM_LIST_COLUMNS),
  ClaimList: tableAnswer(CLAIM_LIST_COLUMNS, 'ClaimRow', { as_of: DATE, page: integer(), page_size: integer() }),
  ClaimEvent: object<keyof ClaimEvent>({
    event_date: nullable(DATE), source: text('837, 835, 277CA, 999, posting, …'), event: text(), amount: nullable(MONEY),
    balance_delta: MONEY, balance: { ...MONEY, description: 'the balance after the event' }, detail: text(), file_name: text(), position: integer(),
  }),
  ClaimHistory: object<'claim_id' | 'events'>({ claim_id: text(), events: list(ref('ClaimEvent'), 'in date order') }),
  EraAdjustment: object<keyof EraAdjustmentRow>({
    group: text('CAS01 group code'), reason: text('CARC'), amount: MONEY, quantity: nullable(text()), category: text('denial category of the crosswalk'), is_denial: { type: 'boolean' },
  }),
  EraLine: object<keyof EraLineRow>({
    line_position: integer(), procedure_code: nullable(text()), modifiers: list(text()), charge: nullable(MONEY), paid: nullable(MONEY), allowed: nullable(MONEY), units: text(),
    service_date: nullable(DATE), line_control_number: nullable(text('REF*6R')), adjustments: list(ref('EraAdjustment')), remarks: list(text('LQ remark codes')),
  }),
  EraRecord: object<keyof EraRecord>({
    file_name: text(), claim_position: integer(), payment_date: nullable(DATE), trace_number: nullable(text()), payer_id: nullable(text()), payer_name: nullable(text()),
    payment_amount: nullable(MONEY), patient_control_number: text(), status_code: text('CLP02'), is_reversal: { type: 'boolean' }, charge: nullable(MONEY), paid: nullable(MONEY),
    patient_responsibility: nullable(MONEY), payer_claim_number: nullable(text()), adjustments: list(ref('EraAdjustment'), 'claim-level CAS'),
    remarks: list(text('MOA/MIA remark codes')), lines: list(ref('EraLine')),
  }),
  ClaimRemittances: object<'claim_id' | 'remittances'>({ claim_id: text(), remittances: list(ref('EraRecord'), 'in payment order') }),
  IngestBatch: tableRow(BATCH_COLUMNS),
  IngestBatches: tableAnswer(BATCH_COLUMNS, 'IngestBatch'),
  IngestFile: tableRow(FILE_COLUMNS),
  IngestFiles: tableAnswer(FILE_COLUMNS, 'IngestFile'),
  IngestError: tableRow(ERROR_COLUMNS),
  IngestErrors: tableAnswer(ERROR_COLUMNS, 'IngestError'),
  RemittanceProblem: tableRow(REMITTANCE_PROBLEM_COLUMNS),
  RemittanceProblems: tableAnswer(REMITTANCE_PROBLEM_COLUMNS, 'RemittanceProblem', {
    counts: { type: 'object', description: 'how many of each problem there are in all (rows may stop at the limit)', additionalProperties: integer() },
  }),
  FileOutcome: {
    description: 'What became of the file: loaded, a duplicate of a file loaded before (same content), or rejected with the reason.',
    oneOf: [
      object<keyof LoadedOutcome>({
        status: { const: 'loaded' }, file: text(), fileId: integer(), hash: text('SHA-256 of the content'), bytes: integer(), contentType: text(), transactions: integer(),
        claims: integer(), warnings: integer(), paid: number('cents'), paymentAmount: number('cents'), rows: integer('CSV: rows loaded'), rowErrors: integer('CSV: rows refused'),
        rowsAlreadyLoaded: integer('CSV: rows an earlier file had loaded'),
      }),
      object<keyof DuplicateOutcome>({ status: { const: 'duplicate' }, file: text(), hash: text(), bytes: integer(), loadedAs: text('the file loaded before') }),
      object<keyof RejectedOutcome>({
        status: { const: 'rejected' }, file: text(), hash: nullable(text()), bytes: integer(), code: text(), message: text(), hint: text(), segment: nullable(integer('segment number')),
      }),
    ],
  },
  Ingested: object<'batch_id' | 'outcome' | 'built' | 'failed_checks'>({ batch_id: BATCH_ID, outcome: ref('FileOutcome'), built: BUILT, failed_checks: FAILED_CHECKS }),
  UploadSet: object<'upload' | 'expires_in_hours'>({ upload: UPLOAD_ID, expires_in_hours: integer('unused upload sets are dropped after this') }),
  Uploaded: object<'files'>({ files: integer('files in the set so far') }),
  IngestedSet: object<'batch_id' | 'outcomes' | 'built' | 'failed_checks'>({ batch_id: BATCH_ID, outcomes: list(ref('FileOutcome'), 'in the order sent'), built: BUILT, failed_checks: FAILED_CHECKS }),
  Built: object<'models' | 'failed_checks'>({ models: integer('models built'), failed_checks: list(text(), 'model checks that failed') }),
  MonthlyPackageRequest: object<'month' | 'practice' | 'formats' | 'closeDate'>({
    month: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'the month to close, e.g. 2025-06' },
    practice: { ...NPI, description: 'only this practice (billing NPI); default: every practice the user may see' },
    formats: { ...list({ type: 'string', enum: REPORT_FORMATS }, 'default xlsx and csv; pdf is refused (400, with the reason) until its writer exists'), minItems: 1 },
    closeDate: { ...DATE, description: 'count the files loaded on or before this day (default: the month end + 10 days, or the first load when it came later)' },
  }, { optional: ['practice', 'formats', 'closeDate'] }),
  ReportFile: object<keyof ReportFileAnswer>({
    name: { type: 'string', pattern: REPORT_FILE_NAME.source, description: 'the file name, unique in the run' },
    format: { type: 'string', enum: REPORT_FORMATS }, table: text('the table a CSV holds; "package" for the workbook'), bytes: integer(), sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    url: text('where to download it (GET)'),
  }),
  ReportRun: object<keyof ReportRunAnswer>({
    run_id: integer(), report: { type: 'string', enum: ['monthly'] }, month: text('YYYY-MM'), practices: nullable(list(NPI, 'billing NPIs; null: every practice')),
    as_of: { ...DATE, description: 'the month end: events dated on or before it' }, close_date: { ...DATE, description: 'files loaded on or before it count' }, close_rule: text('why this close date'),
    provisional: { type: ['boolean', 'null'], description: 'the close date had not passed when the run was made; null for a failed run' },
    files_counted: { type: ['integer', 'null'], description: 'files loaded by the close date' }, late_files: { type: ['integer', 'null'], description: 'files loaded after it carrying events of the month (post-close activity)' },
    formats: list({ type: 'string', enum: REPORT_FORMATS }), username: text('who made it'), started_at: text('UTC'), finished_at: nullable(text('UTC')),
    status: { type: 'string', enum: ['complete', 'failed'] }, error: nullable(text('why a failed run failed')), numbers_sha256: nullable(text('SHA-256 of the closed numbers (rcm report diff compares runs)')),
    files: list(ref('ReportFile')),
  }),
  ReportRuns: object<'runs'>({ runs: list(ref('ReportRun'), 'newest first') }),
  Account: object<keyof UserAnswer>({
    user_id: integer(), username: USERNAME, role: { type: 'string', enum: ROLES }, practices: list(NPI, 'billing NPIs granted; an admin sees every practice'),
    email: nullable(text('where scheduled reports for the user go')), disabled: { type: 'boolean' },
  }),
  Accounts: object<'users'>({ users: list(ref('Account'), 'by user name') }),
  NewAccount: object<'username' | 'role' | 'practices' | 'email' | 'password'>({
    username: USERNAME, role: { type: 'string', enum: ROLES }, practices: list(NPI, 'the practices the user may see (at least one, but for an admin)'),
    email: text('where scheduled reports for the user go'), password: { type: 'string', minLength: 12, maxLength: 1024, format: 'password', description: 'default: one is generated and answered once' },
  }, { optional: ['practices', 'email', 'password'] }),
  AddedAccount: object<'user' | 'password'>({ user: ref('Account'), password: text('the generated password, answered once (only when none was sent)') }, { optional: ['password'] }),
  AccountEmail: object<'email'>({ email: nullable(text('the address; null: none')) }),
  ChangedAccount: object<'user'>({ user: ref('Account') }),
  ApiToken: object<keyof TokenAnswer>({ token_id: integer(), username: text(), name: text('what it is for'), created_at: text('UTC'), revoked_at: nullable(text('UTC; null: valid unless its user is disabled')) }),
  ApiTokens: object<'tokens'>({ tokens: list(ref('ApiToken'), 'newest first; never the tokens themselves') }),
  NewApiToken: object<'username' | 'name'>({ username: USERNAME, name: { type: 'string', pattern: TOKEN_NAME.source, description: 'what it is for (default: script)' } }, { optional: ['name'] }),
  CreatedApiToken: object<'token_id' | 'username' | 'name' | 'token'>({ token_id: integer(), username: text(), name: text(), token: { type: 'string', pattern: '^rcm_[A-Za-z0-9_-]{43}$', description: 'answered once: only its SHA-256 is kept' } }),
  RevokedApiToken: object<'token_id' | 'revoked'>({ token_id: integer(), revoked: { const: true } }),
  AuditEvent: object<keyof AuditAnswer>({ event_id: integer(), occurred_at: text('UTC'), username: nullable(text()), route: text(), parameters: text('the parameters, as JSON'), row_count: integer() }),
  AuditEvents: object<'events'>({ events: list(ref('AuditEvent'), 'newest first') }),
};

const responses: Record<string, Response> = {
  BadRequest: json('A parameter is unknown or malformed (the message names it).', ref('Error')),
  Unauthorized: json('Not signed in: no valid session cookie or API token.', ref('Error')),
  Forbidden: json("The user's role may not open this view, or (with the session cookie) a request that changes something came without the session's X-CSRF-Token or from another origin.", ref('Error')),
  Unavailable: json('This server was started without loading (unavailable).', ref('Error')),
  TooLarge: json('The body is over its limit (too_large): 64 KB for a JSON body, the upload cap (rcm serve --upload-limit, 2 GB) for a file. The connection closes after the answer.', ref('Error')),
  NotFound: json('Nothing by that name among the practices the user may see (another practice answers the same as an unknown one), or no data yet.', ref('Error')),
};

// --- the paths

const paths: Record<string, PathItem> = {
  '/api/health': {
    get: operation(undefined, {
      operationId: 'getHealth', summary: 'Is the server up', tags: ['server'], security: [],
      description: 'Answers as soon as the server listens.',
      responses: { 200: json('It is.', object<'status'>({ status: { const: 'ok' } })) },
    }),
  },
  '/api/session': {
    post: operation(undefined, {
      operationId: 'signIn', summary: 'Sign in', tags: ['session'], security: [],
      description: `Checks the user name and password, sets the HttpOnly, SameSite=Strict \`${SESSION_COOKIE}\` cookie (Secure over HTTPS) and answers the CSRF token. Refused from another site's page (403). Failed logins are limited per user name and per address (429 with Retry-After).`,
      requestBody: { required: true, content: { 'application/json': { schema: ref('Login') } } },
      responses: {
        200: { ...json('Signed in.', ref('SignedIn')), headers: { 'Set-Cookie': { description: `${SESSION_COOKIE}=…; HttpOnly; SameSite=Strict; Path=/; Max-Age=…`, schema: { type: 'string' } } } },
        400: response('BadRequest'),
        401: json('Wrong user name or password.', ref('Error')),
        403: json('Posted from another origin.', ref('Error')),
        413: response('TooLarge'),
        429: { ...json('Too many sign-in attempts (each counted before its password is checked).', ref('Error')), headers: { 'Retry-After': { description: 'seconds to wait', schema: { type: 'integer' } } } },
      },
    }),
    get: operation(undefined, {
      operationId: 'getSession', summary: 'Who is signed in', tags: ['session'],
      description: 'The user, their role, practices and views, and the CSRF token again (a page that reloads asks here).',
      responses: { 200: json('The user.', ref('Session')), ...signedIn },
    }),
    delete: operation(undefined, {
      operationId: 'signOut', summary: 'Sign out', tags: ['session'],
      description: 'Ends the session and clears the cookie. With the cookie it needs the X-CSRF-Token header.',
      parameters: [{ $ref: '#/components/parameters/CsrfToken' }],
      responses: { 204: { description: 'Signed out.' }, ...signedIn, 403: response('Forbidden') },
    }),
  },
  '/api/metrics': {
    get: operation('metrics', {
      operationId: 'getMetrics', summary: 'The metrics', tags: ['metrics'],
      description: 'Every metric of the registry (or those asked for) for an as-of date and its window, optionally broken down: the same document as `rcm metrics --json`. Aggregates only.',
      parameters: [
        AS_OF, FROM, TO,
        query('by', { type: 'string', pattern: '^[a-z_]+(,[a-z_]+)?$' }, `one dimension, or two separated by a comma (${DIMENSIONS.join(', ')}; the hand-written A/R and lag metrics take ${SINGLE_ONLY.join(', ')} only alone, a declared metric crosses any two its measures carry but never denial_category with carc); every metric asked must allow it (definition.breakdowns), else 400 naming what each allows`),
        PAYER, PROVIDER, LOCATION, PRACTICE,
        query('denial_category', { type: 'string', pattern: '^[a-z_]{1,40}$' }, `denial rates only (${METRICS.filter((m) => m.denialFilters).map((m) => m.id).join(', ')}; 400 for another metric): the numerator counts only the denials of this category, the denominator stays whole`),
        query('carc', { type: 'string', pattern: '^[A-Z0-9]{1,5}$' }, 'denial rates only, as denial_category: the numerator counts only the denials with this claim adjustment reason code'),
        query('metric', { type: 'string', pattern: '^[a-z0-9_]+(,[a-z0-9_]+)*$' }, `metric ids, comma-separated: ${METRICS.map((m) => m.id).join(', ')}`),
      ],
      responses: { 200: json('The metrics.', ref('Metrics')), 400: response('BadRequest'), ...signedIn, 403: response('Forbidden'), 404: response('NotFound') },
    }),
  },
  '/api/metrics/{id}/explain': {
    get: operation('metrics', {
      operationId: 'explainMetric', summary: "A metric's definition and SQL", tags: ['metrics'],
      description: 'Numerator, denominator, grain, date basis, window, exclusions, breakdowns, and the SQL for the as-of date.',
      parameters: [path('id', { type: 'string', enum: METRICS.map((m) => m.id) }, 'a metric id', METRICS[0].id), AS_OF],
      responses: { 200: json('The definition.', ref('MetricExplanation')), 400: response('BadRequest'), ...signedIn, 403: response('Forbidden'), 404: response('NotFound') },
    }),
  },
  '/api/denials/patterns': {
    get: operation('patterns', {
      operationId: 'getDenialPatterns', summary: 'Denial patterns', tags: ['metrics'],
      description: "Combinations of payer × procedure × modifier × diagnosis × provider denied at least twice as often as the payer's baseline, ranked by excess denied dollars, with example claims (audited). Window: the trailing twelve months by default.",
      parameters: [
        AS_OF, FROM, TO,
        query('min_claims', { type: 'integer', minimum: 1, maximum: 100000, default: 10 }, 'the fewest claims a pattern must have'),
        query('limit', { type: 'integer', minimum: 1, maximum: 100, default: 15 }, 'the most patterns answered'),
        PRACTICE,
      ],
      responses: { 200: json('The patterns.', ref('DenialPatterns')), 400: response('BadRequest'), ...signedIn, 403: response('Forbidden'), 404: response('NotFound') },
    }),
  },
  '/api/claims': {
    get: operation('claims', {
      operationId: 'listClaims', summary: 'The claims behind a number', tags: ['claims'],
      description: 'Claims with their balance on the as-of date, filtered, sorted and paged; every read and export is audited. JSON pages hold at most 500 rows; CSV and Arrow may take up to 100,000.',
      parameters: [
        AS_OF,
        ...(['service', 'submitted', 'adjudicated'] as const).flatMap((d) => [query(`${d}_from`, DATE, `${d} on or after`), query(`${d}_to`, DATE, `${d} on or before`)]),
        PAYER, PROVIDER, LOCATION, PRACTICE,
        query('status', { type: 'string', enum: STATUSES, default: 'any' }, 'open: balance > 0; credit: < 0; settled: 0'),
        query('portion', { type: 'string', enum: ['insurance', 'patient'] }, 'only claims with an open balance on this side'),
        query('aging', { type: 'string', enum: AGING_BUCKETS }, 'only open claims in this aging bucket'),
        query('denied', { type: 'string', enum: ['true', 'false'] }, 'denied (a line or all) on the first adjudication'),
        query('rejected', { type: 'string', enum: ['true', 'false'] }, 'rejected by a clearinghouse or payer acknowledgment'),
        query('denial_category', { type: 'string', pattern: '^[a-z_]{1,40}$' }, 'a denial category of the first adjudication'),
        query('carc', { type: 'string', pattern: '^[A-Z0-9]{1,5}$' }, 'a claim adjustment reason code of the first adjudication'),
        query('cpt', { type: 'string', pattern: '^[A-Za-z0-9._-]{1,20}$' }, 'a procedure code on a line'),
        query('modifier', { type: 'string', pattern: '^[A-Z0-9]{2}$' }, 'a modifier on a line'),
        query('diagnosis', { type: 'string', pattern: '^[A-Z0-9.]{3,8}$' }, 'a diagnosis code on a line'),
        query('q', { type: 'string', pattern: '^[A-Za-z0-9._\\-/@]{1,49}$' }, "a claim number's beginning"),
        query('sort', { type: 'string', enum: SORTS, default: 'service_date' }, 'the column to sort by'),
        query('order', { type: 'string', enum: ['asc', 'desc'], default: 'desc' }, 'the sort order'),
        query('page', { type: 'integer', minimum: 1, maximum: 1_000_000, default: 1 }, 'the page, from 1'),
        query('page_size', { type: 'integer', minimum: 1, maximum: 100_000 }, 'rows a page: default 50 as JSON (at most 500), every row up to 100,000 as CSV or Arrow'),
        FORMAT,
      ],
      responses: { 200: tableResponse('A page of claims.', ref('ClaimList')), 400: response('BadRequest'), ...signedIn, 403: response('Forbidden'), 404: response('NotFound') },
    }),
  },
  '/api/claims/{id}': {
    get: operation('claim_detail', {
      operationId: 'getClaim', summary: "One claim's history", tags: ['claims'],
      description: 'Submissions, acknowledgments, adjudications and postings in date order, with the balance after each (audited).',
      parameters: [path('id', { type: 'string', pattern: '^[A-Za-z0-9._\\-/]{1,38}(@[0-9]{10})?$' }, 'a patient control number, optionally "@" and the billing NPI when two billing providers use it', 'PCN-1001')],
      responses: {
        200: json('The history.', ref('ClaimHistory')), 400: response('BadRequest'), ...signedIn, 403: response('Forbidden'), 404: response('NotFound'),
        409: json('The number names claims of several billing providers (ambiguous_claim): ask for "PCN@NPI".', ref('Error')),
      },
    }),
  },
  '/api/claims/{id}/remittances': {
    get: operation('claim_detail', {
      operationId: 'getClaimRemittances', summary: "The raw ERA view of a claim's 835 records", tags: ['claims'],
      description: 'Every 835 claim payment record of the claim (originals, reversals, corrections, secondaries) as the remittance carried it: payment, CLP, claim- and line-level CAS with their denial category, remark codes and service lines (audited).',
      parameters: [path('id', { type: 'string', pattern: '^[A-Za-z0-9._\\-/]{1,38}(@[0-9]{10})?$' }, 'a patient control number, optionally "@" and the billing NPI when two billing providers use it', 'PCN-1001')],
      responses: {
        200: json('The 835 records.', ref('ClaimRemittances')), 400: response('BadRequest'), ...signedIn, 403: response('Forbidden'), 404: response('NotFound'),
        409: json('The number names claims of several billing providers (ambiguous_claim): ask for "PCN@NPI".', ref('Error')),
      },
    }),
  },
  '/api/ingest/batches': {
    get: operation('ingest', {
      operationId: 'listIngestBatches', summary: 'Ingest batches', tags: ['ingest'],
      description: 'The ingest runs, newest first, with their files, claims and warnings. A reader sees the batches with files of their practices (`files`, `claims`, `warnings` count those files); the batch’s own counts `files_rejected`, `files_loaded`, `files_skipped` only an admin sees (null otherwise).',
      parameters: [LIMIT(100), FORMAT],
      responses: { 200: tableResponse('The batches.', ref('IngestBatches')), 400: response('BadRequest'), ...signedIn, 403: response('Forbidden') },
    }),
  },
  '/api/ingest/files': {
    get: operation('ingest', {
      operationId: 'listIngestFiles', summary: 'Ingested files', tags: ['ingest'],
      description: 'The files loaded, newest first, of every batch or of one. A reader sees the files of their practices; files without claims only an admin sees.',
      parameters: [BATCH, LIMIT(1000), FORMAT],
      responses: { 200: tableResponse('The files.', ref('IngestFiles')), 400: response('BadRequest'), ...signedIn, 403: response('Forbidden') },
    }),
  },
  '/api/ingest/errors': {
    get: operation('ingest', {
      operationId: 'listIngestErrors', summary: 'Ingest errors', tags: ['ingest'],
      description: 'Rejected files and refused rows, newest first, with the segment or line, a hint and the raw row (patient-level: every read is audited). Rejected files only an admin sees.',
      parameters: [BATCH, LIMIT(1000), FORMAT],
      responses: { 200: tableResponse('The errors.', ref('IngestErrors')), 400: response('BadRequest'), ...signedIn, 403: response('Forbidden') },
    }),
  },
  '/api/ingest/remittance-problems': {
    get: operation('ingest', {
      operationId: 'listRemittanceProblems', summary: 'Remittances to look at', tags: ['ingest'],
      description: 'Loaded 835 payments and claim records a person must look at, newest files first: `duplicate_remittance` (the same remittance delivered again: not counted, the first file named), `payment_conflict` (an earlier payment of the same payer and trace number with other content: both counted), `orphan_reversal` (a reversal whose original was never loaded: its cash counts, not its balance). From the last model build. A reader sees the rows of their practices (a claim record: the practice of its claim; a payment: the one practice of all its claims, else admins only); they name claims, so every read is audited.',
      parameters: [BATCH, LIMIT(1000), FORMAT],
      responses: { 200: tableResponse('The remittances to look at.', ref('RemittanceProblems')), 400: response('BadRequest'), ...signedIn, 403: response('Forbidden') },
    }),
  },
  '/api/ingest': {
    post: operation('ingest_write', {
      operationId: 'ingestFile', summary: 'Load one file', tags: ['ingest'],
      description: 'Loads one file (X12 835, 837P, 837I, 999, 277CA, or a CSV export) sent as the raw request body, in a batch of its own, while reads go on; a file loaded before (same content) is a duplicate, a bad one is rejected (both still 200). Then rebuilds the models unless `build=false` (and only when the file loaded). Many files as one batch: /api/uploads.',
      parameters: [
        query('name', FILE_NAME, 'the file name, as the ingest history shows it', true),
        BUILD,
        { $ref: '#/components/parameters/CsrfToken' },
      ],
      requestBody: FILE_BODY,
      responses: { 200: json("The file's outcome.", ref('Ingested')), 400: response('BadRequest'), ...signedIn, 403: response('Forbidden'), 413: response('TooLarge'), 503: response('Unavailable') },
    }),
  },
  '/api/uploads': {
    post: operation('ingest_write', {
      operationId: 'createUploadSet', summary: 'Start an upload set', tags: ['ingest'],
      description: 'Many files loaded as one batch: start a set, send each file to /api/uploads/{id}/files, then load them all with /api/uploads/{id}/ingest (what `rcm ingest --server URL` does). A set belongs to the user who started it.',
      parameters: [{ $ref: '#/components/parameters/CsrfToken' }],
      responses: { 201: json('The set.', ref('UploadSet')), ...signedIn, 403: response('Forbidden'), 503: response('Unavailable') },
    }),
  },
  '/api/uploads/{id}/files': {
    post: operation('ingest_write', {
      operationId: 'addToUploadSet', summary: 'Add a file to an upload set', tags: ['ingest'],
      description: "Keeps one file (the raw request body) in the set, in the order sent; files may share a name. Acknowledged only once the whole file is kept: such a file is always loaded by the set's ingest.",
      parameters: [UPLOAD, query('name', FILE_NAME, 'the file name, as the ingest history shows it', true), { $ref: '#/components/parameters/CsrfToken' }],
      requestBody: FILE_BODY,
      responses: { 200: json('The file is kept.', ref('Uploaded')), 400: response('BadRequest'), ...signedIn, 403: response('Forbidden'), 404: response('NotFound'), 409: json("The set's ingest has started (upload_closed): send the file in a new set.", ref('Error')), 413: response('TooLarge') },
    }),
  },
  '/api/uploads/{id}/ingest': {
    post: operation('ingest_write', {
      operationId: 'ingestUploadSet', summary: 'Load an upload set', tags: ['ingest'],
      description: "Closes the set (a file sent after this is refused), waits for its files still arriving, loads them as one batch, then rebuilds the models once unless `build=false`; the set and its files are gone afterwards. A set not loaded within 6 hours is dropped.",
      parameters: [UPLOAD, BUILD, { $ref: '#/components/parameters/CsrfToken' }],
      responses: { 200: json("Each file's outcome.", ref('IngestedSet')), 400: response('BadRequest'), ...signedIn, 403: response('Forbidden'), 404: response('NotFound'), 409: json('The set is being loaded already (upload_closed).', ref('Error')) },
    }),
  },
  '/api/build': {
    post: operation('ingest_write', {
      operationId: 'buildModels', summary: 'Rebuild the models', tags: ['ingest'],
      description: 'Rebuilds the SQL models (staging → intermediate → marts), runs their checks and swaps them in at once, as `rcm build` does.',
      parameters: [{ $ref: '#/components/parameters/CsrfToken' }],
      responses: { 200: json('The models built.', ref('Built')), ...signedIn, 403: response('Forbidden'), 503: response('Unavailable') },
    }),
  },
  '/api/reports/monthly': {
    post: operation('reports', {
      operationId: 'runMonthlyPackage', summary: 'Make the monthly close package', tags: ['reports'],
      description: "Computes the month's close package as `rcm report monthly` does (summary, A/R aging and roll-forward, collections, denials, adjustments, payer lags, post-close activity apart) over the files loaded by the close date, writes it in the server's reports folder and records the run (audited). A user's package covers their practices, or the one asked among them (another answers 404); an admin's every practice or the one asked. Packages run one at a time, while reads go on.",
      parameters: [{ $ref: '#/components/parameters/CsrfToken' }],
      requestBody: { required: true, content: { 'application/json': { schema: ref('MonthlyPackageRequest') } } },
      responses: {
        201: json('The run, with its files and where to download them.', ref('ReportRun')),
        400: json('The body is malformed, or the package cannot be made as asked (a month, close date or format it refuses, a practice the warehouse does not hold, nothing loaded by the close date): the message says which.', ref('Error')),
        ...signedIn, 403: response('Forbidden'), 404: response('NotFound'),
        409: json('The A/R roll-forward of the month does not tie to the cent (does_not_tie): nothing was written; the message gives the difference. Or the models are older than the loaded data (models_stale, after a load with build=false): POST /api/build first.', ref('Error')),
      },
    }),
  },
  '/api/reports/runs': {
    get: operation('reports', {
      operationId: 'listReportRuns', summary: 'Report runs', tags: ['reports'],
      description: 'The runs of the report packages (made here or by `rcm report monthly`), newest first, with their files. A user sees the runs that cover only practices of theirs; an admin every run.',
      parameters: [PRACTICE, query('limit', { type: 'integer', minimum: 1, maximum: 500, default: 50 }, 'the most runs answered')],
      responses: { 200: json('The runs.', ref('ReportRuns')), 400: response('BadRequest'), ...signedIn, 403: response('Forbidden'), 404: response('NotFound') },
    }),
  },
  '/api/reports/runs/{id}': {
    get: operation('reports', {
      operationId: 'getReportRun', summary: 'One report run', tags: ['reports'],
      description: 'Who made it and when, the month, close date, whether it was provisional, its files with their SHA-256 and download addresses.',
      parameters: [REPORT_RUN],
      responses: { 200: json('The run.', ref('ReportRun')), 400: response('BadRequest'), ...signedIn, 403: response('Forbidden'), 404: response('NotFound') },
    }),
  },
  '/api/reports/runs/{id}/files/{file}': {
    get: operation('reports', {
      operationId: 'getReportFile', summary: 'Download a file of a run', tags: ['reports'],
      description: "One file of the run, by its name in the run (audited). Only files the run wrote in this server's reports folder, and only as they were written (their SHA-256 is checked).",
      parameters: [REPORT_RUN, path('file', { type: 'string', pattern: REPORT_FILE_NAME.source }, 'the file name, as the run lists it', 'monthly-close-2025-02-1234567893.xlsx')],
      responses: {
        200: {
          description: 'The file, as an attachment.',
          headers: { 'Content-Disposition': { description: 'attachment; filename="…"', schema: { type: 'string' } } },
          content: Object.fromEntries(REPORT_FORMATS.map((f) => [CONTENT_TYPES[f].split(';')[0], { schema: { type: 'string', format: 'binary' } }])),
        },
        400: response('BadRequest'), ...signedIn, 403: response('Forbidden'), 404: response('NotFound'),
        410: json('The file was removed or changed since the run wrote it (gone): build the package again.', ref('Error')),
      },
    }),
  },
  '/api/admin/users': {
    get: operation('accounts', {
      operationId: 'listAccounts', summary: 'The users', tags: ['admin'],
      description: 'Every user with role, practices, e-mail and whether disabled (`rcm users list`). Audited.',
      responses: { 200: json('The users.', ref('Accounts')), 400: response('BadRequest'), ...signedIn, 403: response('Forbidden') },
    }),
    post: operation('accounts', {
      operationId: 'addAccount', summary: 'Add a user', tags: ['admin'],
      description: 'Adds a user (`rcm users add`); without a password one is generated and answered once. Audited (never the password).',
      parameters: [{ $ref: '#/components/parameters/CsrfToken' }],
      requestBody: { required: true, content: { 'application/json': { schema: ref('NewAccount') } } },
      responses: {
        201: json('The user.', ref('AddedAccount')), 400: response('BadRequest'), ...signedIn, 403: response('Forbidden'),
        409: json('A user of that name exists already (conflict).', ref('Error')),
      },
    }),
  },
  '/api/admin/users/{username}/email': {
    put: operation('accounts', {
      operationId: 'setAccountEmail', summary: "Set a user's e-mail", tags: ['admin'],
      description: 'Sets (or, with null, clears) where scheduled reports for the user go (`rcm users email`). Audited.',
      parameters: [ACCOUNT, { $ref: '#/components/parameters/CsrfToken' }],
      requestBody: { required: true, content: { 'application/json': { schema: ref('AccountEmail') } } },
      responses: { 200: json('The user.', ref('ChangedAccount')), 400: response('BadRequest'), ...signedIn, 403: response('Forbidden'), 404: response('NotFound') },
    }),
  },
  '/api/admin/users/{username}/disable': {
    post: operation('accounts', {
      operationId: 'disableAccount', summary: 'Disable a user', tags: ['admin'],
      description: "Disables the user, revokes their tokens and ends their sessions (`rcm users disable`): refused from the next request on. Audited.",
      parameters: [ACCOUNT, { $ref: '#/components/parameters/CsrfToken' }],
      responses: { 200: json('The user, disabled.', ref('ChangedAccount')), 400: response('BadRequest'), ...signedIn, 403: response('Forbidden'), 404: response('NotFound') },
    }),
  },
  '/api/admin/tokens': {
    get: operation('accounts', {
      operationId: 'listApiTokens', summary: 'The API tokens', tags: ['admin'],
      description: 'Every API token, or a user’s, with its name and when it was made and revoked (`rcm tokens list`); never the token. Audited.',
      parameters: [query('user', USERNAME, "only this user's tokens")],
      responses: { 200: json('The tokens.', ref('ApiTokens')), 400: response('BadRequest'), ...signedIn, 403: response('Forbidden') },
    }),
    post: operation('accounts', {
      operationId: 'createApiToken', summary: 'Create an API token', tags: ['admin'],
      description: 'Makes a token for an active user (`rcm tokens create`), answered once. Audited (never the token).',
      parameters: [{ $ref: '#/components/parameters/CsrfToken' }],
      requestBody: { required: true, content: { 'application/json': { schema: ref('NewApiToken') } } },
      responses: { 201: json('The token.', ref('CreatedApiToken')), 400: response('BadRequest'), ...signedIn, 403: response('Forbidden'), 404: response('NotFound') },
    }),
  },
  '/api/admin/tokens/{id}/revoke': {
    post: operation('accounts', {
      operationId: 'revokeApiToken', summary: 'Revoke an API token', tags: ['admin'],
      description: 'Revokes the token (`rcm tokens revoke`): refused from the next request on. Audited.',
      parameters: [path('id', { type: 'string', pattern: TOKEN_ID.source }, 'a token (GET /api/admin/tokens lists them)', '1'), { $ref: '#/components/parameters/CsrfToken' }],
      responses: { 200: json('Revoked.', ref('RevokedApiToken')), 400: response('BadRequest'), ...signedIn, 403: response('Forbidden'), 404: response('NotFound') },
    }),
  },
  '/api/admin/audit': {
    get: operation('accounts', {
      operationId: 'listAuditEvents', summary: 'The audit trail', tags: ['admin'],
      description: 'Reads of patient-level data, exports and the changes made here, newest first (`rcm audit`). This read is audited too.',
      parameters: [query('user', USERNAME, "only this user's events"), query('since', DATE, 'only from this day (UTC)'), query('limit', { type: 'integer', minimum: 1, maximum: 10_000, default: 100 }, 'the most events answered')],
      responses: { 200: json('The events.', ref('AuditEvents')), 400: response('BadRequest'), ...signedIn, 403: response('Forbidden') },
    }),
  },
  '/api/openapi.json': {
    get: operation(undefined, {
      operationId: 'getOpenApi', summary: 'This document', tags: ['docs'],
      description: 'The HTTP API as OpenAPI 3.1.',
      responses: { 200: json('The document.', { type: 'object' }), ...signedIn },
    }),
  },
  '/api/docs': {
    get: operation(undefined, {
      operationId: 'getDocs', summary: 'Browse this document', tags: ['docs'],
      description: "Swagger UI over this document, served from this server (no CDN). \"Try it out\" runs with the browser's session and sends its CSRF token.",
      responses: { 200: { description: 'The page.', content: { 'text/html': { schema: { type: 'string' } } } }, ...signedIn },
    }),
  },
  '/api/docs/{file}': {
    get: operation(undefined, {
      operationId: 'getDocsFile', summary: "The docs page's scripts, stylesheet and icons", tags: ['docs'],
      description: 'Swagger UI files from the swagger-ui-dist package, and the page\'s start script.',
      parameters: [path('file', { type: 'string', pattern: '^[A-Za-z0-9._-]+$' }, 'a file of the page', 'swagger-ui-bundle.js')],
      responses: { 200: { description: 'The file.', content: { 'text/javascript': { schema: { type: 'string' } }, 'text/css': { schema: { type: 'string' } }, 'image/png': { schema: { type: 'string', format: 'binary' } } } }, ...signedIn, 404: response('NotFound') },
    }),
  },
};

export function openApiDocument(): OpenApiDocument {
  return {
    openapi: '3.1.0',
    info: {
      title: 'rcm-workbench',
      version: packageJson.version,
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      description: [
        'The revenue-cycle workbench over HTTP: metrics, denial patterns, the claims behind a number, ingest, report packages.',
        '',
        `Sign in with \`POST /api/session\` (a browser gets the \`${SESSION_COOKIE}\` cookie; requests that change something must then send the session's CSRF token as \`X-CSRF-Token\`), or send an API token (\`rcm tokens create\`) as \`Authorization: Bearer rcm_…\`. A user sees only the practices granted (an admin sees all); each route names the roles that may open it.`,
        '',
        'Refusals answer `{ "error": { "code", "message" } }`. Money is an exact decimal string in tables (JSON, CSV) and Decimal128 in Arrow; metrics are numbers.',
        '',
        'Every answer is `Cache-Control: private, no-store`. A read answered while the models are older than the loaded data (files loaded with `build=false`, until `POST /api/build`) carries `X-Models-Stale` with the reason. Bodies are bounded (413): 64 KB, a file the upload cap.',
      ].join('\n'),
    },
    tags: [
      { name: 'session', description: 'signing in and out' },
      { name: 'metrics', description: 'the metrics registry and denial patterns' },
      { name: 'claims', description: 'patient-level claim lists and histories' },
      { name: 'ingest', description: 'ingest history, loading files, rebuilding the models' },
      { name: 'reports', description: 'the monthly close package and its runs' },
      { name: 'admin', description: 'users, API tokens and the audit trail' },
      { name: 'docs', description: 'this document' },
      { name: 'server', description: 'the server itself' },
    ],
    security: [{ session: [] }, { token: [] }],
    paths,
    components: {
      schemas,
      responses,
      parameters: {
        CsrfToken: {
          name: 'X-CSRF-Token', in: 'header', required: false, schema: { type: 'string' },
          description: "The session's CSRF token (from POST or GET /api/session): required with the session cookie, not with an API token. The docs page adds it on its own.",
        },
      },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'the browser session from POST /api/session (idle and absolute expiry)' },
        token: { type: 'http', scheme: 'bearer', description: 'an API token, rcm_ and 43 characters (`rcm tokens create`), for scripts' },
      },
    },
  };
}
