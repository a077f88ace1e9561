// Browser sessions (migration 013): a random token in an HttpOnly, SameSite=Strict cookie, stored only as
// its SHA-256, with a CSRF token the page sends back in the X-CSRF-Token header on every state-changing
// request. A session ends at logout, after sessionIdleMinutes without a request, or sessionMaxMinutes after
// login; a disabled user's sessions end with the user.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Warehouse } from '../warehouse/database.ts';
import { endSessionRow, insertSession, selectLiveSession, touchSession } from '../warehouse/queries/accounts.ts';
import { listUsers, type User } from './users.ts';

export const SESSION_COOKIE = 'rcm_session';

export interface SessionLimits {
  idleMinutes: number;
  maxMinutes: number;
}

export interface Session {
  user: User;
  csrfToken: string;
  expiresAt: Date;
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');
const timestamp = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');
/** last_seen_at is written at most this often, so that reads do not each write. */
const TOUCH_MS = 60_000;

export async function createSession(w: Warehouse, user: User, now: Date): Promise<{ token: string; csrfToken: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  await insertSession(w, { hash: hash(token), userId: user.userId, csrfToken, at: timestamp(now) });
  return { token, csrfToken };
}

/** The live session of this cookie value, its last-seen time moved on; undefined when it is unknown, ended, expired or its user disabled. */
export async function sessionOf(w: Warehouse, token: string, now: Date, limits: SessionLimits): Promise<Session | undefined> {
  const row = await selectLiveSession(w, hash(token));
  if (!row) return undefined;
  const created = new Date(row.created_at).getTime();
  const lastSeen = new Date(row.last_seen_at).getTime();
  const absoluteEnd = created + limits.maxMinutes * 60_000;
  if (now.getTime() >= absoluteEnd || now.getTime() >= lastSeen + limits.idleMinutes * 60_000) return undefined;
  if (now.getTime() - lastSeen >= TOUCH_MS) await touchSession(w, hash(token), timestamp(now));
  const user = (await listUsers(w, row.username))[0];
  return { user, csrfToken: row.csrf_token, expiresAt: new Date(Math.min(absoluteEnd, now.getTime() + limits.idleMinutes * 60_000)) };
}

export async function endSession(w: Warehouse, token: string, now: Date): Promise<void> {
  await endSessionRow(w, hash(token), timestamp(now));
}

/** Compares a CSRF token sent with a request to the session's, in constant time. */
export function csrfMatches(sent: string | undefined, expected: string): boolean {
  if (!sent) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
