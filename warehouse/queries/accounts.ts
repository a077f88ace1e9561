// The accounts' reads and writes: users with their practices, API tokens, browser sessions and the audit trail
// (migrations 010, 013). What a password, a token or a session means is decided in server/auth/; these only
// store and find rows. Tokens and session cookies arrive here already hashed.
import type { SqlValue, Warehouse } from '../database.ts';

export type UserRow = { user_id: bigint; username: string; role: string; disabled: boolean; email: string | null; practices: string[] | null };

export async function userExists(w: Warehouse, username: string): Promise<boolean> {
  return (await w.one('SELECT 1 FROM app_user WHERE username = $1', [username])) !== undefined;
}

/** The user's id; with `active`, only while the user is not disabled. */
export async function userIdOf(w: Warehouse, username: string, options: { active?: boolean } = {}): Promise<bigint | undefined> {
  const row = await w.one<{ user_id: bigint }>(`SELECT user_id FROM app_user WHERE username = $1${options.active ? ' AND disabled_at IS NULL' : ''}`, [username]);
  return row?.user_id;
}

/** Adds a user and their practices in one transaction; answers the new id. */
export async function insertUser(w: Warehouse, user: { username: string; role: string; passwordHash: string; email: string | null; practices: readonly string[] }): Promise<bigint> {
  return w.transaction(async () => {
    const { id } = (await w.one<{ id: bigint }>(
      'INSERT INTO app_user (username, role, password_hash, email, created_at) VALUES ($1, $2, $3, $4, current_timestamp) RETURNING user_id AS id',
      [user.username, user.role, user.passwordHash, user.email],
    ))!;
    for (const npi of user.practices) await w.run('INSERT INTO app_user_practice VALUES ($1, $2)', [id, npi]);
    return id;
  });
}

/**
 * Every user, or the one named (the check of each request reads one user, not all of them). The practices
 * are sorted after they are listed: an ordered aggregate took about 8 ms a check on the demo practice, this 5.
 */
export async function selectUsers(w: Warehouse, username?: string): Promise<UserRow[]> {
  return w.all<UserRow>(`
    SELECT u.user_id, u.username, u.role, u.disabled_at IS NOT NULL AS disabled, u.email, list_sort(list(p.billing_npi) FILTER (WHERE p.billing_npi IS NOT NULL)) AS practices
    FROM app_user u LEFT JOIN app_user_practice p USING (user_id)
    WHERE $1::VARCHAR IS NULL OR u.username = $1
    GROUP BY ALL ORDER BY u.username`, [username ?? null]);
}

export async function updateUserEmail(w: Warehouse, userId: bigint, email: string | null): Promise<void> {
  await w.run('UPDATE app_user SET email = $1 WHERE user_id = $2', [email, userId]);
}

/** Disables a user, revokes their tokens and ends their sessions, in one transaction. */
export async function disableUserRows(w: Warehouse, userId: bigint): Promise<void> {
  await w.transaction(async () => {
    await w.run('UPDATE app_user SET disabled_at = current_timestamp WHERE user_id = $1 AND disabled_at IS NULL', [userId]);
    await w.run('UPDATE api_token SET revoked_at = current_timestamp WHERE user_id = $1 AND revoked_at IS NULL', [userId]);
    await w.run('UPDATE app_session SET ended_at = current_timestamp WHERE user_id = $1 AND ended_at IS NULL', [userId]);
  });
}

/** The stored hash of an active user's password. */
export async function storedPasswordHash(w: Warehouse, username: string): Promise<string | undefined> {
  return (await w.one<{ password_hash: string }>('SELECT password_hash FROM app_user WHERE username = $1 AND disabled_at IS NULL', [username]))?.password_hash;
}

export async function insertToken(w: Warehouse, userId: bigint, name: string, tokenHash: string): Promise<bigint> {
  return (await w.one<{ id: bigint }>('INSERT INTO api_token (user_id, name, token_hash, created_at) VALUES ($1, $2, $3, current_timestamp) RETURNING token_id AS id', [userId, name, tokenHash]))!.id;
}

export type TokenRow = { token_id: bigint; username: string; name: string; created_at: string; revoked_at: string | null };

/** The API tokens (their hashes left out), of one user or all, newest first. */
export async function selectTokens(w: Warehouse, username?: string): Promise<TokenRow[]> {
  return w.all<TokenRow>(
    `SELECT t.token_id, u.username, t.name, strftime(t.created_at, '%Y-%m-%d %H:%M:%S') AS created_at, strftime(t.revoked_at, '%Y-%m-%d %H:%M:%S') AS revoked_at
     FROM api_token t JOIN app_user u USING (user_id)
     WHERE $1::VARCHAR IS NULL OR u.username = $1
     ORDER BY t.token_id DESC`, [username ?? null]);
}

export async function tokenExists(w: Warehouse, tokenId: bigint): Promise<boolean> {
  return (await w.one('SELECT 1 FROM api_token WHERE token_id = $1', [tokenId])) !== undefined;
}

export async function revokeTokenRow(w: Warehouse, tokenId: bigint): Promise<void> {
  await w.run('UPDATE api_token SET revoked_at = current_timestamp WHERE token_id = $1 AND revoked_at IS NULL', [tokenId]);
}

/** The user of a live token (neither revoked nor its user disabled), by the token's hash. */
export async function usernameOfTokenHash(w: Warehouse, tokenHash: string): Promise<string | undefined> {
  const row = await w.one<{ username: string }>(
    'SELECT u.username FROM api_token t JOIN app_user u USING (user_id) WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.disabled_at IS NULL', [tokenHash]);
  return row?.username;
}

/** Times are written as UTC without a zone ('YYYY-MM-DD HH:MM:SS.mmm'). */
export async function insertSession(w: Warehouse, session: { hash: string; userId: bigint; csrfToken: string; at: string }): Promise<void> {
  await w.run('INSERT INTO app_session VALUES ($1, $2, $3, $4::TIMESTAMP, $4::TIMESTAMP, NULL)', [session.hash, session.userId, session.csrfToken, session.at]);
}

export type SessionRow = { username: string; csrf_token: string; created_at: string; last_seen_at: string };

/** A session not ended, of a user not disabled, by its cookie's hash; its times as ISO 8601 UTC. */
export async function selectLiveSession(w: Warehouse, hash: string): Promise<SessionRow | undefined> {
  return w.one<SessionRow>(
    `SELECT u.username, s.csrf_token, strftime(s.created_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS created_at, strftime(s.last_seen_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS last_seen_at
     FROM app_session s JOIN app_user u USING (user_id)
     WHERE s.session_hash = $1 AND s.ended_at IS NULL AND u.disabled_at IS NULL`,
    [hash],
  );
}

export async function touchSession(w: Warehouse, hash: string, at: string): Promise<void> {
  await w.run('UPDATE app_session SET last_seen_at = $2::TIMESTAMP WHERE session_hash = $1', [hash, at]);
}

export async function endSessionRow(w: Warehouse, hash: string, at: string): Promise<void> {
  await w.run('UPDATE app_session SET ended_at = $2::TIMESTAMP WHERE session_hash = $1 AND ended_at IS NULL', [hash, at]);
}

/** One audit row as written: user id, user name, route, parameters (JSON), row count. */
export type AuditRow = [userId: bigint | null, username: string | null, route: string, parameters: string, rowCount: bigint];

/** Adds audit rows in one statement (a group commit of many readers' rows). */
export async function insertAuditRows(w: Warehouse, rows: readonly AuditRow[]): Promise<void> {
  if (rows.length === 0) return;
  const values = rows.map((_, i) => `(nextval('audit_event_id'), current_timestamp, $${i * 5 + 1}, $${i * 5 + 2}, $${i * 5 + 3}, $${i * 5 + 4}, $${i * 5 + 5})`).join(', ');
  await w.run(`INSERT INTO audit_event (event_id, occurred_at, user_id, username, route, parameters, row_count) VALUES ${values}`, rows.flat() as SqlValue[]);
}

export type AuditEventRow = { event_id: bigint; occurred_at: string; username: string | null; route: string; parameters: string; row_count: bigint };

export async function selectAudit(w: Warehouse, filter: { username?: string; since?: string; limit: number }): Promise<AuditEventRow[]> {
  return w.all<AuditEventRow>(
    `SELECT event_id, strftime(occurred_at, '%Y-%m-%d %H:%M:%S') AS occurred_at, username, route, parameters, row_count FROM audit_event
     WHERE ($1::VARCHAR IS NULL OR username = $1) AND ($2::DATE IS NULL OR occurred_at >= $2::DATE)
     ORDER BY event_id DESC LIMIT $3`,
    [filter.username ?? null, filter.since ?? null, BigInt(filter.limit)],
  );
}
