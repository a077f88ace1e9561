// The users, their roles and practices, and their API tokens, kept in the warehouse (migration 010).
// Tokens are random 32-byte strings shown once; only their SHA-256 is stored.
import { createHash, randomBytes } from 'node:crypto';
import type { Warehouse } from '../../warehouse/database.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

export const ROLES = ['admin', 'practice_manager', 'billing_lead', 'finance'] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  userId: bigint;
  username: string;
  role: Role;
  practices: string[];
  disabled: boolean;
  /** Where scheduled reports go (migration 016); null: none. */
  email?: string | null;
}

/** A request about users or tokens that cannot be done: what was asked is invalid, names no such user or token, or exists already. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly kind: 'invalid' | 'unknown' | 'exists' = 'invalid',
  ) {
    super(message);
  }
}

const USERNAME = /^[a-z0-9][a-z0-9._@-]{1,63}$/;
const NPI = /^\d{10}$/;
/** An address nodemailer and an SMTP server take: one @, no spaces or angle brackets. */
const EMAIL = /^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/;

export function isRole(text: string): text is Role {
  return (ROLES as readonly string[]).includes(text);
}

function checkEmail(email: string): void {
  if (!EMAIL.test(email)) throw new UserError(`"${email}" is not an e-mail address`);
}

/** A new user's password, checked and hashed (slow on purpose: a server does it before it takes its warehouse queue). */
export interface HashedPassword {
  hash: string;
}

export async function hashNewPassword(password: string): Promise<HashedPassword> {
  if (password.length < 12) throw new UserError('a password needs at least 12 characters');
  return { hash: await hashPassword(password) };
}

export async function addUser(w: Warehouse, username: string, role: Role, password: string | HashedPassword, practices: string[], options: { email?: string } = {}): Promise<User> {
  if (options.email !== undefined) checkEmail(options.email);
  if (!USERNAME.test(username)) throw new UserError(`"${username}" is not a valid user name: 2–64 lower-case letters, digits, or . _ @ -`);
  if (typeof password === 'string' && password.length < 12) throw new UserError('a password needs at least 12 characters');
  for (const npi of practices) if (!NPI.test(npi)) throw new UserError(`"${npi}" is not a billing NPI (10 digits)`);
  if (role !== 'admin' && practices.length === 0) throw new UserError(`a ${role} must be granted at least one practice (--practice <billing NPI>)`);
  if (await w.one('SELECT 1 FROM app_user WHERE username = $1', [username])) throw new UserError(`the user ${username} exists already`, 'exists');
  const { hash } = typeof password === 'string' ? await hashNewPassword(password) : password;
  return w.transaction(async () => {
    const { id } = (await w.one<{ id: bigint }>('INSERT INTO app_user (username, role, password_hash, email, created_at) VALUES ($1, $2, $3, $4, current_timestamp) RETURNING user_id AS id', [username, role, hash, options.email ?? null]))!;
    for (const npi of new Set(practices)) await w.run('INSERT INTO app_user_practice VALUES ($1, $2)', [id, npi]);
    return { userId: id, username, role, practices: [...new Set(practices)].sort(), disabled: false, email: options.email ?? null };
  });
}

/**
 * Every user, or the one named (the check of each request reads one user, not all of them). The practices
 * are sorted after they are listed: an ordered aggregate took about 8 ms a check on the demo practice, this 5.
 */
export async function listUsers(w: Warehouse, username?: string): Promise<User[]> {
  const rows = await w.all<{ user_id: bigint; username: string; role: Role; disabled: boolean; email: string | null; practices: string[] | null }>(`
    SELECT u.user_id, u.username, u.role, u.disabled_at IS NOT NULL AS disabled, u.email, list_sort(list(p.billing_npi) FILTER (WHERE p.billing_npi IS NOT NULL)) AS practices
    FROM app_user u LEFT JOIN app_user_practice p USING (user_id)
    WHERE $1::VARCHAR IS NULL OR u.username = $1
    GROUP BY ALL ORDER BY u.username`, [username ?? null]);
  return rows.map((r) => ({ userId: r.user_id, username: r.username, role: r.role, practices: r.practices ?? [], disabled: r.disabled, email: r.email }));
}

/** Sets (or, with null, clears) the address a user's scheduled reports go to. */
export async function setUserEmail(w: Warehouse, username: string, email: string | null): Promise<void> {
  if (email !== null) checkEmail(email);
  const user = await w.one<{ user_id: bigint }>('SELECT user_id FROM app_user WHERE username = $1', [username]);
  if (!user) throw new UserError(`no user ${username}`, 'unknown');
  await w.run('UPDATE app_user SET email = $1 WHERE user_id = $2', [email, user.user_id]);
}

/** Disables a user, revokes their tokens and ends their sessions. */
export async function disableUser(w: Warehouse, username: string): Promise<void> {
  const user = await w.one<{ user_id: bigint }>('SELECT user_id FROM app_user WHERE username = $1', [username]);
  if (!user) throw new UserError(`no user ${username}`, 'unknown');
  await w.transaction(async () => {
    await w.run('UPDATE app_user SET disabled_at = current_timestamp WHERE user_id = $1 AND disabled_at IS NULL', [user.user_id]);
    await w.run('UPDATE api_token SET revoked_at = current_timestamp WHERE user_id = $1 AND revoked_at IS NULL', [user.user_id]);
    await w.run('UPDATE app_session SET ended_at = current_timestamp WHERE user_id = $1 AND ended_at IS NULL', [user.user_id]);
  });
}

/** The user whose name and password these are, unless disabled; undefined otherwise. */
export async function checkPassword(w: Warehouse, username: string, password: string): Promise<User | undefined> {
  const stored = await passwordHashOf(w, username);
  if (!(await passwordMatches(password, stored))) return undefined;
  return (await listUsers(w, username))[0];
}

/** The stored hash of an active user's password (read apart from the slow check, which need not hold the warehouse). */
export async function passwordHashOf(w: Warehouse, username: string): Promise<string | undefined> {
  return (await w.one<{ password_hash: string }>('SELECT password_hash FROM app_user WHERE username = $1 AND disabled_at IS NULL', [username]))?.password_hash;
}

/** A hash of a password nobody has, checked when the user is unknown so that the answer takes as long. */
let decoy: Promise<string> | undefined;

/** Whether the password is the stored one; as slow for an unknown user (no stored hash) as for a known one. */
export async function passwordMatches(password: string, stored: string | undefined): Promise<boolean> {
  if (stored === undefined) {
    decoy ??= hashPassword(randomBytes(16).toString('hex'));
    await verifyPassword(password, await decoy);
    return false;
  }
  return verifyPassword(password, stored);
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createToken(w: Warehouse, username: string, name: string): Promise<{ tokenId: bigint; token: string }> {
  const user = await w.one<{ user_id: bigint }>('SELECT user_id FROM app_user WHERE username = $1 AND disabled_at IS NULL', [username]);
  if (!user) throw new UserError(`no active user ${username}`, 'unknown');
  const token = `rcm_${randomBytes(32).toString('base64url')}`;
  const { id } = (await w.one<{ id: bigint }>('INSERT INTO api_token (user_id, name, token_hash, created_at) VALUES ($1, $2, $3, current_timestamp) RETURNING token_id AS id', [user.user_id, name, tokenHash(token)]))!;
  return { tokenId: id, token };
}

export interface TokenInfo {
  tokenId: bigint;
  username: string;
  name: string;
  createdAt: string;
  /** null: still valid (unless its user is disabled). */
  revokedAt: string | null;
}

/** The API tokens (never the tokens themselves), of one user or all, newest first. */
export async function listTokens(w: Warehouse, username?: string): Promise<TokenInfo[]> {
  const rows = await w.all<{ token_id: bigint; username: string; name: string; created_at: string; revoked_at: string | null }>(
    `SELECT t.token_id, u.username, t.name, strftime(t.created_at, '%Y-%m-%d %H:%M:%S') AS created_at, strftime(t.revoked_at, '%Y-%m-%d %H:%M:%S') AS revoked_at
     FROM api_token t JOIN app_user u USING (user_id)
     WHERE $1::VARCHAR IS NULL OR u.username = $1
     ORDER BY t.token_id DESC`, [username ?? null]);
  return rows.map((r) => ({ tokenId: r.token_id, username: r.username, name: r.name, createdAt: r.created_at, revokedAt: r.revoked_at }));
}

export async function revokeToken(w: Warehouse, tokenId: bigint): Promise<void> {
  const row = await w.one('SELECT 1 FROM api_token WHERE token_id = $1', [tokenId]);
  if (!row) throw new UserError(`no token ${tokenId}`, 'unknown');
  await w.run('UPDATE api_token SET revoked_at = current_timestamp WHERE token_id = $1 AND revoked_at IS NULL', [tokenId]);
}

/** The active user a token belongs to, unless the token or the user is revoked or disabled. */
export async function userOfToken(w: Warehouse, token: string): Promise<User | undefined> {
  const row = await w.one<{ username: string }>(
    'SELECT u.username FROM api_token t JOIN app_user u USING (user_id) WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.disabled_at IS NULL', [tokenHash(token)]);
  return row ? (await listUsers(w, row.username))[0] : undefined;
}
