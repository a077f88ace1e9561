// Opens the warehouse for one CLI verb and closes it whatever happens.
import { Warehouse } from '../../warehouse/database.ts';

export async function withWarehouse<T>(path: string, work: (w: Warehouse) => Promise<T>): Promise<T> {
  const warehouse = await Warehouse.open(path);
  try {
    return await work(warehouse);
  } finally {
    warehouse.close();
  }
}
