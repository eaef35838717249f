import type { Db } from '../../db/client.js';
import type { ClassificationRange } from './classification.js';

/** Demo contact types, contact log and alarms (issue 5) for customers fromId < id ≤ toId, inside the demo transaction. */
export async function addDemoContactLog(_tx: Db, _range: ClassificationRange): Promise<void> {}

/** VACUUM/ANALYZE of the contact-log tables after the demo transaction committed. */
export async function vacuumDemoContactLog(_db: Db): Promise<void> {}
