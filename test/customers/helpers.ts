import { eq } from 'drizzle-orm';
import type { Db } from '../../src/db/client.js';
import { customerKinds } from '../../src/db/schema/index.js';

export async function kindId(db: Db, code = 'ASIAKAS'): Promise<number> {
  const [k] = await db
    .select({ id: customerKinds.id })
    .from(customerKinds)
    .where(eq(customerKinds.code, code));
  return k!.id;
}
