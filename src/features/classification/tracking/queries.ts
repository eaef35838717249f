import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { trackingDimensions, trackingValues } from '../../../db/schema/index.js';
import { isUniqueViolation, USAGE_CAP } from '../../../db/sql.js';
import { DomainError, InputError } from '../../../lib/errors.js';
import { diff, writeAudit } from '../../audit/queries.js';
import type { TrackingItemInput } from '../schemas.js';

/*
 * Admin side of the tracking pick lists (seurantakohteet, R-REG-5): dimensions and
 * their values. Deleting something customers use clears it from them, but only when
 * the admin confirms having seen how many customers that is; each cleared customer
 * gets an audit row (written set-based).
 */

export type Dimension = typeof trackingDimensions.$inferSelect;
export type TrackingValue = typeof trackingValues.$inferSelect;
export type DimensionRow = Dimension & { valueCount: number };
export type ValueRow = TrackingValue & { customerCount: number };

export async function listDimensions(db: Db): Promise<DimensionRow[]> {
  const rows = await db.execute<DimensionRow>(sql`
    select d.id, d.code, d.name, d.sort,
      (select count(*)::int from tracking_values v where v.dimension_id = d.id) as "valueCount"
    from tracking_dimensions d
    order by d.sort, d.name, d.id`);
  return [...rows];
}

export async function getDimension(db: Db, id: number): Promise<Dimension | undefined> {
  const [row] = await db.select().from(trackingDimensions).where(eq(trackingDimensions.id, id));
  return row;
}

/** A dimension's values with how many customers have each (counted up to USAGE_CAP + 1). */
export async function listValues(db: Db, dimensionId: number): Promise<ValueRow[]> {
  const rows = await db.execute<ValueRow>(sql`
    select v.id, v.dimension_id as "dimensionId", v.code, v.name, v.sort,
      (select count(*)::int from (select 1 from customer_tracking ct where ct.value_id = v.id
        limit ${USAGE_CAP + 1}) x) as "customerCount"
    from tracking_values v
    where v.dimension_id = ${dimensionId}
    order by v.sort, v.name, v.id`);
  return [...rows];
}

export async function getValue(db: Db, id: number): Promise<TrackingValue | undefined> {
  const [row] = await db.select().from(trackingValues).where(eq(trackingValues.id, id));
  return row;
}

/** How many customers have this value (exact). */
export async function valueUsage(db: Db, valueId: number): Promise<number> {
  const [row] = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from customer_tracking where value_id = ${valueId}`,
  );
  return row?.n ?? 0;
}

/** How many customers have some value of this dimension (exact). */
export async function dimensionUsage(db: Db, dimensionId: number): Promise<number> {
  const [row] = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from customer_tracking ct
    join tracking_values v on v.id = ct.value_id
    where v.dimension_id = ${dimensionId}`);
  return row?.n ?? 0;
}

const codeTaken = (): never => {
  throw new InputError({ code: 'classification.codeTaken' });
};

/** Runs a write; a unique-code clash (also one that races past the check) becomes a field message. */
async function uniqueCode<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (isUniqueViolation(e)) codeTaken();
    throw e;
  }
}

const auditAdmin = (
  tx: Db,
  actorId: number | null,
  entity: string,
  entityId: number,
  action: 'create' | 'update' | 'delete',
  changes: Record<string, [unknown, unknown]>,
) => writeAudit(tx, { userId: actorId, customerId: null, entity, entityId, action, changes });

const removed = (row: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(row).map(([k, v]) => [k, [v, null] as [unknown, unknown]]));

// ---------------------------------------------------------------- dimensions

export async function createDimension(db: Db, input: TrackingItemInput, actorId: number | null) {
  return uniqueCode(() =>
    db.transaction(async (tx) => {
      const [clash] = await tx
        .select({ id: trackingDimensions.id })
        .from(trackingDimensions)
        .where(eq(trackingDimensions.code, input.code));
      if (clash) codeTaken();
      const [row] = await tx.insert(trackingDimensions).values(input).returning();
      await auditAdmin(tx, actorId, 'tracking_dimension', row!.id, 'create', diff(null, input));
      return row!;
    }),
  );
}

export async function updateDimension(db: Db, id: number, input: TrackingItemInput, actorId: number | null) {
  return uniqueCode(() =>
    db.transaction(async (tx) => {
      const [before] = await tx
        .select()
        .from(trackingDimensions)
        .where(eq(trackingDimensions.id, id))
        .for('update');
      if (!before) throw new DomainError('error.notFound', 404);
      const [clash] = await tx.execute<{ id: number }>(
        sql`select id from tracking_dimensions where code = ${input.code} and id <> ${id}`,
      );
      if (clash) codeTaken();
      const changes = diff(before, input);
      if (Object.keys(changes).length === 0) return before;
      const [row] = await tx
        .update(trackingDimensions)
        .set(input)
        .where(eq(trackingDimensions.id, id))
        .returning();
      await auditAdmin(tx, actorId, 'tracking_dimension', id, 'update', changes);
      return row!;
    }),
  );
}

/**
 * Deletes a dimension with its values. When customers have values of it, nothing is
 * deleted unless `confirmed` (409 with the count); confirmed, the values are cleared
 * from those customers and each gets an audit row.
 */
export async function deleteDimension(db: Db, id: number, confirmed: boolean, actorId: number | null) {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(trackingDimensions)
      .where(eq(trackingDimensions.id, id))
      .for('update');
    if (!before) throw new DomainError('error.notFound', 404);
    const used = await dimensionUsage(tx, id);
    if (used > 0 && !confirmed) throw new DomainError('classification.inUse', 409, { count: used });
    if (used > 0) {
      await tx.execute(sql`
        insert into audit_log (user_id, customer_id, entity, entity_id, action, changes)
        select ${actorId}::int, ct.customer_id, 'tracking', ${id}::int, 'update',
          jsonb_build_object(${before.name}::text, jsonb_build_array(v.name, null))
        from customer_tracking ct join tracking_values v on v.id = ct.value_id
        where v.dimension_id = ${id}`);
    }
    // customer_tracking and tracking_values go with it (on delete cascade).
    await tx.delete(trackingDimensions).where(eq(trackingDimensions.id, id));
    await auditAdmin(tx, actorId, 'tracking_dimension', id, 'delete', {
      ...removed({ code: before.code, name: before.name }),
      customers: [used, null],
    });
    return { dimension: before, cleared: used };
  });
}

// ---------------------------------------------------------------- values

export async function createValue(
  db: Db,
  dimensionId: number,
  input: TrackingItemInput,
  actorId: number | null,
) {
  return uniqueCode(() =>
    db.transaction(async (tx) => {
      const [dimension] = await tx
        .select()
        .from(trackingDimensions)
        .where(eq(trackingDimensions.id, dimensionId))
        .for('share');
      if (!dimension) throw new DomainError('error.notFound', 404);
      const [clash] = await tx.execute<{ id: number }>(
        sql`select id from tracking_values where dimension_id = ${dimensionId} and code = ${input.code}`,
      );
      if (clash) codeTaken();
      const [row] = await tx
        .insert(trackingValues)
        .values({ ...input, dimensionId })
        .returning();
      await auditAdmin(tx, actorId, 'tracking_value', row!.id, 'create', diff(null, input));
      return row!;
    }),
  );
}

export async function updateValue(db: Db, id: number, input: TrackingItemInput, actorId: number | null) {
  return uniqueCode(() =>
    db.transaction(async (tx) => {
      const [before] = await tx.select().from(trackingValues).where(eq(trackingValues.id, id)).for('update');
      if (!before) throw new DomainError('error.notFound', 404);
      const [clash] = await tx.execute<{ id: number }>(sql`
        select id from tracking_values
        where dimension_id = ${before.dimensionId} and code = ${input.code} and id <> ${id}`);
      if (clash) codeTaken();
      const changes = diff(before, input);
      if (Object.keys(changes).length === 0) return before;
      const [row] = await tx.update(trackingValues).set(input).where(eq(trackingValues.id, id)).returning();
      await auditAdmin(tx, actorId, 'tracking_value', id, 'update', changes);
      return row!;
    }),
  );
}

/** Deletes a value; one customers have needs `confirmed` (else 409 with the count) and is cleared from them. */
export async function deleteValue(db: Db, id: number, confirmed: boolean, actorId: number | null) {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(trackingValues).where(eq(trackingValues.id, id)).for('update');
    if (!before) throw new DomainError('error.notFound', 404);
    const used = await valueUsage(tx, id);
    if (used > 0 && !confirmed) throw new DomainError('classification.inUse', 409, { count: used });
    if (used > 0) {
      await tx.execute(sql`
        insert into audit_log (user_id, customer_id, entity, entity_id, action, changes)
        select ${actorId}::int, ct.customer_id, 'tracking', ${before.dimensionId}::int, 'update',
          jsonb_build_object(d.name, jsonb_build_array(${before.name}::text, null))
        from customer_tracking ct join tracking_dimensions d on d.id = ct.dimension_id
        where ct.value_id = ${id}`);
      await tx.execute(sql`delete from customer_tracking where value_id = ${id}`);
    }
    await tx.delete(trackingValues).where(eq(trackingValues.id, id));
    await auditAdmin(tx, actorId, 'tracking_value', id, 'delete', {
      ...removed({ code: before.code, name: before.name }),
      customers: [used, null],
    });
    return { value: before, cleared: used };
  });
}
