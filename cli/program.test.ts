import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { tempDir } from '../tests/support/temp.ts';
import { buildProgram, databaseRefused } from './program.ts';

const names = async (verb?: string) => (await buildProgram(verb)).commands.map((c) => c.name());

describe('the rcm program', () => {
  it('registers only the area of the verb being run, and every area for help or an unknown verb', async () => {
    const all = await names();
    expect(all).toEqual(['ingest', 'era', 'batches', 'errors', 'claim', 'demo', 'build', 'metrics', 'denials', 'contracts', 'work', 'users', 'tokens', 'audit', 'serve', 'report', 'schedule']);
    expect(await names('no-such-verb')).toEqual(all);
    // each verb is found in the module its area loads (a wrong entry would leave the verb unknown)
    for (const verb of all) expect(await names(verb), verb).toContain(verb);
    expect(await names('ingest')).toEqual(['ingest']);
    expect(await names('tokens')).toEqual(['users', 'tokens', 'audit']);
  });
});

describe('a warehouse DuckDB refused to go on with', () => {
  it('is said in one message with the cause and what to do, not a stack trace', async () => {
    const instance = await DuckDBInstance.create(join(tempDir(), 'stopped.duckdb'));
    const connection = await instance.connect();
    await connection.run('CREATE TABLE t AS SELECT range AS a FROM range(10)');
    // DuckDB's own switch for a checkpoint that fails: the database is then invalidated, as after one out of memory
    await connection.run("SET debug_checkpoint_abort = 'before_header'");
    await expect(connection.run('CHECKPOINT')).rejects.toThrow(/FATAL/);
    const error = await connection.run('SELECT 1').then(() => null, (e: unknown) => e);
    expect(databaseRefused(error)).toMatch(/^DuckDB stopped working on the warehouse: Failed to create checkpoint because of error: Checkpoint aborted before header write[^\n]*\nWhat was committed before is kept .* larger --memory-limit\.$/);
    expect(databaseRefused(new Error('Catalog Error: no table t2'))).toBeNull();
    connection.closeSync();
    instance.closeSync();
  });

  it('that ran out of the memory it may use is said in one message with what to do', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run("SET memory_limit = '8MB'");
    // a list of 20 million numbers cannot spill to disk: it needs the memory itself
    const error = await connection.run('SELECT len(list(range)) FROM range(20000000)').then(() => null, (e: unknown) => e);
    expect(databaseRefused(error)).toMatch(/^DuckDB ran out of the memory it may use: Out of Memory Error: [^\n]+\nWhat was committed before is kept\. .*--memory-limit/);
    connection.closeSync();
    instance.closeSync();
  });
});
