// Browser sessions, asked through app.request(): the login sets an HttpOnly, SameSite=Strict cookie (Secure
// behind TLS); state-changing requests need the CSRF token and the server's own origin; sessions end at
// logout, when idle and at their absolute lifetime; failed logins are rate-limited; roles limit the views.
import { beforeAll, describe, expect, it } from 'vitest';
import { tempWarehouse } from '../tests/support/temp.ts';
import type { Warehouse } from '../warehouse/database.ts';
import { createApp } from './app.ts';
import { addUser, disableUser } from '../access/users.ts';
import { DEFAULT_SERVER_OPTIONS, type ServerOptions } from './options.ts';

const PASSWORD = 'a long enough password';

describe('browser sessions', () => {
  let app: ReturnType<typeof createApp>;
  /** The origin the requests are sent to. */
  const base = 'http://localhost';
  let warehouse: Warehouse;
  let now = new Date('2026-01-05T08:00:00Z');
  const options: ServerOptions = { ...DEFAULT_SERVER_OPTIONS, trustProxy: true, now: () => now };
  const later = (minutes: number) => (now = new Date(now.getTime() + minutes * 60_000));

  beforeAll(async () => {
    warehouse = await tempWarehouse();
    for (const [name, role] of [['manager', 'practice_manager'], ['finance', 'finance'], ['leaving', 'billing_lead'], ['guessed', 'billing_lead'], ['burst', 'billing_lead'], ['hidden', 'billing_lead']] as const) {
      await addUser(warehouse, name, role, PASSWORD, ['1234567893']);
    }
    app = createApp(warehouse, options);
  }, 60_000);

  const login = async (username: string, password = PASSWORD, headers: Record<string, string> = {}) =>
    app.request(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ username, password }) });
  const signIn = async (username: string) => {
    const response = await login(username);
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie')!.split(';')[0];
    return { cookie, csrf: ((await response.json()) as { csrf_token: string }).csrf_token };
  };
  const call = async (path: string, cookie: string, init: RequestInit = {}) => app.request(base + path, { ...init, headers: { cookie, ...(init.headers as Record<string, string>) } });

  it('logs in with an HttpOnly, SameSite=Strict cookie that expires, Secure only behind TLS', async () => {
    expect((await login('manager', 'wrong password')).status).toBe(401);
    expect((await login('nobody')).status).toBe(401);
    const response = await login('manager');
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^rcm_session=[A-Za-z0-9_-]{43}; /);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    expect(cookie).toContain(`Max-Age=${12 * 60 * 60}`);
    expect(cookie).not.toContain('Secure');
    const body = (await response.json()) as { user: { username: string; role: string; views: string[] }; csrf_token: string };
    expect(body.user).toMatchObject({ username: 'manager', role: 'practice_manager' });
    expect(body.csrf_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const proxied = await login('manager', PASSWORD, { 'x-forwarded-proto': 'https' });
    expect(proxied.headers.get('set-cookie')).toContain('Secure');
  });

  it('knows the user by the cookie, and refuses a made-up one', async () => {
    const { cookie, csrf } = await signIn('manager');
    const me = await call('/api/session', cookie);
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ user: { username: 'manager' }, csrf_token: csrf });
    expect((await call('/api/session', `rcm_session=${'A'.repeat(43)}`)).status).toBe(401);
    expect((await call('/api/session', 'rcm_session=not-even-the-shape')).status).toBe(401);
  });

  it('refuses a state-changing request without the CSRF token or from another origin, and logs out', async () => {
    const { cookie, csrf } = await signIn('manager');
    const noToken = await call('/api/session', cookie, { method: 'DELETE' });
    expect(noToken.status).toBe(403);
    expect(((await noToken.json()) as { error: { code: string } }).error.code).toBe('csrf');
    expect((await call('/api/session', cookie, { method: 'DELETE', headers: { 'x-csrf-token': 'A'.repeat(43) } })).status).toBe(403);
    expect((await call('/api/session', cookie, { method: 'DELETE', headers: { 'x-csrf-token': csrf, origin: 'https://evil.example' } })).status).toBe(403);
    expect((await call('/api/session', cookie)).status).toBe(200); // none of those ended it
    const out = await call('/api/session', cookie, { method: 'DELETE', headers: { 'x-csrf-token': csrf, origin: base } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^rcm_session=; Max-Age=0/);
    expect((await call('/api/session', cookie)).status).toBe(401);
  });

  it('refuses a login form posted from another site', async () => {
    expect((await login('manager', PASSWORD, { origin: 'https://evil.example' })).status).toBe(403);
  });

  it('ends a session after 30 idle minutes, and any session after 12 hours', async () => {
    const idle = await signIn('manager');
    later(29);
    expect((await call('/api/session', idle.cookie)).status).toBe(200); // moves its last-seen time on
    later(29);
    expect((await call('/api/session', idle.cookie)).status).toBe(200);
    later(31);
    expect((await call('/api/session', idle.cookie)).status).toBe(401);

    const busy = await signIn('manager');
    for (let hour = 0; hour < 11; hour++) {
      for (let quarter = 0; quarter < 4; quarter++) {
        later(15);
        expect((await call('/api/session', busy.cookie)).status, `after ${hour}h${quarter * 15 + 15}m`).toBe(200);
      }
    }
    later(29);
    expect((await call('/api/session', busy.cookie)).status).toBe(200);
    later(29);
    expect((await call('/api/session', busy.cookie)).status).toBe(200);
    later(3); // 12 hours and a minute after the login, 3 minutes after its last request
    expect((await call('/api/session', busy.cookie)).status).toBe(401);
  }, 60_000);

  it('ends the sessions of a disabled user', async () => {
    const { cookie } = await signIn('leaving');
    await disableUser(warehouse, 'leaving');
    expect((await call('/api/session', cookie)).status).toBe(401);
    expect((await login('leaving')).status).toBe(401);
  });

  it('refuses logins for 15 minutes after 5 failures for a user name, even with the right password', async () => {
    for (let i = 0; i < 5; i++) expect((await login('guessed', `wrong ${i}`)).status).toBe(401);
    const refused = await login('guessed');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await login('manager')).status).toBe(200); // another user from the same address still may
    later(16);
    expect((await login('guessed')).status).toBe(200);
  }, 60_000);

  it('holds the limit for attempts sent at once: each is counted before its password is checked', async () => {
    // 30 wrong passwords at once for one user, each from its own address: 5 are checked, the rest refused
    const statuses = await Promise.all(Array.from({ length: 30 }, (_, i) => login('burst', `wrong ${i}`, { 'x-forwarded-for': `198.51.100.${i + 1}` }).then((r) => r.status)));
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(25);
    // the right password sent while 19 wrong ones are still being checked does not sign in
    const wrong = Array.from({ length: 19 }, (_, i) => login('hidden', `wrong ${i}`, { 'x-forwarded-for': `203.0.113.${i + 1}` }));
    await new Promise((r) => setTimeout(r, 100));
    const right = await login('hidden', PASSWORD, { 'x-forwarded-for': '203.0.113.200' });
    expect(right.status).toBe(429);
    expect((await Promise.all(wrong)).filter((r) => r.status === 401)).toHaveLength(5);
    later(16);
    expect((await login('hidden')).status).toBe(200);
  }, 60_000);

  it('shows each role only its views', async () => {
    const finance = await signIn('finance');
    const patterns = await call('/api/denials/patterns', finance.cookie);
    expect(patterns.status).toBe(403);
    expect(((await patterns.json()) as { error: { message: string } }).error.message).toContain('a finance may not open denial patterns');
    expect((await call('/api/claims/ANY', finance.cookie)).status).toBe(403);
    const manager = await signIn('manager');
    expect((await call('/api/denials/patterns', manager.cookie)).status).toBe(404); // allowed; the warehouse is empty
  });

  it('checks requests sent at once each as their own session, sharing only checks under way', async () => {
    const finance = await signIn('finance');
    const manager = await signIn('manager');
    // a page's requests go together: each answered as its own user (a finance may not read patterns)
    // (the managers' six share one computation, and its refusal: each still gets the whole answer)
    const answers = await Promise.all(Array.from({ length: 12 }, async (_, i) => {
      const response = await call('/api/denials/patterns', i % 2 ? finance.cookie : manager.cookie);
      return [response.status, ((await response.json()) as { error: { code: string } }).error.code];
    }));
    expect(answers).toEqual(Array.from({ length: 12 }, (_, i) => (i % 2 ? [403, 'forbidden'] : [404, 'no_data'])));
    const out = await call('/api/session', manager.cookie, { method: 'DELETE', headers: { 'x-csrf-token': manager.csrf, origin: base } });
    expect(out.status).toBe(204);
    // an ended session is not answered from an earlier check
    expect(await Promise.all(Array.from({ length: 6 }, () => call('/api/denials/patterns', manager.cookie).then((r) => r.status)))).toEqual(Array(6).fill(401));
  });
});
