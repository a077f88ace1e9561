// A process that dies by SIGKILL at a chosen point, for the crash tests:
//   open <db>         right after it created the warehouse (migrations applied, nothing else);
//   schema-change <db> right after an ALTER TABLE that DuckDB 1.5 cannot replay from its write-ahead log
//                     (a table with a nextval default), made without rcm's checkpoint;
//   build <db> <rcm arguments...>  the real rcm command (rcm ingest, say) in this process, killed while it
//                     rebuilds the models: as the third model's table is being written, after the files
//                     were committed and before the build was recorded.
import { Warehouse } from '../../warehouse/database.ts';

const [mode, db, ...args] = process.argv.slice(2);
if (mode === 'build') {
  const run = Warehouse.prototype.run;
  let models = 0;
  Warehouse.prototype.run = function (this: Warehouse, sql, params) {
    if (sql.startsWith('CREATE OR REPLACE TABLE') && ++models === 3) process.kill(process.pid, 'SIGKILL');
    return run.call(this, sql, params);
  };
  const { main } = await import('../../cli/program.ts');
  await main([process.argv[0], 'rcm', ...args, '--db', db]);
  throw new Error('die-after build: the command ended without rebuilding the models');
}
const warehouse = await Warehouse.open(db);
if (mode === 'schema-change') {
  await warehouse.run('CHECKPOINT');
  await warehouse.run('ALTER TABLE app_user ADD COLUMN killed_before_checkpoint VARCHAR');
} else if (mode !== 'open') {
  throw new Error(`die-after: unknown mode ${mode}`);
}
process.kill(process.pid, 'SIGKILL');
