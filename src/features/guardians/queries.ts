import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { customers, guardians } from '../../db/schema/index.js';
import { DomainError } from '../../lib/errors.js';
import { writeAudit } from '../audit/queries.js';
import { quickSearch } from '../customers/search.js';

/*
 * Guardians (omistaja/huoltaja, R-REG-11): person customers linked as guardian → ward,
 * shown on both cards.
 */

export type GuardianLink = { id: number; number: number; name: string };

/** A customer's guardians and wards, each by name. */
export async function guardianLinks(
  db: Db,
  customerId: number,
): Promise<{ guardians: GuardianLink[]; wards: GuardianLink[] }> {
  const rows = await db.execute<GuardianLink & { side: 'guardian' | 'ward' }>(sql`
    select 'guardian' as side, c.id, c.number, c.name
      from guardians g join customers c on c.id = g.guardian_id where g.ward_id = ${customerId}
    union all
    select 'ward' as side, c.id, c.number, c.name
      from guardians g join customers c on c.id = g.ward_id where g.guardian_id = ${customerId}
    order by name, number`);
  const out = { guardians: [] as GuardianLink[], wards: [] as GuardianLink[] };
  for (const { side, ...link } of rows) (side === 'guardian' ? out.guardians : out.wards).push(link);
  return out;
}

export async function customerIdByNumber(db: Db, number: number): Promise<number | undefined> {
  const [row] = await db.select({ id: customers.id }).from(customers).where(eq(customers.number, number));
  return row?.id;
}

/** Person customers matching `q` for the guardian picker, without the ward itself. */
export async function findGuardianCandidates(db: Db, q: string, wardId: number, limit = 10) {
  const rows = await quickSearch(db, q, limit * 3, wardId);
  return rows.filter((r) => r.type === 'person').slice(0, limit);
}

const label = (c: { name: string; number: number }) => `${c.name} (${c.number})`;

/** Both customers' rows, locked in id order so concurrent changes of the same pair queue up. */
async function lockPair(tx: Db, wardId: number, guardianId: number) {
  const rows = await tx.execute<{ id: number; type: string; name: string; number: number }>(sql`
    select id, type, name, number from customers
    where id in (${wardId}, ${guardianId}) order by id for update`);
  const ward = rows.find((r) => r.id === wardId);
  const guardian = rows.find((r) => r.id === guardianId);
  if (!ward || !guardian) throw new DomainError('error.notFound', 404);
  return { ward, guardian };
}

/**
 * Makes `guardianId` a guardian of `wardId`. Refuses the customer itself, organisations,
 * a duplicate, and a cycle (the guardian already being the ward's ward, directly or through
 * others). Audit on both customers. Returns the guardian's name.
 */
export async function addGuardian(db: Db, wardId: number, guardianId: number, actorId: number | null) {
  if (wardId === guardianId) throw new DomainError('guardians.self', 400);
  return db.transaction(async (tx) => {
    const { ward, guardian } = await lockPair(tx, wardId, guardianId);
    if (ward.type !== 'person') throw new DomainError('guardians.wardNotPerson', 400);
    if (guardian.type !== 'person')
      throw new DomainError('guardians.notPerson', 400, { name: guardian.name });
    const [existing] = await tx
      .select({ one: sql`1` })
      .from(guardians)
      .where(and(eq(guardians.guardianId, guardianId), eq(guardians.wardId, wardId)));
    if (existing) throw new DomainError('guardians.duplicate', 400, { name: guardian.name });
    const cycle = await tx.execute(sql`
      with recursive below(id) as (
        select ward_id from guardians where guardian_id = ${wardId}
        union
        select g.ward_id from guardians g join below b on g.guardian_id = b.id
      ) select 1 from below where id = ${guardianId} limit 1`);
    if (cycle.length) throw new DomainError('guardians.cycle', 400, { name: guardian.name });

    await tx.insert(guardians).values({ guardianId, wardId });
    await writeAudit(tx, {
      userId: actorId,
      customerId: wardId,
      entity: 'guardian',
      entityId: guardianId,
      action: 'create',
      changes: { guardian: [null, label(guardian)] },
    });
    await writeAudit(tx, {
      userId: actorId,
      customerId: guardianId,
      entity: 'guardian',
      entityId: wardId,
      action: 'create',
      changes: { ward: [null, label(ward)] },
    });
    return guardian.name;
  });
}

/** Removes the link; 404 when there is none. Audit on both customers. Returns the guardian's name. */
export async function removeGuardian(db: Db, wardId: number, guardianId: number, actorId: number | null) {
  return db.transaction(async (tx) => {
    const { ward, guardian } = await lockPair(tx, wardId, guardianId);
    const gone = await tx
      .delete(guardians)
      .where(and(eq(guardians.guardianId, guardianId), eq(guardians.wardId, wardId)))
      .returning({ wardId: guardians.wardId });
    if (gone.length === 0) throw new DomainError('error.notFound', 404);
    await writeAudit(tx, {
      userId: actorId,
      customerId: wardId,
      entity: 'guardian',
      entityId: guardianId,
      action: 'delete',
      changes: { guardian: [label(guardian), null] },
    });
    await writeAudit(tx, {
      userId: actorId,
      customerId: guardianId,
      entity: 'guardian',
      entityId: wardId,
      action: 'delete',
      changes: { ward: [label(ward), null] },
    });
    return guardian.name;
  });
}
