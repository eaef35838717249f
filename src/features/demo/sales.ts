import type { Db } from '../../db/client.js';
import type { ClassificationRange } from './classification.js';

/** Demo sales history (issue 4) for customers fromId < id ≤ toId, inside the demo transaction. */
export async function addDemoSales(_tx: Db, _range: ClassificationRange): Promise<void> {}

/** VACUUM/ANALYZE of the sales tables after the demo transaction committed. */
export async function vacuumDemoSales(_db: Db): Promise<void> {}
