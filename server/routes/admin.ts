// /api/admin: users, API tokens and the audit trail, for an admin, while the server holds the warehouse
// (DuckDB lets one process open it, so `rcm users|tokens|audit --server` come here). Every call is audited,
// reads of the trail too; passwords and tokens never go on it. A revoked token or a disabled user is
// refused from the next request on: the change forgets the tokens require-user remembers, and a disabled
// user's sessions end with it.
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Warehouse } from '../../warehouse/database.ts';
import { Auditor, listAudit } from '../../access/audit.ts';
import { generatePassword } from '../../access/passwords.ts';
import type { AppEnv } from '../auth/require-user.ts';
import { requireView } from '../auth/require-view.ts';
import { addUser, createToken, disableUser, hashNewPassword, listTokens, listUsers, revokeToken, ROLES, setUserEmail, UserError, type TokenInfo, type User } from '../../access/users.ts';
import { httpError } from '../http-error.ts';
import { date, parse } from '../query.ts';

type Queue = <T>(work: () => Promise<T>) => Promise<T>;

/** A user as the API answers it. */
export interface UserAnswer {
  user_id: number;
  username: string;
  role: User['role'];
  practices: string[];
  email: string | null;
  disabled: boolean;
}
export interface TokenAnswer {
  token_id: number;
  username: string;
  name: string;
  created_at: string;
  revoked_at: string | null;
}
export interface AuditAnswer {
  event_id: number;
  occurred_at: string;
  username: string | null;
  route: string;
  parameters: string;
  row_count: number;
}

const userAnswer = (u: User): UserAnswer => ({ user_id: Number(u.userId), username: u.username, role: u.role, practices: u.practices, email: u.email ?? null, disabled: u.disabled });
const tokenAnswer = (t: TokenInfo): TokenAnswer => ({ token_id: Number(t.tokenId), username: t.username, name: t.name, created_at: t.createdAt, revoked_at: t.revokedAt });

export const USER_NAME = /^[a-z0-9][a-z0-9._@-]{1,63}$/;
export const TOKEN_ID = /^\d{1,18}$/;
export const TOKEN_NAME = /^[\w .@:/-]{1,100}$/;

const newUser = z.object({
  username: z.string().regex(USER_NAME, '2–64 lower-case letters, digits, or . _ @ -'),
  role: z.enum(ROLES),
  practices: z.array(z.string()).max(1000).optional(),
  email: z.string().max(320).optional(),
  password: z.string().min(12).max(1024).optional(),
}).strict();
const emailBody = z.object({ email: z.string().max(320).nullable() }).strict();
const newToken = z.object({ username: z.string().regex(USER_NAME), name: z.string().regex(TOKEN_NAME, '1–100 letters, digits, blanks or . @ : / - _').optional() }).strict();
const userQuery = z.object({ user: z.string().regex(USER_NAME).optional() }).strict();
const auditQuery = z.object({ user: z.string().regex(USER_NAME).optional(), since: date.optional(), limit: z.coerce.number().int().min(1).max(10_000).optional() }).strict();

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

function pathName(c: Context, name: string, pattern: RegExp, what: string): string {
  const value = c.req.param(name) ?? '';
  if (!pattern.test(value)) throw httpError(400, 'bad_request', `${what}, not "${value}"`);
  return value;
}

/** A refusal of users.ts as an HTTP answer: 404 for an unknown user or token, 409 for one that exists, else 400. */
function refused(error: unknown): never {
  if (error instanceof UserError) throw httpError(error.kind === 'unknown' ? 404 : error.kind === 'exists' ? 409 : 400, error.kind === 'unknown' ? 'not_found' : error.kind === 'exists' ? 'conflict' : 'bad_request', error.message);
  throw error;
}

/** `warehouse`: the connection the user check reads (the accounts' connection), in its queue. */
export function adminRoutes(warehouse: Warehouse, serialized: Queue, auditor = new Auditor(warehouse, serialized)): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('/admin/*', requireView('accounts'));

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

  app.get('/admin/users', async (c) => {
    const query = c.req.query();
    parse(z.object({}).strict(), query);
    const users = await serialized(() => listUsers(warehouse));
    await auditor.record(c.get('user'), '/api/admin/users', query, users.length);
    return c.json({ users: users.map(userAnswer) });
  });

  app.post('/admin/users', async (c) => {
    const asked = await body(c, newUser, '{"username": "jane", "role": "billing_lead", "practices": ["1234567893"]}');
    const password = asked.password ?? generatePassword();
    const parameters = { username: asked.username, role: asked.role, practices: (asked.practices ?? []).join(','), email: asked.email ?? '' };
    // hashed before the queue: the hash takes a good part of a second, which every sign-in and token check would wait for
    const hashed = await hashNewPassword(password);
    const user = await change(c, 'POST /api/admin/users', parameters, () => addUser(warehouse, asked.username, asked.role, hashed, asked.practices ?? [], { email: asked.email }));
    return c.json({ user: userAnswer(user), ...(asked.password === undefined ? { password } : {}) }, 201);
  });

  app.put('/admin/users/:username/email', async (c) => {
    const username = pathName(c, 'username', USER_NAME, 'a user name is 2–64 lower-case letters, digits, or . _ @ -');
    const { email } = await body(c, emailBody, '{"email": "jane@example.org"} or {"email": null}');
    const user = await change(c, 'PUT /api/admin/users/:username/email', { username, email: email ?? '' }, async () => {
      await setUserEmail(warehouse, username, email);
      return (await listUsers(warehouse, username))[0];
    });
    return c.json({ user: userAnswer(user) });
  });

  app.post('/admin/users/:username/disable', async (c) => {
    const username = pathName(c, 'username', USER_NAME, 'a user name is 2–64 lower-case letters, digits, or . _ @ -');
    const user = await change(c, 'POST /api/admin/users/:username/disable', { username }, async () => {
      await disableUser(warehouse, username);
      return (await listUsers(warehouse, username))[0];
    });
    return c.json({ user: userAnswer(user) });
  });

  app.get('/admin/tokens', async (c) => {
    const query = c.req.query();
    const q = parse(userQuery, query);
    const tokens = await serialized(() => listTokens(warehouse, q.user));
    await auditor.record(c.get('user'), '/api/admin/tokens', query, tokens.length);
    return c.json({ tokens: tokens.map(tokenAnswer) });
  });

  app.post('/admin/tokens', async (c) => {
    const asked = await body(c, newToken, '{"username": "jane", "name": "nightly export"}');
    const name = asked.name ?? 'script';
    const { tokenId, token } = await change(c, 'POST /api/admin/tokens', { username: asked.username, name }, () => createToken(warehouse, asked.username, name));
    return c.json({ token_id: Number(tokenId), username: asked.username, name, token }, 201);
  });

  app.post('/admin/tokens/:id/revoke', async (c) => {
    const id = pathName(c, 'id', TOKEN_ID, 'a token is named by its number (GET /api/admin/tokens lists them)');
    await change(c, 'POST /api/admin/tokens/:id/revoke', { token_id: id }, () => revokeToken(warehouse, BigInt(id)));
    return c.json({ token_id: Number(id), revoked: true });
  });

  app.get('/admin/audit', async (c) => {
    const query = c.req.query();
    const q = parse(auditQuery, query);
    const events = await serialized(() => listAudit(warehouse, { username: q.user, since: q.since, limit: q.limit ?? 100 }));
    // the read of the trail goes on it after the read, so it is not among the events it answers
    await auditor.record(c.get('user'), '/api/admin/audit', query, events.length);
    const answer: AuditAnswer[] = events.map((e) => ({ event_id: Number(e.eventId), occurred_at: e.occurredAt, username: e.username, route: e.route, parameters: e.parameters, row_count: Number(e.rowCount) }));
    return c.json({ events: answer });
  });

  return app;
}
