// Uploads over real HTTP on loopback into a real warehouse file: an ingest waits for the files of its set
// still arriving (nothing acknowledged is dropped), a file never gets a path from its client's name, the
// upload cap is held while a file streams, and the inbox beside the warehouse (owner-only) is emptied of
// each file once loaded, of a set not loaded in time, and of what a killed server left behind.
import { serve, type ServerType } from '@hono/node-server';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, tempWarehouse } from '../tests/support/temp.ts';
import { synthetic835 } from '../tests/support/synthetic-835.ts';
import type { Warehouse } from '../warehouse/database.ts';
import { createApp } from './app.ts';
import { addUser, createToken } from '../access/users.ts';
import { DEFAULT_SERVER_OPTIONS, type ServerOptions } from './options.ts';

const remittance = (seed: number) => [...synthetic835({ seed, claims: 3 })].join('');

/** Everything below a folder, as paths relative to it. */
function filesBelow(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile());
}

describe('uploads', () => {
  const dir = tempDir('rcm-uploads-');
  let server: ServerType;
  let base = '';
  let warehouse: Warehouse;
  let token = '';
  let inbox = '';
  let now = new Date('2026-03-02T09:00:00Z');
  const options: ServerOptions = { ...DEFAULT_SERVER_OPTIONS, limits: { jsonBytes: 64 * 1024, uploadBytes: 200_000, uploadSetMinutes: 60 }, now: () => now };

  beforeAll(async () => {
    warehouse = await tempWarehouse(dir);
    inbox = `${warehouse.path}.inbox`;
    mkdirSync(join(inbox, 'set-left-by-a-killed-server'), { recursive: true });
    writeFileSync(join(inbox, 'set-left-by-a-killed-server', '000000'), remittance(1));
    await addUser(warehouse, 'loader', 'admin', 'a long enough password', []);
    token = (await createToken(warehouse, 'loader', 'test')).token;
    const writer = await warehouse.connect();
    afterAll(() => writer.close());
    server = serve({ fetch: createApp(warehouse, options, { writer }).fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 60_000);
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const post = (path: string, init: RequestInit = {}) =>
    fetch(base + path, { method: 'POST', ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) }, ...(init.body instanceof ReadableStream ? { duplex: 'half' } : {}) } as RequestInit);
  const openSet = async () => ((await (await post('/api/uploads')).json()) as { upload: string }).upload;

  it('keeps the inbox beside the warehouse, owner-only, emptied of what an earlier server left', () => {
    expect(statSync(inbox).mode & 0o777).toBe(0o700);
    expect(readdirSync(inbox)).toEqual([]);
  });

  it('loads a file still arriving when its set’s ingest is asked for; a file sent after that is refused', async () => {
    const set = await openSet();
    expect((await post(`/api/uploads/${set}/files?name=first.835`, { body: remittance(2) })).status).toBe(200);
    // the second file: half sent, the rest only once the ingest has been asked for
    const text = new TextEncoder().encode(remittance(3));
    let finish!: () => void;
    const rest = new Promise<void>((r) => (finish = r));
    const slow = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(text.slice(0, 100));
        await rest;
        controller.enqueue(text.slice(100));
        controller.close();
      },
    });
    const arriving = post(`/api/uploads/${set}/files?name=second.835`, { body: slow });
    await new Promise((r) => setTimeout(r, 200));
    const ingest = post(`/api/uploads/${set}/ingest?build=false`);
    await new Promise((r) => setTimeout(r, 200));
    const late = await post(`/api/uploads/${set}/files?name=late.835`, { body: remittance(4) });
    expect(late.status).toBe(409);
    finish();
    const acknowledged = await arriving;
    expect(acknowledged.status).toBe(200);
    expect(await acknowledged.json()).toEqual({ files: 2 });
    const loaded = (await (await ingest).json()) as { outcomes: { file: string; status: string }[] };
    expect(loaded.outcomes.map((o) => [o.file, o.status])).toEqual([['first.835', 'loaded'], ['second.835', 'loaded']]);
    expect(filesBelow(inbox)).toEqual([]); // deleted once loaded
  });

  it('refuses a name longer than a file system takes (400, not 500) and never makes a path of a name', async () => {
    const long = await post(`/api/ingest?build=false&name=${'n'.repeat(256)}`, { body: remittance(5) });
    expect(long.status).toBe(400);
    expect(((await long.json()) as { error: { message: string } }).error.message).toContain('name');
    const name = `${'../'.repeat(20)}${'x'.repeat(195)}`; // 255 characters that would climb out of the inbox
    const answer = await post(`/api/ingest?build=false&name=${encodeURIComponent(name)}`, { body: remittance(6) });
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { outcome: { file: string; status: string } }).outcome).toMatchObject({ file: name, status: 'loaded' });
    expect(existsSync(join(dir, 'x'.repeat(195)))).toBe(false);
  });

  it('refuses a file over the upload cap (413), whether it says its length or streams it, and keeps nothing of it', async () => {
    const big = 'x'.repeat(300_000);
    const declared = await post('/api/ingest?name=big.835', { body: big });
    expect(declared.status).toBe(413);
    const set = await openSet();
    const streamed = await post(`/api/uploads/${set}/files?name=big.835`, {
      body: new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < 30; i++) controller.enqueue(new TextEncoder().encode(big.slice(0, 10_000)));
          controller.close();
        },
      }),
    });
    expect(streamed.status).toBe(413);
    expect(((await streamed.json()) as { error: { code: string } }).error.code).toBe('too_large');
    expect(filesBelow(inbox)).toEqual([]);
    expect((await post(`/api/uploads/${set}/ingest?build=false`)).status).toBe(200); // the set lives on, empty
  });

  it('drops a set not loaded in time with its files', async () => {
    const set = await openSet();
    expect((await post(`/api/uploads/${set}/files?name=forgotten.835`, { body: remittance(7) })).status).toBe(200);
    expect(filesBelow(inbox)).toHaveLength(1);
    now = new Date(now.getTime() + 61 * 60_000);
    await openSet(); // opening a set sweeps the old ones
    expect(filesBelow(inbox)).toEqual([]);
    expect((await post(`/api/uploads/${set}/ingest`)).status).toBe(404);
  });
});
