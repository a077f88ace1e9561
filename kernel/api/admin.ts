// Users, API tokens and the audit trail, for an admin (/api/admin/*).
import { z } from 'zod';
import { IsoDate, Npi } from './common.ts';
import { Role } from './session.ts';

export const USER_NAME = /^[a-z0-9][a-z0-9._@-]{1,63}$/;
export const TOKEN_ID = /^\d{1,18}$/;
export const TOKEN_NAME = /^[\w .@:/-]{1,100}$/;

export const Username = z.string().regex(USER_NAME, '2–64 lower-case letters, digits, or . _ @ -').meta({ id: 'Username', description: 'a user name', example: 'admin' });

export const Account = z.object({
  user_id: z.number().int(), username: z.string(), role: Role,
  practices: z.array(Npi).describe('billing NPIs granted; an admin sees every practice'),
  email: z.string().nullable().describe('where scheduled reports for the user go'), disabled: z.boolean(),
}).meta({ id: 'Account' });
export type Account = z.infer<typeof Account>;

export const Accounts = z.object({ users: z.array(Account).describe('by user name') }).meta({ id: 'Accounts' });

export const NewAccount = z.object({
  username: Username,
  role: Role,
  practices: z.array(z.string()).max(1000).optional().describe('the practices the user may see (at least one, but for an admin)'),
  email: z.string().max(320).optional().describe('where scheduled reports for the user go'),
  password: z.string().min(12).max(1024).optional().meta({ format: 'password', description: 'default: one is generated and answered once' }),
}).strict().meta({ id: 'NewAccount' });

export const AddedAccount = z.object({ user: Account, password: z.string().optional().describe('the generated password, answered once (only when none was sent)') }).meta({ id: 'AddedAccount' });
export const AccountEmail = z.object({ email: z.string().max(320).nullable().describe('the address; null: none') }).strict().meta({ id: 'AccountEmail' });
export const ChangedAccount = z.object({ user: Account }).meta({ id: 'ChangedAccount' });

export const ApiToken = z.object({
  token_id: z.number().int(), username: z.string(), name: z.string().describe('what it is for'), created_at: z.string().describe('UTC'),
  revoked_at: z.string().nullable().describe('UTC; null: valid unless its user is disabled'),
}).meta({ id: 'ApiToken' });
export type ApiToken = z.infer<typeof ApiToken>;
export const ApiTokens = z.object({ tokens: z.array(ApiToken).describe('newest first; never the tokens themselves') }).meta({ id: 'ApiTokens' });

export const NewApiToken = z.object({
  username: z.string().regex(USER_NAME),
  name: z.string().regex(TOKEN_NAME, '1–100 letters, digits, blanks or . @ : / - _').optional().describe('what it is for (default: script)'),
}).strict().meta({ id: 'NewApiToken' });
export const CreatedApiToken = z.object({
  token_id: z.number().int(), username: z.string(), name: z.string(),
  token: z.string().regex(/^rcm_[A-Za-z0-9_-]{43}$/).describe('answered once: only its SHA-256 is kept'),
}).meta({ id: 'CreatedApiToken' });
export const RevokedApiToken = z.object({ token_id: z.number().int(), revoked: z.literal(true) }).meta({ id: 'RevokedApiToken' });

export const AuditEvent = z.object({
  event_id: z.number().int(), occurred_at: z.string().describe('UTC'), username: z.string().nullable(), route: z.string(),
  parameters: z.string().describe('the parameters, as JSON'), row_count: z.number().int(),
}).meta({ id: 'AuditEvent' });
export type AuditEvent = z.infer<typeof AuditEvent>;
export const AuditEvents = z.object({ events: z.array(AuditEvent).describe('newest first') }).meta({ id: 'AuditEvents' });

export const UserQuery = z.object({ user: z.string().regex(USER_NAME).optional().meta({ description: "only this user's tokens", example: 'admin' }) }).strict();
export const AuditQuery = z.object({
  user: z.string().regex(USER_NAME).optional().meta({ description: "only this user's events", example: 'admin' }),
  since: IsoDate.optional().describe('only from this day (UTC)'),
  limit: z.coerce.number().int().min(1).max(10_000).optional().meta({ type: 'integer', default: 100, description: 'the most events answered' }),
}).strict();
