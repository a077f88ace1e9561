// The users, their roles and practices, and their API tokens, kept in the warehouse (migration 010).
// Tokens are random 32-byte strings shown once; only their SHA-256 is stored.
import { createHash, randomBytes } from 'node:crypto';
import type { Warehouse } from '../warehouse/database.ts';
import * as accounts from '../warehouse/queries/accounts.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { ROLES } from '../kernel/api/session.ts';

// the roles are the API's vocabulary (kernel/api/session.ts): one list for the accounts, the routes and the pages
export { ROLES };
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
  if (await accounts.userExists(w, username)) throw new UserError(`the user ${username} exists already`, 'exists');
  const { hash } = typeof password === 'string' ? await hashNewPassword(password) : password;
  const granted = [...new Set(practices)];
  const id = await accounts.insertUser(w, { username, role, passwordHash: hash, email: options.email ?? null, practices: granted });
  return { userId: id, username, role, practices: granted.sort(), disabled: false, email: options.email ?? null };
}

/** Every user, or the one named (the check of each request reads one user, not all of them). */
export async function listUsers(w: Warehouse, username?: string): Promise<User[]> {
  const rows = await accounts.selectUsers(w, username);
  return rows.map((r) => ({ userId: r.user_id, username: r.username, role: r.role as Role, practices: r.practices ?? [], disabled: r.disabled, email: r.email }));
}

/** Sets (or, with null, clears) the address a user's scheduled reports go to. */
export async function setUserEmail(w: Warehouse, username: string, email: string | null): Promise<void> {
  if (email !== null) checkEmail(email);
  const userId = await accounts.userIdOf(w, username);
  if (userId === undefined) throw new UserError(`no user ${username}`, 'unknown');
  await accounts.updateUserEmail(w, userId, email);
}

/** Disables a user, revokes their tokens and ends their sessions. */
export async function disableUser(w: Warehouse, username: string): Promise<void> {
  const userId = await accounts.userIdOf(w, username);
  if (userId === undefined) throw new UserError(`no user ${username}`, 'unknown');
  await accounts.disableUserRows(w, userId);
}

/** The user whose name and password these are, unless disabled; undefined otherwise. */
export async function checkPassword(w: Warehouse, username: string, password: string): Promise<User | undefined> {
  const stored = await passwordHashOf(w, username);
  if (!(await passwordMatches(password, stored))) return undefined;
  return (await listUsers(w, username))[0];
}

/** The stored hash of an active user's password (read apart from the slow check, which need not hold the warehouse). */
export async function passwordHashOf(w: Warehouse, username: string): Promise<string | undefined> {
  return accounts.storedPasswordHash(w, username);
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
  const userId = await accounts.userIdOf(w, username, { active: true });
  if (userId === undefined) throw new UserError(`no active user ${username}`, 'unknown');
  const token = `rcm_${randomBytes(32).toString('base64url')}`;
  return { tokenId: await accounts.insertToken(w, userId, name, tokenHash(token)), token };
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
  const rows = await accounts.selectTokens(w, username);
  return rows.map((r) => ({ tokenId: r.token_id, username: r.username, name: r.name, createdAt: r.created_at, revokedAt: r.revoked_at }));
}

export async function revokeToken(w: Warehouse, tokenId: bigint): Promise<void> {
  if (!(await accounts.tokenExists(w, tokenId))) throw new UserError(`no token ${tokenId}`, 'unknown');
  await accounts.revokeTokenRow(w, tokenId);
}

/** The active user a token belongs to, unless the token or the user is revoked or disabled. */
export async function userOfToken(w: Warehouse, token: string): Promise<User | undefined> {
  const username = await accounts.usernameOfTokenHash(w, tokenHash(token));
  return username === undefined ? undefined : (await listUsers(w, username))[0];
}
