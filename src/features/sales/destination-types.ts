import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { DomainError, InputError } from '../../lib/errors.js';
import { optionalId, requiredText } from '../../lib/validation.js';
import { writeAudit } from '../audit/queries.js';

/** Destination types (kohdetyypit) and their AUTO value (R-SALES-1, R-SALES-3). */

export const destinationTypeSchema = z.object({
  code: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toUpperCase() : v),
    z
      .string({ error: 'validation.required' })
      .min(1, { error: 'validation.required' })
      .regex(/^[A-Z0-9ÅÄÖ_-]{1,10}$/, { error: 'validation.destinationTypeCode' }),
  ),
  name: requiredText(100),
  autoValueId: optionalId(),
});
export type DestinationTypeInput = z.output<typeof destinationTypeSchema>;

export type DestinationType = {
  id: number;
  code: string;
  name: string;
  autoValueId: number | null;
  autoLabel: string | null;
  inUse: boolean;
};

const SELECT = sql`
  select t.id, t.code, t.name, t.auto_value_id as "autoValueId",
    case when v.id is null then null else f.title || ': ' || v.code || ' ' || v.label end as "autoLabel",
    exists (select 1 from sales_documents d where d.destination_type_id = t.id) as "inUse"
  from destination_types t
  left join profile_values v on v.id = t.auto_value_id
  left join profile_fields f on f.id = v.field_id`;

export async function listDestinationTypes(db: Db): Promise<DestinationType[]> {
  return db.execute<DestinationType>(sql`${SELECT} order by t.code`);
}

export async function getDestinationType(db: Db, id: number): Promise<DestinationType | null> {
  const [row] = await db.execute<DestinationType>(sql`${SELECT} where t.id = ${id}`);
  return row ?? null;
}

/** The list values of single and multi profile fields, for the AUTO picker. */
export async function autoValueOptions(db: Db) {
  return db.execute<{ id: number; fieldTitle: string; fieldType: string; code: string; label: string }>(sql`
    select v.id, f.title as "fieldTitle", f.type::text as "fieldType", v.code, v.label
    from profile_values v join profile_fields f on f.id = v.field_id
    where f.type in ('single', 'multi')
    order by f.sort, f.id, v.sort, v.id`);
}

async function checkAutoValue(db: Db, id: number | null) {
  if (id === null) return;
  const [ok] = await db.execute<{ id: number }>(sql`
    select v.id from profile_values v join profile_fields f on f.id = v.field_id
    where v.id = ${id} and f.type in ('single', 'multi')`);
  if (!ok) throw new InputError({ autoValueId: 'validation.invalid' });
}

const audited = (t: { code: string; name: string; autoValueId: number | null }) => ({
  code: t.code,
  name: t.name,
  autoValueId: t.autoValueId,
});

export async function createDestinationType(db: Db, input: DestinationTypeInput, actorId: number) {
  return db.transaction(async (tx) => {
    await checkAutoValue(tx, input.autoValueId);
    const [row] = await tx.execute<{ id: number }>(sql`
      insert into destination_types (code, name, auto_value_id)
      values (${input.code}, ${input.name}, ${input.autoValueId})
      on conflict (code) do nothing
      returning id`);
    if (!row) throw new InputError({ code: 'validation.unique' });
    await writeAudit(tx, {
      userId: actorId,
      entity: 'destination_type',
      entityId: row.id,
      action: 'create',
      changes: Object.fromEntries(Object.entries(audited(input)).map(([k, v]) => [k, [null, v]])),
    });
    return { id: row.id, ...input };
  });
}

export async function updateDestinationType(
  db: Db,
  id: number,
  input: DestinationTypeInput,
  actorId: number,
) {
  return db.transaction(async (tx) => {
    const [before] = await tx.execute<{ code: string; name: string; autoValueId: number | null }>(sql`
      select code, name, auto_value_id as "autoValueId" from destination_types where id = ${id} for update`);
    if (!before) throw new DomainError('error.notFound', 404);
    await checkAutoValue(tx, input.autoValueId);
    const [taken] = await tx.execute<{ id: number }>(
      sql`select id from destination_types where code = ${input.code} and id <> ${id}`,
    );
    if (taken) throw new InputError({ code: 'validation.unique' });
    await tx.execute(sql`
      update destination_types set code = ${input.code}, name = ${input.name}, auto_value_id = ${input.autoValueId}
      where id = ${id}`);
    const changes: Record<string, [unknown, unknown]> = {};
    const after = audited(input);
    for (const [k, v] of Object.entries(after)) {
      const old = before[k as keyof typeof before];
      if ((old ?? null) !== (v ?? null)) changes[k] = [old, v];
    }
    if (Object.keys(changes).length) {
      await writeAudit(tx, {
        userId: actorId,
        entity: 'destination_type',
        entityId: id,
        action: 'update',
        changes,
      });
    }
    return { id, ...input };
  });
}

/** Deletes a destination type no document uses; one in use is refused (409). */
export async function deleteDestinationType(db: Db, id: number, actorId: number) {
  return db.transaction(async (tx) => {
    const [before] = await tx.execute<{ code: string; name: string; autoValueId: number | null }>(sql`
      select code, name, auto_value_id as "autoValueId" from destination_types where id = ${id} for update`);
    if (!before) throw new DomainError('error.notFound', 404);
    const [used] = await tx.execute<{ n: number }>(sql`
      select 1 as n from sales_documents where destination_type_id = ${id} limit 1`);
    if (used) throw new DomainError('sales.destinationTypes.inUse', 409, { code: before.code });
    await tx.execute(sql`delete from customer_sales_years where destination_type_id = ${id} and count = 0`);
    await tx.execute(sql`delete from destination_types where id = ${id}`);
    await writeAudit(tx, {
      userId: actorId,
      entity: 'destination_type',
      entityId: id,
      action: 'delete',
      changes: Object.fromEntries(Object.entries(audited(before)).map(([k, v]) => [k, [v, null]])),
    });
    return before;
  });
}
