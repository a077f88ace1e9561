// `rcm serve` as deployed: behind a TLS proxy (--trust-proxy, --secure-cookies and their environment
// variables) the session cookie is Secure; the inbox beside the warehouse keeps no upload after a clean stop,
// and what a killed server left there is deleted when the next one starts. Real processes, a real file.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { withWarehouse } from '../cli/kit/with-warehouse.ts';
import { addUser, createToken } from '../access/users.ts';
import { serverOptionsFor } from '../server/options.ts';
import { rcm } from './support/cli.ts';
import { startServe, type ServeProcess } from './support/serve-process.ts';
import { synthetic835 } from './support/synthetic-835.ts';
import { tempDir } from './support/temp.ts';

const PASSWORD = 'a long admin password';

/** Everything below a folder, as paths relative to it. */
const filesBelow = (dir: string) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile());

describe('rcm serve in a deployment', () => {
  const dir = tempDir('rcm-deploy-');
  const db = join(dir, 'warehouse.duckdb');
  let token = '';

  beforeAll(async () => {
    await withWarehouse(db, async (w) => {
      await addUser(w, 'admin', 'admin', PASSWORD, []);
      token = (await createToken(w, 'admin', 'test')).token;
    });
  }, 60_000);

  const signIn = (serve: ServeProcess, headers: Record<string, string> = {}) =>
    fetch(`http://127.0.0.1:${serve.port}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });

  it('sets Secure cookies behind a TLS proxy only when told to trust it, or always when told so', async () => {
    const plain = await startServe(db);
    try {
      const cookie = (await signIn(plain, { 'x-forwarded-proto': 'https' })).headers.get('set-cookie')!;
      expect(cookie).not.toContain('Secure'); // a forged header is not believed
    } finally {
      await plain.stop();
    }
    const proxied = await startServe(db, {}, ['--trust-proxy']);
    try {
      expect((await signIn(proxied, { 'x-forwarded-proto': 'https' })).headers.get('set-cookie')).toContain('Secure');
      expect((await signIn(proxied)).headers.get('set-cookie')).not.toContain('Secure');
    } finally {
      await proxied.stop();
    }
    const always = await startServe(db, { RCM_SECURE_COOKIES: 'always' });
    try {
      expect((await signIn(always)).headers.get('set-cookie')).toContain('Secure');
    } finally {
      await always.stop();
    }
    const wrong = rcm('serve', '--db', db, '--secure-cookies', 'sometimes');
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('secure cookies must be one of auto, always, never');
  }, 120_000);

  it('reads its deployment settings from flags first, then the environment', () => {
    expect(serverOptionsFor({}, { RCM_TRUST_PROXY: 'true', RCM_UPLOAD_LIMIT: '500MB' })).toMatchObject({ trustProxy: true, secureCookies: 'auto', limits: { uploadBytes: 500 * 1024 ** 2 } });
    expect(serverOptionsFor({ trustProxy: false, uploadLimit: '1GB' }, { RCM_TRUST_PROXY: '1' })).toMatchObject({ trustProxy: false, limits: { uploadBytes: 1024 ** 3 } });
    expect(() => serverOptionsFor({}, { RCM_TRUST_PROXY: 'maybe' })).toThrow('RCM_TRUST_PROXY must be true or false');
    expect(() => serverOptionsFor({ uploadLimit: 'lots' })).toThrow('not a size');
    expect(Object.isFrozen(serverOptionsFor({}, {}))).toBe(true);
  });

  it('leaves no upload in its inbox after a stop, and deletes what a killed server left when it starts', async () => {
    const inbox = `${db}.inbox`;
    const upload = async (serve: ServeProcess) => {
      const base = `http://127.0.0.1:${serve.port}/api`;
      const auth = { authorization: `Bearer ${token}` };
      const { upload: id } = (await (await fetch(`${base}/uploads`, { method: 'POST', headers: auth })).json()) as { upload: string };
      const sent = await fetch(`${base}/uploads/${id}/files?name=era.835`, { method: 'POST', headers: auth, body: [...synthetic835({ seed: 3, claims: 2 })].join('') });
      expect(sent.status).toBe(200);
    };
    const first = await startServe(db);
    await upload(first);
    expect(statSync(inbox).mode & 0o777).toBe(0o700);
    expect(filesBelow(inbox)).toHaveLength(1);
    await first.stop();
    expect(filesBelow(inbox)).toEqual([]);

    const killed = await startServe(db);
    await upload(killed);
    killed.kill();
    await new Promise((r) => setTimeout(r, 500));
    expect(filesBelow(inbox)).toHaveLength(1); // SIGKILL: nothing could clean up
    const next = await startServe(db);
    try {
      expect(existsSync(inbox) && filesBelow(inbox)).toEqual([]);
    } finally {
      await next.stop();
    }
  }, 120_000);
});
