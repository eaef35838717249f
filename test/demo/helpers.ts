import type { Database } from '../../src/db/client.js';
import { generateDemoData } from '../../src/features/demo/generate.js';
import { createTestDatabase } from '../helpers/db.js';

/** Two fresh databases with the same demo data (same seed), to check it and that it is deterministic. */
export async function twoDemoDatabases(customers: number, seed: number): Promise<[Database, Database]> {
  process.env.KANTA_PASSWORD = 'demo password for tests';
  const dbs = await Promise.all([createTestDatabase(), createTestDatabase()]);
  for (const d of dbs) await generateDemoData(d.db, { customers, seed, log: () => {} });
  return dbs as [Database, Database];
}
