// The compiled `rcm` is used only while it is current: an edited or deleted source sends the command back
// to the TypeScript sources.
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error a plain ES module of bin/, without types
import { isBuildCurrent } from '../bin/compiled.mjs';

describe('compiled rcm', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  function project(): { base: string; manifest: string; builtAt: number } {
    const base = mkdtempSync(join(tmpdir(), 'rcm-compiled-'));
    dirs.push(base);
    const builtAt = Date.now() - 60_000;
    for (const source of ['a.ts', 'b.ts']) {
      writeFileSync(join(base, source), '');
      utimesSync(join(base, source), new Date(builtAt - 1000), new Date(builtAt - 1000));
    }
    const manifest = join(base, 'manifest.json');
    writeFileSync(manifest, JSON.stringify({ builtAt, sources: ['a.ts', 'b.ts'] }));
    return { base: `${base}/`, manifest, builtAt };
  }

  it('is current while no source changed since the build', () => {
    const { base, manifest } = project();
    expect(isBuildCurrent(manifest, base)).toBe(true);
  });

  it('is stale once a source is edited after the build', () => {
    const { base, manifest, builtAt } = project();
    utimesSync(join(base, 'b.ts'), new Date(builtAt + 1000), new Date(builtAt + 1000));
    expect(isBuildCurrent(manifest, base)).toBe(false);
  });

  it('is stale when a source is gone, and when there is no build', () => {
    const { base, manifest } = project();
    rmSync(join(base, 'a.ts'));
    expect(isBuildCurrent(manifest, base)).toBe(false);
    expect(isBuildCurrent(join(base, 'none.json'), base)).toBe(false);
  });
});
