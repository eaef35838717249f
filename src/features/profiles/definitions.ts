import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { profileFields, profileValues } from '../../db/schema/index.js';
import { DomainError, InputError } from '../../lib/errors.js';
import { diff, writeAudit } from '../audit/queries.js';
import type { ProfileFieldInput, ProfileFieldType, ProfileValueInput } from './schemas.js';

/*
 * Profile field definitions and their list values (R-CARD-2, R-SET-1). The tables are
 * small (tens of fields, hundreds of values); only the usage counts touch customer data.
 */

export type ProfileField = typeof profileFields.$inferSelect;
export type ProfileValue = typeof profileValues.$inferSelect;

export type ProfileDefinition = {
  id: number;
  code: string;
  title: string;
  type: ProfileFieldType;
  values: { id: number; code: string; label: string }[];
};

export type FieldRow = ProfileField & { valueCount: number };
export type ValueRow = ProfileValue & { customerCount: number };

/** Every change of the definitions queues here, so checks and writes do not race. */
const lockDefinitions = (tx: Db) =>
  tx.execute(sql`select pg_advisory_xact_lock(hashtext('profile_definitions'))`);

/** All fields in order, each with its values in order: one query. */
export async function listDefinitions(db: Db): Promise<ProfileDefinition[]> {
  const rows = await db.execute<ProfileDefinition>(sql`
    select f.id, f.code, f.title, f.type,
      coalesce(json_agg(json_build_object('id', v.id, 'code', v.code, 'label', v.label)
                        order by v.sort, v.id) filter (where v.id is not null), '[]') as values
    from profile_fields f
    left join profile_values v on v.field_id = f.id
    group by f.id
    order by f.sort, f.id`);
  return [...rows];
}

/** The admin list: fields in order with how many list values each has. */
export async function listFields(db: Db): Promise<FieldRow[]> {
  const rows = await db.execute<FieldRow>(sql`
    select f.id, f.code, f.title, f.type, f.sort,
      (select count(*) from profile_values v where v.field_id = f.id)::int as "valueCount"
    from profile_fields f
    order by f.sort, f.id`);
  return [...rows];
}

export async function getField(db: Db, id: number): Promise<ProfileField | undefined> {
  const [field] = await db.select().from(profileFields).where(eq(profileFields.id, id));
  return field;
}

/** How many customers have an answer in the field (any value, text or date). */
export async function fieldCustomerCount(db: Db, fieldId: number): Promise<number> {
  const [row] = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from (
      select p.customer_id from customer_profile_values p
      where p.value_id in (select id from profile_values where field_id = ${fieldId})
      union
      select t.customer_id from customer_profile_texts t where t.field_id = ${fieldId}
    ) c`);
  return row?.n ?? 0;
}

/** The values of a field in order, each with how many customers have it. */
export async function listValues(db: Db, fieldId: number): Promise<ValueRow[]> {
  const rows = await db.execute<ValueRow>(sql`
    select v.id, v.field_id as "fieldId", v.code, v.label, v.sort,
      (select count(*) from customer_profile_values p where p.value_id = v.id)::int as "customerCount"
    from profile_values v
    where v.field_id = ${fieldId}
    order by v.sort, v.id`);
  return [...rows];
}

export async function getValue(db: Db, id: number): Promise<ProfileValue | undefined> {
  const [value] = await db.select().from(profileValues).where(eq(profileValues.id, id));
  return value;
}

export async function valueCustomerCount(db: Db, valueId: number): Promise<number> {
  const [row] = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from customer_profile_values where value_id = ${valueId}`);
  return row?.n ?? 0;
}

const fieldAudit = (f: Partial<ProfileField>) => ({ code: f.code, title: f.title, type: f.type });
const valueAudit = (v: Partial<ProfileValue>) => ({ code: v.code, label: v.label });
const removed = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, [v, null] as [unknown, unknown]]));

async function fieldCodeTaken(tx: Db, code: string, id: number | null): Promise<boolean> {
  const [row] = await tx.execute<{ taken: boolean }>(sql`
    select exists (select 1 from profile_fields where code = ${code} and id is distinct from ${id}::int) as taken`);
  return !!row?.taken;
}

export async function createField(db: Db, input: ProfileFieldInput, actorId: number | null) {
  return db.transaction(async (tx) => {
    await lockDefinitions(tx);
    if (await fieldCodeTaken(tx, input.code, null)) throw new InputError({ code: 'validation.unique' });
    const [field] = await tx
      .insert(profileFields)
      .values({
        ...input,
        sort: sql`(select coalesce(max(sort), 0) + 1 from ${profileFields})`,
      })
      .returning();
    await writeAudit(tx, {
      userId: actorId,
      entity: 'profile_field',
      entityId: field!.id,
      action: 'create',
      changes: diff(null, fieldAudit(field!)),
    });
    return field!;
  });
}

/** Saves code, title and type; the type stays once the field has list values or answers. */
export async function updateField(db: Db, id: number, input: ProfileFieldInput, actorId: number | null) {
  return db.transaction(async (tx) => {
    await lockDefinitions(tx);
    const [before] = await tx.select().from(profileFields).where(eq(profileFields.id, id)).for('update');
    if (!before) throw new DomainError('error.notFound', 404);
    const fields: InputError['fields'] = {};
    if (await fieldCodeTaken(tx, input.code, id)) fields.code = 'validation.unique';
    if (input.type !== before.type && (await fieldHasData(tx, id)))
      fields.type = 'settings.profiles.typeLocked';
    if (Object.keys(fields).length) throw new InputError(fields);
    const changes = diff(fieldAudit(before), fieldAudit(input));
    if (Object.keys(changes).length === 0) return before;
    const [field] = await tx.update(profileFields).set(input).where(eq(profileFields.id, id)).returning();
    await writeAudit(tx, {
      userId: actorId,
      entity: 'profile_field',
      entityId: id,
      action: 'update',
      changes,
    });
    return field!;
  });
}

/** The field has list values or some customer has answered it: its type is then fixed. */
export async function fieldHasData(db: Db, fieldId: number): Promise<boolean> {
  const [row] = await db.execute<{ used: boolean }>(sql`
    select exists (select 1 from profile_values where field_id = ${fieldId})
        or exists (select 1 from customer_profile_texts where field_id = ${fieldId}) as used`);
  return !!row?.used;
}

/** Deletes a field (and its values) that no customer has answered; otherwise 409 with the count. */
export async function deleteField(db: Db, id: number, actorId: number | null): Promise<ProfileField> {
  return db.transaction(async (tx) => {
    await lockDefinitions(tx);
    const [before] = await tx.select().from(profileFields).where(eq(profileFields.id, id)).for('update');
    if (!before) throw new DomainError('error.notFound', 404);
    const count = await fieldCustomerCount(tx, id);
    if (count > 0) throw new DomainError('settings.profiles.inUse', 409, { count });
    await tx.delete(profileFields).where(eq(profileFields.id, id));
    await writeAudit(tx, {
      userId: actorId,
      entity: 'profile_field',
      entityId: id,
      action: 'delete',
      changes: removed(fieldAudit(before)),
    });
    return before;
  });
}

/** Writes sort = 1..n in the order of `ids` (one statement). */
async function renumber(tx: Db, table: 'profile_fields' | 'profile_values', ids: number[]) {
  await tx.execute(sql`
    update ${sql.identifier(table)} t set sort = o.n
    from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb) with ordinality as o(id, n)
    where t.id = o.id::int`);
}

function swapped(ids: number[], id: number, direction: 'up' | 'down'): number[] | null {
  const i = ids.indexOf(id);
  const j = direction === 'up' ? i - 1 : i + 1;
  if (i < 0 || j < 0 || j >= ids.length) return null;
  const next = [...ids];
  [next[i], next[j]] = [next[j]!, next[i]!];
  return next;
}

/** Moves a field one place up or down in the card's order. */
export async function moveField(db: Db, id: number, direction: 'up' | 'down') {
  await db.transaction(async (tx) => {
    await lockDefinitions(tx);
    const rows = await tx
      .select({ id: profileFields.id })
      .from(profileFields)
      .orderBy(asc(profileFields.sort), asc(profileFields.id));
    const order = swapped(
      rows.map((r) => r.id),
      id,
      direction,
    );
    if (order) await renumber(tx, 'profile_fields', order);
  });
}

/** Moves a value one place up or down within its field. */
export async function moveValue(db: Db, id: number, direction: 'up' | 'down') {
  await db.transaction(async (tx) => {
    await lockDefinitions(tx);
    const [value] = await tx.select().from(profileValues).where(eq(profileValues.id, id));
    if (!value) throw new DomainError('error.notFound', 404);
    const rows = await tx
      .select({ id: profileValues.id })
      .from(profileValues)
      .where(eq(profileValues.fieldId, value.fieldId))
      .orderBy(asc(profileValues.sort), asc(profileValues.id));
    const order = swapped(
      rows.map((r) => r.id),
      id,
      direction,
    );
    if (order) await renumber(tx, 'profile_values', order);
  });
}

async function valueCodeTaken(tx: Db, fieldId: number, code: string, id: number | null) {
  const [row] = await tx.execute<{ taken: boolean }>(sql`
    select exists (select 1 from profile_values
                   where field_id = ${fieldId} and code = ${code} and id is distinct from ${id}::int) as taken`);
  return !!row?.taken;
}

/** Adds a list value to a single or multi field; the code is unique within the field. */
export async function createValue(db: Db, fieldId: number, input: ProfileValueInput, actorId: number | null) {
  return db.transaction(async (tx) => {
    await lockDefinitions(tx);
    const [field] = await tx.select().from(profileFields).where(eq(profileFields.id, fieldId));
    if (!field || (field.type !== 'single' && field.type !== 'multi'))
      throw new DomainError('error.notFound', 404);
    if (await valueCodeTaken(tx, fieldId, input.code, null))
      throw new InputError({ code: 'validation.profileValueCodeTaken' });
    const [value] = await tx
      .insert(profileValues)
      .values({
        fieldId,
        ...input,
        sort: sql`(select coalesce(max(sort), 0) + 1 from ${profileValues} where field_id = ${fieldId})`,
      })
      .returning();
    await writeAudit(tx, {
      userId: actorId,
      entity: 'profile_value',
      entityId: value!.id,
      action: 'create',
      changes: { field: [null, field.code], ...diff(null, valueAudit(value!)) },
    });
    return value!;
  });
}

export async function updateValue(db: Db, id: number, input: ProfileValueInput, actorId: number | null) {
  return db.transaction(async (tx) => {
    await lockDefinitions(tx);
    const [before] = await tx.select().from(profileValues).where(eq(profileValues.id, id)).for('update');
    if (!before) throw new DomainError('error.notFound', 404);
    if (await valueCodeTaken(tx, before.fieldId, input.code, id))
      throw new InputError({ code: 'validation.profileValueCodeTaken' });
    const changes = diff(valueAudit(before), valueAudit(input));
    if (Object.keys(changes).length === 0) return before;
    const [value] = await tx.update(profileValues).set(input).where(eq(profileValues.id, id)).returning();
    await writeAudit(tx, {
      userId: actorId,
      entity: 'profile_value',
      entityId: id,
      action: 'update',
      changes,
    });
    return value!;
  });
}

/** Deletes a value no customer has; a value in use stays (409 with the number of customers). */
export async function deleteValue(db: Db, id: number, actorId: number | null): Promise<ProfileValue> {
  return db.transaction(async (tx) => {
    await lockDefinitions(tx);
    const [before] = await tx.select().from(profileValues).where(eq(profileValues.id, id)).for('update');
    if (!before) throw new DomainError('error.notFound', 404);
    const count = await valueCustomerCount(tx, id);
    if (count > 0) throw new DomainError('settings.profiles.valueInUse', 409, { count });
    await tx.delete(profileValues).where(eq(profileValues.id, id));
    await writeAudit(tx, {
      userId: actorId,
      entity: 'profile_value',
      entityId: id,
      action: 'delete',
      changes: removed(valueAudit(before)),
    });
    return before;
  });
}

/**
 * Merges a value into another value of the same field and deletes it, in one
 * transaction: every customer with `fromId` gets `toId` instead (a customer who
 * already has `toId` keeps that one row, so a single field still has exactly one
 * value), each moved customer gets an audit row, and the value is deleted.
 * Returns how many customers moved.
 */
export async function mergeValue(
  db: Db,
  fromId: number,
  toId: number,
  actorId: number | null,
): Promise<{ from: ProfileValue; to: ProfileValue; count: number }> {
  return db.transaction(async (tx) => {
    await lockDefinitions(tx);
    const [from] = await tx.select().from(profileValues).where(eq(profileValues.id, fromId)).for('update');
    if (!from) throw new DomainError('error.notFound', 404);
    const [to] = await tx
      .select()
      .from(profileValues)
      .where(and(eq(profileValues.id, toId), eq(profileValues.fieldId, from.fieldId)));
    if (!to || to.id === from.id) throw new InputError({ into: 'validation.mergeTarget' });
    const [field] = await tx.select().from(profileFields).where(eq(profileFields.id, from.fieldId));
    const [moved] = await tx.execute<{ n: number }>(sql`
      with moved as (
        delete from customer_profile_values where value_id = ${from.id}
        returning customer_id, field_id
      ), kept as (
        insert into customer_profile_values (value_id, customer_id, field_id)
        select ${to.id}::int, customer_id, field_id from moved
        on conflict do nothing
      ), audited as (
        insert into audit_log (user_id, customer_id, entity, entity_id, action, changes)
        select ${actorId}::int, customer_id, 'profile', field_id, 'update',
          jsonb_build_object(${field!.title}::text, jsonb_build_array(${from.label}::text, ${to.label}::text))
        from moved
      )
      select count(*)::int as n from moved`);
    const count = moved?.n ?? 0;
    await tx.delete(profileValues).where(eq(profileValues.id, from.id));
    await writeAudit(tx, {
      userId: actorId,
      entity: 'profile_value',
      entityId: from.id,
      action: 'delete',
      changes: { ...removed(valueAudit(from)), mergedInto: [null, to.code], customers: [null, count] },
    });
    return { from, to, count };
  });
}
