// Incident response without a stop: while `rcm serve` holds the warehouse, an admin revokes tokens, disables
// users and reads the audit trail through it (/api/admin, and `rcm users|tokens|audit --server`), and each
// change holds from the very next request. Over real HTTP, with the real server and the real command line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRACTICE } from '../demo/practice/practice.ts';
import { addUser, createToken } from '../access/users.ts';
import { rcmAsync } from './support/cli.ts';
import { startServe, type ServeProcess } from './support/serve-process.ts';
import { tempDir, tempWarehouse } from './support/temp.ts';

const PASSWORD = 'a long enough password';

describe('accounts while the server holds the warehouse', () => {
  let server: ServeProcess;
  let base = '';
  let db = '';
  const tokens: Record<string, { id: bigint; token: string }> = {};

  beforeAll(async () => {
    const w = await tempWarehouse(tempDir('rcm-admin-'));
    await addUser(w, 'root', 'admin', PASSWORD, []);
    for (const name of ['jane', 'leaving']) await addUser(w, name, 'billing_lead', PASSWORD, [PRACTICE.billingNpi]);
    for (const [key, user] of [['root', 'root'], ['jane', 'jane'], ['jane2', 'jane'], ['leaving', 'leaving']]) {
      const { tokenId, token } = await createToken(w, user, key);
      tokens[key] = { id: tokenId, token };
    }
    db = w.path;
    w.close();
    server = await startServe(db);
    base = `http://127.0.0.1:${server.port}`;
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
  });

  const as = (key: string, path: string, init: RequestInit = {}) =>
    fetch(base + path, { ...init, headers: { authorization: `Bearer ${tokens[key].token}`, ...(init.headers as Record<string, string>) } });
  const signIn = async (username: string) => {
    const response = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
    expect(response.status).toBe(200);
    return { cookie: response.headers.get('set-cookie')!.split(';')[0], csrf: ((await response.json()) as { csrf_token: string }).csrf_token };
  };
  const errorCode = async (response: Response) => ((await response.json()) as { error: { code: string } }).error.code;

  it('says how to go through the server when the warehouse is held, for each verb', async () => {
    for (const args of [['tokens', 'revoke', String(tokens.jane2.id)], ['users', 'disable', 'jane'], ['users', 'list'], ['audit']]) {
      const direct = await rcmAsync({}, ...args, '--db', db);
      expect(direct.status, args.join(' ')).toBe(2);
      expect(direct.stderr, args.join(' ')).toContain('--server');
      expect(direct.stderr, args.join(' ')).toContain('RCM_SERVER');
    }
  }, 60_000);

  it('stops a token revoked through the server on the very next request', async () => {
    expect((await as('jane', '/api/session')).status).toBe(200); // remembered by the server from here
    const revoke = await rcmAsync({}, 'tokens', 'revoke', String(tokens.jane.id), '--server', base, '--token', tokens.root.token);
    expect(revoke.stderr).toBe('');
    expect(revoke.stdout).toBe(`revoked token ${tokens.jane.id}\n`);
    expect(revoke.status).toBe(0);
    const after = await as('jane', '/api/session');
    expect(after.status).toBe(401);
    expect((await as('jane2', '/api/session')).status).toBe(200); // her other token still works
    const listed = await rcmAsync({}, 'tokens', 'list', '--user', 'jane', '--json', '--server', base, '--token', tokens.root.token);
    expect(listed.status, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({ tokenId: Number(tokens.jane2.id), username: 'jane', name: 'jane2', revokedAt: null }),
      expect.objectContaining({ tokenId: Number(tokens.jane.id), username: 'jane', name: 'jane', revokedAt: expect.stringMatching(/^\d{4}-\d\d-\d\d /) }),
    ]);
  }, 60_000);

  it('ends a disabled user’s session and tokens at once', async () => {
    const { cookie } = await signIn('leaving');
    expect((await fetch(`${base}/api/session`, { headers: { cookie } })).status).toBe(200);
    expect((await as('leaving', '/api/session')).status).toBe(200);
    const disable = await rcmAsync({ RCM_SERVER: base, RCM_TOKEN: tokens.root.token }, 'users', 'disable', 'leaving');
    expect(disable.stderr).toBe('');
    expect(disable.stdout).toBe('disabled leaving\n');
    expect((await fetch(`${base}/api/session`, { headers: { cookie } })).status).toBe(401);
    expect((await as('leaving', '/api/session')).status).toBe(401);
    const users = await rcmAsync({ RCM_SERVER: base, RCM_TOKEN: tokens.root.token }, 'users', 'list', '--json');
    expect(JSON.parse(users.stdout)).toContainEqual(expect.objectContaining({ username: 'leaving', disabled: true }));
  }, 60_000);

  it('lets only an admin in, and a session only with its CSRF token', async () => {
    for (const [method, path, body] of [
      ['GET', '/api/admin/users'], ['GET', '/api/admin/tokens'], ['GET', '/api/admin/audit'],
      ['POST', '/api/admin/users', { username: 'sneaky', role: 'admin' }], ['POST', '/api/admin/tokens', { username: 'root' }],
      ['POST', `/api/admin/tokens/${tokens.root.id}/revoke`], ['POST', '/api/admin/users/root/disable'], ['PUT', '/api/admin/users/root/email', { email: null }],
    ] as const) {
      const response = await as('jane2', path, { method, ...(body ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}) });
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(await errorCode(response)).toBe('forbidden');
    }
    const through = await rcmAsync({}, 'users', 'list', '--server', base, '--token', tokens.jane2.token);
    expect(through.status).toBe(2);
    expect(through.stderr).toContain('403');

    const { cookie, csrf } = await signIn('root');
    const create = (headers: Record<string, string>) =>
      fetch(`${base}/api/admin/tokens`, { method: 'POST', headers: { cookie, 'content-type': 'application/json', ...headers }, body: JSON.stringify({ username: 'jane', name: 'from the browser' }) });
    const without = await create({});
    expect(without.status).toBe(403);
    expect(await errorCode(without)).toBe('csrf');
    expect((await create({ 'x-csrf-token': csrf, origin: 'https://evil.example' })).status).toBe(403);
    const made = await create({ 'x-csrf-token': csrf });
    expect(made.status).toBe(201);
    const { token } = (await made.json()) as { token: string };
    expect((await fetch(`${base}/api/session`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  }, 60_000);

  it('adds users and tokens through the server, and audits every call, the audit read too', async () => {
    const env = { RCM_SERVER: base, RCM_TOKEN: tokens.root.token };
    const added = await rcmAsync({ ...env, RCM_USER_PASSWORD: 'another long password' }, 'users', 'add', 'newbie', '--role', 'finance', '--practice', PRACTICE.billingNpi);
    expect(added.stderr).toBe('');
    expect(added.stdout).toBe(`added newbie (finance, practices ${PRACTICE.billingNpi})\n`);
    expect((await rcmAsync(env, 'users', 'add', 'newbie', '--role', 'finance', '--practice', PRACTICE.billingNpi)).stderr).toContain('409 the user newbie exists already');
    const created = await rcmAsync(env, 'tokens', 'create', 'newbie', '--name', 'nightly');
    expect(created.stdout).toMatch(/^token \d+ for newbie \(shown once\): rcm_[A-Za-z0-9_-]{43}\n$/);
    const token = created.stdout.trim().split(' ').at(-1)!;
    expect((await fetch(`${base}/api/session`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await rcmAsync(env, 'users', 'email', 'newbie', 'newbie@example.org')).stdout).toBe('newbie: e-mail newbie@example.org\n');

    expect((await rcmAsync(env, 'audit', '--user', 'root')).status).toBe(0);
    const audit = await rcmAsync(env, 'audit', '--user', 'root', '--json');
    expect(audit.status, audit.stderr).toBe(0);
    const events = (JSON.parse(audit.stdout) as { route: string; parameters: string; rowCount: number }[]).map((e) => ({ ...e, parameters: JSON.parse(e.parameters) as Record<string, string> }));
    const routes = events.map((e) => e.route);
    expect(routes[0]).toBe('/api/admin/audit'); // the read before this one
    for (const route of ['POST /api/admin/tokens/:id/revoke', 'POST /api/admin/users/:username/disable', 'POST /api/admin/users', 'POST /api/admin/tokens', 'PUT /api/admin/users/:username/email', '/api/admin/users', '/api/admin/tokens']) {
      expect(routes, route).toContain(route);
    }
    expect(events.find((e) => e.route === 'POST /api/admin/tokens/:id/revoke')!.parameters).toEqual({ token_id: String(tokens.jane.id) });
    expect(events.find((e) => e.route === 'POST /api/admin/users' && e.rowCount === 0)!.parameters.refused).toBe('the user newbie exists already');
    // neither a password nor a token goes on the trail
    expect(audit.stdout).not.toContain('another long password');
    expect(audit.stdout).not.toContain(token);
  }, 90_000);
});
