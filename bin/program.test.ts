import { describe, expect, it } from 'vitest';
import { buildProgram } from './program.ts';

const names = async (verb?: string) => (await buildProgram(verb)).commands.map((c) => c.name());

describe('the rcm program', () => {
  it('registers only the area of the verb being run, and every area for help or an unknown verb', async () => {
    const all = await names();
    expect(all).toEqual(['ingest', 'era', 'batches', 'errors', 'claim', 'demo', 'build', 'metrics', 'denials', 'users', 'tokens', 'audit', 'serve', 'report', 'schedule']);
    expect(await names('no-such-verb')).toEqual(all);
    // each verb is found in the module its area loads (a wrong entry would leave the verb unknown)
    for (const verb of all) expect(await names(verb), verb).toContain(verb);
    expect(await names('ingest')).toEqual(['ingest']);
    expect(await names('tokens')).toEqual(['users', 'tokens', 'audit']);
  });
});
