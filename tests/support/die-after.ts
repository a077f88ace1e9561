// A process that dies by SIGKILL at a chosen point, for the crash tests:
//   open <db>         right after it created the warehouse (migrations applied, nothing else);
//   schema-change <db> right after an ALTER TABLE that DuckDB 1.5 cannot replay from its write-ahead log
//                     (a table with a nextval default), made without rcm's checkpoint.
import { Warehouse } from '../../warehouse/database.ts';

const [mode, db] = process.argv.slice(2);
const warehouse = await Warehouse.open(db);
if (mode === 'schema-change') {
  await warehouse.run('CHECKPOINT');
  await warehouse.run('ALTER TABLE app_user ADD COLUMN killed_before_checkpoint VARCHAR');
} else if (mode !== 'open') {
  throw new Error(`die-after: unknown mode ${mode}`);
}
process.kill(process.pid, 'SIGKILL');
