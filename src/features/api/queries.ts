import { asc } from 'drizzle-orm';
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

/** Every kind's id and code (a handful of rows), for the API's code lookup. */
export async function kindCodes(db: Db) {
  return db.select({ id: customerKinds.id, code: customerKinds.code }).from(customerKinds);
}
