// Users, passwords and tokens against a real warehouse file, and the CLI verbs as a process.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './passwords.ts';
import { addUser, checkPassword, createToken, disableUser, listUsers, revokeToken, UserError, userOfToken } from './users.ts';
import { rcmHereWithEnv as rcmWithEnv } from '../tests/support/cli-here.ts';
import { tempDir, tempWarehouse } from '../tests/support/temp.ts';

describe('passwords', () => {
  it('hash with a fresh salt each time and verify only the right password', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('anything', 'md5$nonsense')).toBe(false);
  });
});

describe('users and tokens', () => {
  it('adds users with their practices, checks passwords, and disables them with their tokens', async () => {
    const w = await tempWarehouse();
    await addUser(w, 'admin', 'admin', 'a long admin password', []);
    const manager = await addUser(w, 'maria', 'practice_manager', 'maria has a long one', ['1234567893', '1234567893']);
    expect(manager.practices).toEqual(['1234567893']);
    await expect(addUser(w, 'maria', 'finance', 'another long password', ['1234567893'])).rejects.toThrow('exists already');
    await expect(addUser(w, 'lee', 'billing_lead', 'short', ['1234567893'])).rejects.toThrow(UserError);
    await expect(addUser(w, 'lee', 'billing_lead', 'long enough password', [])).rejects.toThrow('at least one practice');
    await expect(addUser(w, 'lee', 'billing_lead', 'long enough password', ["1'; DROP TABLE app_user; --"])).rejects.toThrow('not a billing NPI');
    expect((await listUsers(w)).map((u) => [u.username, u.role, u.practices])).toEqual([['admin', 'admin', []], ['maria', 'practice_manager', ['1234567893']]]);
    // a user's practices are listed in order, whatever order they were granted in
    await addUser(w, 'kim', 'finance', 'kim has a long one too', ['1987654325', '1234567893', '1555444337']);
    expect((await listUsers(w, 'kim'))[0].practices).toEqual(['1234567893', '1555444337', '1987654325']);

    expect((await checkPassword(w, 'maria', 'maria has a long one'))?.username).toBe('maria');
    expect(await checkPassword(w, 'maria', 'maria has a long ONE')).toBeUndefined();
    expect(await checkPassword(w, 'nobody', 'maria has a long one')).toBeUndefined();

    const { tokenId, token } = await createToken(w, 'maria', 'nightly export');
    expect(token).toMatch(/^rcm_[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(await w.all('SELECT * FROM api_token'), (_, v) => (typeof v === 'bigint' ? Number(v) : v))).not.toContain(token);
    expect((await userOfToken(w, token))?.username).toBe('maria');
    expect(await userOfToken(w, `${token}x`)).toBeUndefined();
    await revokeToken(w, tokenId);
    expect(await userOfToken(w, token)).toBeUndefined();

    const second = await createToken(w, 'maria', 'another');
    await disableUser(w, 'maria');
    expect(await userOfToken(w, second.token)).toBeUndefined();
    expect(await checkPassword(w, 'maria', 'maria has a long one')).toBeUndefined();
    expect((await listUsers(w)).find((u) => u.username === 'maria')?.disabled).toBe(true);
  });

  it('are managed with rcm users and rcm tokens', async () => {
    const db = join(tempDir(), 'users.duckdb');
    const added = await rcmWithEnv({}, 'users', 'add', 'ana', '--role', 'finance', '--practice', '1234567893', '--db', db);
    expect(added.status, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/password \(shown once\): \S{24}/);
    const quiet = await rcmWithEnv({ RCM_USER_PASSWORD: 'a chosen long password' }, 'users', 'add', 'bo', '--role', 'admin', '--db', db);
    expect(quiet.stdout).not.toMatch(/password/);
    expect((await rcmWithEnv({}, 'users', 'add', 'cy', '--role', 'owner', '--db', db)).stderr).toMatch(/--role must be one of admin, practice_manager, billing_lead, finance/);
    const token = await rcmWithEnv({}, 'tokens', 'create', 'ana', '--name', 'exports', '--db', db);
    expect(token.stdout).toMatch(/^token 1 for ana \(shown once\): rcm_/);
    expect((await rcmWithEnv({}, 'tokens', 'revoke', '1', '--db', db)).status).toBe(0);
    expect((await rcmWithEnv({}, 'users', 'disable', 'ana', '--db', db)).status).toBe(0);
    const list = JSON.parse((await rcmWithEnv({}, 'users', 'list', '--json', '--db', db)).stdout);
    expect(list.map((u: { username: string; disabled: boolean }) => [u.username, u.disabled])).toEqual([['ana', true], ['bo', false]]);
    expect(JSON.parse((await rcmWithEnv({}, 'audit', '--json', '--db', db)).stdout)).toEqual([]);
    expect((await rcmWithEnv({}, 'audit', '--since', 'yesterday', '--db', db)).stderr).toMatch(/--since must be a date/);
    const missing = await rcmWithEnv({}, 'users', 'disable', 'zed', '--db', db);
    expect([missing.status, missing.stderr.trim()]).toEqual([2, 'rcm: no user zed']);
  }, 60_000);
});
