// The manual's route table is the generated OpenAPI document's: a route added, moved or re-guarded without
// `npm run docs:api` fails here.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_DOC, generatedDocument, routeTable, withRouteTable } from '../bin/docs-api.ts';
import type { OpenApiDocument } from '../server/api-document.ts';

describe('the route table of docs/api.md', () => {
  let document: OpenApiDocument;
  beforeAll(async () => {
    document = await generatedDocument();
  });

  it('is the one the document gives (run `npm run docs:api` when this fails)', () => {
    const doc = readFileSync(API_DOC, 'utf8');
    expect(withRouteTable(doc, routeTable(document))).toBe(doc);
  });

  it('has one row per operation with its view, and a stale table is caught', () => {
    const table = routeTable(document);
    expect(table).toContain('| GET | `/api/claims` | `claims`: admin, practice manager, billing lead | The claims behind a number |');
    expect(table).toContain('| POST | `/api/session` | no sign-in | Sign in |');
    const fewer = { ...document, paths: Object.fromEntries(Object.entries(document.paths ?? {}).slice(1)) };
    const doc = readFileSync(API_DOC, 'utf8');
    const stale = withRouteTable(doc, routeTable(fewer));
    expect(withRouteTable(stale, table)).not.toBe(stale);
    expect(() => withRouteTable('no markers', table)).toThrow(/markers/);
  });
});
