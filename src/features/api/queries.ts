import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { customerKinds } from '../../db/schema/index.js';

/** The customer kinds with their number series, as integrations see them. */
export async function listKinds(db: Db) {
  return db
    .select({
      code: customerKinds.code,
      nameFi: customerKinds.nameFi,
      nameEn: customerKinds.nameEn,
      rangeStart: customerKinds.rangeStart,
      rangeEnd: customerKinds.rangeEnd,
      isAgent: customerKinds.isAgent,
    })
    .from(customerKinds)
    .orderBy(asc(customerKinds.rangeStart));
}

export async function kindIdByCode(db: Db, code: string): Promise<number | undefined> {
  const [row] = await db
    .select({ id: customerKinds.id })
    .from(customerKinds)
    .where(eq(customerKinds.code, code));
  return row?.id;
}

export async function kindCodeById(db: Db, id: number): Promise<string | undefined> {
  const [row] = await db
    .select({ code: customerKinds.code })
    .from(customerKinds)
    .where(eq(customerKinds.id, id));
  return row?.code;
}
