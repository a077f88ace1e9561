// `npm run docs:api`: writes the route table of docs/api.md from the generated OpenAPI document, so that the
// manual lists exactly the routes the server declares (tests/docs-api.test.ts fails when it is stale).
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { mayOpen, type View } from '../access/roles.ts';
import { ROLES } from '../access/users.ts';
import { apiDocument, type OpenApiDocument } from '../server/api-document.ts';
import { createApp } from '../server/app.ts';
import { DEFAULT_SERVER_OPTIONS } from '../server/options.ts';
import { Warehouse } from '../warehouse/database.ts';

export const API_DOC = fileURLToPath(new URL('../docs/api.md', import.meta.url));
const START = '<!-- api:start -->';
const END = '<!-- api:end -->';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface Operation {
  summary?: string;
  security?: unknown[];
  'x-rcm-view'?: View;
}

/** The document the server answers at /api/openapi.json (made from the routes; the warehouse is never read). */
export async function generatedDocument(): Promise<OpenApiDocument> {
  const warehouse = await Warehouse.open(':memory:');
  try {
    return apiDocument(createApp(warehouse, { ...DEFAULT_SERVER_OPTIONS, reportsDir: tmpdir() }));
  } finally {
    warehouse.close();
  }
}

function who(op: Operation): string {
  const view = op['x-rcm-view'];
  if (view) return `\`${view}\`: ${ROLES.filter((role) => mayOpen(role, view)).map((role) => role.replace('_', ' ')).join(', ')}`;
  return op.security?.length === 0 ? 'no sign-in' : 'any signed-in user';
}

/** The route table: one row per operation, in the document's order. */
export function routeTable(doc: OpenApiDocument): string {
  const rows = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    METHODS.filter((m) => (item as Record<string, unknown>)[m]).map((m) => {
      const op = (item as Record<string, Operation>)[m];
      return `| ${m.toUpperCase()} | \`${path}\` | ${who(op)} | ${(op.summary ?? '').replaceAll('|', '\\|')} |`;
    }));
  return [
    '### Every route',
    '',
    'Generated from `/api/openapi.json` by `npm run docs:api` (tests/docs-api.test.ts fails when it is stale). A role without the view gets 403.',
    '',
    '| method | path | view: roles | what |',
    '|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/** The document with the text between the markers replaced by the table. */
export function withRouteTable(doc: string, table: string): string {
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`the document has no ${START} … ${END} markers`);
  return `${doc.slice(0, start + START.length)}\n${table}\n${doc.slice(end)}`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const table = routeTable(await generatedDocument());
  const doc = readFileSync(API_DOC, 'utf8');
  const next = withRouteTable(doc, table);
  if (next !== doc) writeFileSync(API_DOC, next);
  process.stdout.write(`${API_DOC}: ${table.split('\n').filter((line) => /^\| [A-Z]+ \|/.test(line)).length} routes${next === doc ? ', already current' : ', table rewritten'}\n`);
}
