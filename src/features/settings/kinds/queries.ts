import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { customerKinds } from '../../../db/schema/index.js';
import { DomainError, InputError } from '../../../lib/errors.js';
import { diff, writeAudit } from '../../audit/queries.js';
import type { KindInput } from './schemas.js';

export type Kind = typeof customerKinds.$inferSelect;

export type KindRow = {
  id: number;
  code: string;
  nameFi: string;
  nameEn: string;
  rangeStart: number;
  rangeEnd: number;
  /** The number the next new customer of this kind gets; null when the series is full. */
  nextFree: number | null;
  customerCount: number;
  isAgent: boolean;
};

/** Every change to the kinds' ranges queues here, so two edits cannot create overlapping ranges. */
const lockRanges = (tx: Db) =>
  tx.execute(sql`select pg_advisory_xact_lock(hashtext('customer_kinds.ranges'))`);

/**
 * All kinds with their usage. The next free number is found as `allocateNumber`
 * finds it: next_number itself, or one past the first taken number whose successor is free.
 */
export async function listKinds(db: Db): Promise<KindRow[]> {
  const rows = await db.execute<KindRow>(sql`
    select k.id, k.code, k.name_fi as "nameFi", k.name_en as "nameEn",
      k.range_start as "rangeStart", k.range_end as "rangeEnd", k.is_agent as "isAgent",
      coalesce(u.n, 0)::int as "customerCount",
      nullif(least(f.n, k.range_end + 1), k.range_end + 1) as "nextFree"
    from customer_kinds k
    left join (select kind_id, count(*) as n from customers group by kind_id) u on u.kind_id = k.id
    cross join lateral (
      select case
        when not exists (select 1 from customers c where c.number = k.next_number) then k.next_number
        else (select min(c.number) + 1 from customers c
              where c.number >= k.next_number
                and not exists (select 1 from customers d where d.number = c.number + 1))
      end as n
    ) f
    order by k.range_start`);
  return [...rows];
}

export async function getKind(db: Db, id: number): Promise<Kind | undefined> {
  const [kind] = await db.select().from(customerKinds).where(eq(customerKinds.id, id));
  return kind;
}

/** The lowest and highest customer number in use in a kind, and how many customers it has. */
export async function kindUsage(
  db: Db,
  id: number,
): Promise<{ count: number; minNumber: number | null; maxNumber: number | null }> {
  const [row] = await db.execute<{ count: number; minNumber: number | null; maxNumber: number | null }>(sql`
    select count(*)::int as count, min(number) as "minNumber", max(number) as "maxNumber"
    from customers where kind_id = ${id}`);
  return row ?? { count: 0, minNumber: null, maxNumber: null };
}

/** Field problems that need the database: a taken code, a range overlapping another kind's. */
async function checkKind(tx: Db, input: KindInput, id: number | null): Promise<void> {
  const fields: InputError['fields'] = {};
  const [clash] = await tx.execute<{ codeTaken: boolean; overlap: boolean }>(sql`
    select
      exists (select 1 from customer_kinds where upper(code) = ${input.code}
              and id is distinct from ${id}::int) as "codeTaken",
      exists (select 1 from customer_kinds where id is distinct from ${id}::int
              and range_start <= ${input.rangeEnd} and range_end >= ${input.rangeStart}) as overlap`);
  if (clash?.codeTaken) fields.code = 'validation.unique';
  if (clash?.overlap) fields.rangeStart = 'validation.rangeOverlap';
  if (Object.keys(fields).length) throw new InputError(fields);
}

const audited = (k: Partial<Kind>) => ({
  code: k.code,
  nameFi: k.nameFi,
  nameEn: k.nameEn,
  rangeStart: k.rangeStart,
  rangeEnd: k.rangeEnd,
  nextNumber: k.nextNumber,
  isAgent: k.isAgent,
});

export async function createKind(db: Db, input: KindInput, actorId: number | null): Promise<Kind> {
  return db.transaction(async (tx) => {
    await lockRanges(tx);
    await checkKind(tx, input, null);
    const [kind] = await tx
      .insert(customerKinds)
      .values({ ...input, nextNumber: input.rangeStart })
      .returning();
    await writeAudit(tx, {
      userId: actorId,
      customerId: null,
      entity: 'kind',
      entityId: kind!.id,
      action: 'create',
      changes: diff(null, audited(kind!)),
    });
    return kind!;
  });
}

/**
 * Saves a kind. The range may not leave out numbers the kind's customers already
 * have. The kind row is locked as `allocateNumber` locks it, so no customer gets a
 * number while the range changes. When the start moves up past next_number, next_number
 * follows; when it moves down, numbering starts again from the new start (taken
 * numbers are skipped when allocating).
 */
export async function updateKind(
  db: Db,
  id: number,
  input: KindInput,
  actorId: number | null,
): Promise<Kind> {
  return db.transaction(async (tx) => {
    await lockRanges(tx);
    const [before] = await tx.select().from(customerKinds).where(eq(customerKinds.id, id)).for('update');
    if (!before) throw new DomainError('error.notFound', 404);
    await checkKind(tx, input, id);
    const used = await kindUsage(tx, id);
    const fields: InputError['fields'] = {};
    if (used.minNumber !== null && input.rangeStart > used.minNumber)
      fields.rangeStart = 'validation.rangeInUse';
    if (used.maxNumber !== null && input.rangeEnd < used.maxNumber) fields.rangeEnd = 'validation.rangeInUse';
    if (Object.keys(fields).length) throw new InputError(fields);
    const nextNumber =
      input.rangeStart < before.rangeStart ? input.rangeStart : Math.max(before.nextNumber, input.rangeStart);
    const after = { ...input, nextNumber };
    const changes = diff(audited(before), audited(after));
    if (Object.keys(changes).length === 0) return before;
    const [kind] = await tx.update(customerKinds).set(after).where(eq(customerKinds.id, id)).returning();
    await writeAudit(tx, {
      userId: actorId,
      customerId: null,
      entity: 'kind',
      entityId: id,
      action: 'update',
      changes,
    });
    return kind!;
  });
}

/** Deletes a kind no customer uses; a kind in use stays (409). */
export async function deleteKind(db: Db, id: number, actorId: number | null): Promise<Kind> {
  return db.transaction(async (tx) => {
    await lockRanges(tx);
    const [before] = await tx.select().from(customerKinds).where(eq(customerKinds.id, id)).for('update');
    if (!before) throw new DomainError('error.notFound', 404);
    const [deleted] = await tx.execute<{ id: number }>(sql`
      delete from customer_kinds
      where id = ${id} and not exists (select 1 from customers where kind_id = ${id})
      returning id`);
    if (!deleted) throw new DomainError('settings.kinds.inUse', 409, { code: before.code });
    await writeAudit(tx, {
      userId: actorId,
      customerId: null,
      entity: 'kind',
      entityId: id,
      action: 'delete',
      changes: Object.fromEntries(Object.entries(audited(before)).map(([k, v]) => [k, [v, null]])),
    });
    return before;
  });
}
