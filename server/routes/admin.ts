// /api/admin: users, API tokens and the audit trail, for an admin, while the server holds the warehouse
// (DuckDB lets one process open it, so `rcm users|tokens|audit --server` come here). Every call is audited,
// reads of the trail too; passwords and tokens never go on it. A revoked token or a disabled user is
// refused from the next request on: the change forgets the tokens require-user remembers, and a disabled
// user's sessions end with it.
import type { Context } from 'hono';
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Warehouse } from '../../warehouse/database.ts';
import { Auditor, listAudit } from '../../access/audit.ts';
import { generatePassword } from '../../access/passwords.ts';
import type { AppEnv } from '../auth/require-user.ts';
import { requireView } from '../auth/require-view.ts';
import { addUser, createToken, disableUser, hashNewPassword, listTokens, listUsers, revokeToken, setUserEmail, UserError, type TokenInfo, type User } from '../../access/users.ts';
import { httpError } from '../http-error.ts';
import {
  AccountEmail, Accounts, AddedAccount, ApiTokens, AuditEvents, AuditQuery, ChangedAccount, CreatedApiToken, NewAccount, NewApiToken, RevokedApiToken, TOKEN_ID, USER_NAME, UserQuery,
  type Account, type ApiToken, type AuditEvent,
} from '../../kernel/api/admin.ts';
import { CSRF_TOKEN, documentBodies, guarded, json, jsonBody, refusal, refusals, routeGroup } from '../contract.ts';

type Queue = <T>(work: () => Promise<T>) => Promise<T>;

/** A user, a token and an audit event as the API answers them (`rcm users|tokens|audit --server` read them). */
export type UserAnswer = Account;
export type TokenAnswer = ApiToken;
export type AuditAnswer = AuditEvent;

const userAnswer = (u: User): UserAnswer => ({ user_id: Number(u.userId), username: u.username, role: u.role, practices: u.practices, email: u.email ?? null, disabled: u.disabled });
const tokenAnswer = (t: TokenInfo): TokenAnswer => ({ token_id: Number(t.tokenId), username: t.username, name: t.name, created_at: t.createdAt, revoked_at: t.revokedAt });

const Username = z.string().regex(USER_NAME, { error: (issue) => `a user name is 2–64 lower-case letters, digits, or . _ @ -, not "${String(issue.input)}"` })
  .meta({ description: 'a user name', example: 'admin' });
const TokenId = z.string().regex(TOKEN_ID, { error: (issue) => `a token is named by its number (GET /api/admin/tokens lists them), not "${String(issue.input)}"` })
  .meta({ description: 'a token (GET /api/admin/tokens lists them)', example: '1' });
const account = z.object({ username: Username });

const listAccounts = guarded('accounts', createRoute({
  method: 'get', path: '/admin/users', operationId: 'listAccounts', summary: 'The users', tags: ['admin'],
  description: 'Every user with role, practices, e-mail and whether disabled (`rcm users list`). Audited.',
  request: { query: z.object({}).strict() },
  responses: { 200: json('The users.', Accounts), 400: refusals.BadRequest },
}));

const addAccount = guarded('accounts', createRoute({
  method: 'post', path: '/admin/users', operationId: 'addAccount', summary: 'Add a user', tags: ['admin'],
  description: 'Adds a user (`rcm users add`); without a password one is generated and answered once. Audited (never the password).',
  request: { body: jsonBody(NewAccount) },
  parameters: [CSRF_TOKEN],
  responses: { 201: json('The user.', AddedAccount), 400: refusals.BadRequest, 409: refusal('A user of that name exists already (conflict).') },
}));

const setAccountEmail = guarded('accounts', createRoute({
  method: 'put', path: '/admin/users/{username}/email', operationId: 'setAccountEmail', summary: "Set a user's e-mail", tags: ['admin'],
  description: 'Sets (or, with null, clears) where scheduled reports for the user go (`rcm users email`). Audited.',
  request: { params: account, body: jsonBody(AccountEmail) },
  parameters: [CSRF_TOKEN],
  responses: { 200: json('The user.', ChangedAccount), 400: refusals.BadRequest, 404: refusals.NotFound },
}));

const disableAccount = guarded('accounts', createRoute({
  method: 'post', path: '/admin/users/{username}/disable', operationId: 'disableAccount', summary: 'Disable a user', tags: ['admin'],
  description: 'Disables the user, revokes their tokens and ends their sessions (`rcm users disable`): refused from the next request on. Audited.',
  request: { params: account },
  parameters: [CSRF_TOKEN],
  responses: { 200: json('The user, disabled.', ChangedAccount), 400: refusals.BadRequest, 404: refusals.NotFound },
}));

const listApiTokens = guarded('accounts', createRoute({
  method: 'get', path: '/admin/tokens', operationId: 'listApiTokens', summary: 'The API tokens', tags: ['admin'],
  description: 'Every API token, or a user’s, with its name and when it was made and revoked (`rcm tokens list`); never the token. Audited.',
  request: { query: UserQuery },
  responses: { 200: json('The tokens.', ApiTokens), 400: refusals.BadRequest },
}));

const createApiToken = guarded('accounts', createRoute({
  method: 'post', path: '/admin/tokens', operationId: 'createApiToken', summary: 'Create an API token', tags: ['admin'],
  description: 'Makes a token for an active user (`rcm tokens create`), answered once. Audited (never the token).',
  request: { body: jsonBody(NewApiToken) },
  parameters: [CSRF_TOKEN],
  responses: { 201: json('The token.', CreatedApiToken), 400: refusals.BadRequest, 404: refusals.NotFound },
}));

const revokeApiToken = guarded('accounts', createRoute({
  method: 'post', path: '/admin/tokens/{id}/revoke', operationId: 'revokeApiToken', summary: 'Revoke an API token', tags: ['admin'],
  description: 'Revokes the token (`rcm tokens revoke`): refused from the next request on. Audited.',
  request: { params: z.object({ id: TokenId }) },
  parameters: [CSRF_TOKEN],
  responses: { 200: json('Revoked.', RevokedApiToken), 400: refusals.BadRequest, 404: refusals.NotFound },
}));

const listAuditEvents = guarded('accounts', createRoute({
  method: 'get', path: '/admin/audit', operationId: 'listAuditEvents', summary: 'The audit trail', tags: ['admin'],
  description: 'Reads of patient-level data, exports and the changes made here, newest first (`rcm audit`). This read is audited too.',
  request: { query: AuditQuery },
  responses: { 200: json('The events.', AuditEvents), 400: refusals.BadRequest },
}));

async function body<T>(c: Context, schema: z.ZodType<T>, example: string): Promise<T> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw httpError(400, 'bad_request', `send the request as JSON, e.g. ${example}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw httpError(400, 'bad_request', parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return parsed.data;
}

/** A refusal of users.ts as an HTTP answer: 404 for an unknown user or token, 409 for one that exists, else 400. */
function refused(error: unknown): never {
  if (error instanceof UserError) throw httpError(error.kind === 'unknown' ? 404 : error.kind === 'exists' ? 409 : 400, error.kind === 'unknown' ? 'not_found' : error.kind === 'exists' ? 'conflict' : 'bad_request', error.message);
  throw error;
}

/** `warehouse`: the connection the user check reads (the accounts' connection), in its queue. */
export function adminRoutes(warehouse: Warehouse, serialized: Queue, auditor = new Auditor(warehouse, serialized)): OpenAPIHono<AppEnv> {
  const app = routeGroup();
  // every admin route, and any path under it, answers 403 to a role without the view before anything else
  app.use('/admin/*', requireView('accounts'));
  documentBodies(app, NewAccount, AccountEmail, NewApiToken);

  /** Does a change, audits it (refused ones too, with why) and, once it holds, forgets the remembered tokens. */
  const change = async <T>(c: Context<AppEnv>, route: string, parameters: Record<string, string>, work: () => Promise<T>): Promise<T> => {
    try {
      const done = await serialized(work);
      c.get('forgetTokens')();
      await auditor.record(c.get('user'), route, parameters, 1);
      return done;
    } catch (error) {
      await auditor.record(c.get('user'), route, { ...parameters, refused: error instanceof Error ? error.message : String(error) }, 0);
      return refused(error);
    }
  };

  app.openapi(listAccounts, async (c) => {
    const query = c.req.query();
    const users = await serialized(() => listUsers(warehouse));
    await auditor.record(c.get('user'), '/api/admin/users', query, users.length);
    return c.json({ users: users.map(userAnswer) }, 200);
  });

  app.openapi(addAccount, async (c) => {
    const asked = await body(c, NewAccount, '{"username": "jane", "role": "billing_lead", "practices": ["1234567893"]}');
    const password = asked.password ?? generatePassword();
    const parameters = { username: asked.username, role: asked.role, practices: (asked.practices ?? []).join(','), email: asked.email ?? '' };
    // hashed before the queue: the hash takes a good part of a second, which every sign-in and token check would wait for
    const hashed = await hashNewPassword(password);
    const user = await change(c, 'POST /api/admin/users', parameters, () => addUser(warehouse, asked.username, asked.role, hashed, asked.practices ?? [], { email: asked.email }));
    return c.json({ user: userAnswer(user), ...(asked.password === undefined ? { password } : {}) }, 201);
  });

  app.openapi(setAccountEmail, async (c) => {
    const { username } = c.req.valid('param');
    const { email } = await body(c, AccountEmail, '{"email": "jane@example.org"} or {"email": null}');
    const user = await change(c, 'PUT /api/admin/users/:username/email', { username, email: email ?? '' }, async () => {
      await setUserEmail(warehouse, username, email);
      return (await listUsers(warehouse, username))[0];
    });
    return c.json({ user: userAnswer(user) }, 200);
  });

  app.openapi(disableAccount, async (c) => {
    const { username } = c.req.valid('param');
    const user = await change(c, 'POST /api/admin/users/:username/disable', { username }, async () => {
      await disableUser(warehouse, username);
      return (await listUsers(warehouse, username))[0];
    });
    return c.json({ user: userAnswer(user) }, 200);
  });

  app.openapi(listApiTokens, async (c) => {
    const query = c.req.query();
    const q = c.req.valid('query');
    const tokens = await serialized(() => listTokens(warehouse, q.user));
    await auditor.record(c.get('user'), '/api/admin/tokens', query, tokens.length);
    return c.json({ tokens: tokens.map(tokenAnswer) }, 200);
  });

  app.openapi(createApiToken, async (c) => {
    const asked = await body(c, NewApiToken, '{"username": "jane", "name": "nightly export"}');
    const name = asked.name ?? 'script';
    const { tokenId, token } = await change(c, 'POST /api/admin/tokens', { username: asked.username, name }, () => createToken(warehouse, asked.username, name));
    return c.json({ token_id: Number(tokenId), username: asked.username, name, token }, 201);
  });

  app.openapi(revokeApiToken, async (c) => {
    const { id } = c.req.valid('param');
    await change(c, 'POST /api/admin/tokens/:id/revoke', { token_id: id }, () => revokeToken(warehouse, BigInt(id)));
    return c.json({ token_id: Number(id), revoked: true as const }, 200);
  });

  app.openapi(listAuditEvents, async (c) => {
    const query = c.req.query();
    const q = c.req.valid('query');
    const events = await serialized(() => listAudit(warehouse, { username: q.user, since: q.since, limit: q.limit ?? 100 }));
    // the read of the trail goes on it after the read, so it is not among the events it answers
    await auditor.record(c.get('user'), '/api/admin/audit', query, events.length);
    const answer: AuditAnswer[] = events.map((e) => ({ event_id: Number(e.eventId), occurred_at: e.occurredAt, username: e.username, route: e.route, parameters: e.parameters, row_count: Number(e.rowCount) }));
    return c.json({ events: answer }, 200);
  });

  return app;
}
