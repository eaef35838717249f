import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { isUniqueViolation, USAGE_CAP } from '../../../db/sql.js';
import { DomainError, InputError } from '../../../lib/errors.js';
import { diff, writeAudit } from '../../audit/queries.js';
import type { CatalogGroupInput, CatalogItemInput } from '../schemas.js';
import type { Catalog } from './catalogs.js';

/*
 * Admin side of a property catalog (see catalogs.ts). Deleting an item that customers
 * (or contact persons) have needs the admin's confirmation after seeing how many; then it
 * is removed from them with an audit row each, written set-based. Deleting a group leaves
 * its items ungrouped.
 */

export type CatalogGroup = { id: number; name: string };
export type CatalogGroupRow = CatalogGroup & { itemCount: number };
export type CatalogItem = { id: number; code: string; name: string; groupId: number | null };
export type CatalogItemRow = CatalogItem & { groupName: string | null; usage: number };

const groups = (c: Catalog) => sql.identifier(c.groupTable);
const items = (c: Catalog) => sql.identifier(c.itemTable);
const links = (c: Catalog) => sql.identifier(c.linkTable);

export async function listCatalog(
  db: Db,
  c: Catalog,
): Promise<{ groups: CatalogGroupRow[]; items: CatalogItemRow[] }> {
  const [groupRows, itemRows] = await Promise.all([
    db.execute<CatalogGroupRow>(sql`
      select g.id, g.name, (select count(*)::int from ${items(c)} i where i.group_id = g.id) as "itemCount"
      from ${groups(c)} g order by g.name, g.id`),
    db.execute<CatalogItemRow>(sql`
      select i.id, i.code, i.name, i.group_id as "groupId", g.name as "groupName",
        (select count(*)::int from (select 1 from ${links(c)} l where l.property_id = i.id
          limit ${USAGE_CAP + 1}) x) as usage
      from ${items(c)} i left join ${groups(c)} g on g.id = i.group_id
      order by g.name nulls last, i.name, i.id`),
  ]);
  return { groups: [...groupRows], items: [...itemRows] };
}

export async function getGroup(db: Db, c: Catalog, id: number): Promise<CatalogGroupRow | undefined> {
  const [row] = await db.execute<CatalogGroupRow>(sql`
    select g.id, g.name, (select count(*)::int from ${items(c)} i where i.group_id = g.id) as "itemCount"
    from ${groups(c)} g where g.id = ${id}`);
  return row;
}

export async function getItem(db: Db, c: Catalog, id: number): Promise<CatalogItem | undefined> {
  const [row] = await db.execute<CatalogItem>(
    sql`select id, code, name, group_id as "groupId" from ${items(c)} where id = ${id}`,
  );
  return row;
}

/** How many customers (or contact persons) have the item: exact. */
export async function itemUsage(db: Db, c: Catalog, id: number): Promise<number> {
  const [row] = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from ${links(c)} where property_id = ${id}`,
  );
  return row?.n ?? 0;
}

/** Runs a write; a unique clash (also one that races past the check) becomes a field message. */
async function unique<T>(field: 'code' | 'name', write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (isUniqueViolation(e))
      throw new InputError({
        [field]: field === 'code' ? 'classification.codeTaken' : 'classification.nameTaken',
      });
    throw e;
  }
}

async function assertFree(
  tx: Db,
  table: SQLWrapper,
  column: 'code' | 'name',
  value: string,
  id: number | null,
) {
  const [clash] = await tx.execute(
    sql`select 1 from ${table} where ${sql.identifier(column)} = ${value} and id is distinct from ${id}::int`,
  );
  if (clash)
    throw new InputError({
      [column]: column === 'code' ? 'classification.codeTaken' : 'classification.nameTaken',
    });
}

async function assertGroup(tx: Db, c: Catalog, groupId: number | null) {
  if (groupId === null) return;
  const [row] = await tx.execute(sql`select 1 from ${groups(c)} where id = ${groupId} for share`);
  if (!row) throw new InputError({ groupId: 'validation.invalid' });
}

const admin = (
  tx: Db,
  actorId: number | null,
  entity: string,
  entityId: number,
  action: 'create' | 'update' | 'delete',
  changes: Record<string, [unknown, unknown]>,
) => writeAudit(tx, { userId: actorId, customerId: null, entity, entityId, action, changes });

// ---------------------------------------------------------------- items

export async function createItem(db: Db, c: Catalog, input: CatalogItemInput, actorId: number | null) {
  return unique('code', () =>
    db.transaction(async (tx) => {
      await assertFree(tx, items(c), 'code', input.code, null);
      await assertGroup(tx, c, input.groupId);
      const [row] = await tx.execute<CatalogItem>(sql`
        insert into ${items(c)} (code, name, group_id) values (${input.code}, ${input.name}, ${input.groupId})
        returning id, code, name, group_id as "groupId"`);
      await admin(tx, actorId, c.itemEntity, row!.id, 'create', diff(null, input));
      return row!;
    }),
  );
}

export async function updateItem(
  db: Db,
  c: Catalog,
  id: number,
  input: CatalogItemInput,
  actorId: number | null,
) {
  return unique('code', () =>
    db.transaction(async (tx) => {
      const [before] = await tx.execute<CatalogItem>(
        sql`select id, code, name, group_id as "groupId" from ${items(c)} where id = ${id} for update`,
      );
      if (!before) throw new DomainError('error.notFound', 404);
      await assertFree(tx, items(c), 'code', input.code, id);
      await assertGroup(tx, c, input.groupId);
      const changes = diff(before, input);
      if (Object.keys(changes).length === 0) return before;
      const [row] = await tx.execute<CatalogItem>(sql`
        update ${items(c)} set code = ${input.code}, name = ${input.name}, group_id = ${input.groupId}
        where id = ${id} returning id, code, name, group_id as "groupId"`);
      await admin(tx, actorId, c.itemEntity, id, 'update', changes);
      return row!;
    }),
  );
}

/** The audit rows of removing an item from everyone who has it, in one statement. */
function auditRemovalFromAll(c: Catalog, item: CatalogItem, actorId: number | null): SQL {
  if (c.owner === 'customer') {
    return sql`
      insert into audit_log (user_id, customer_id, entity, entity_id, action, changes)
      select ${actorId}::int, l.customer_id, ${c.linkEntity}, ${item.id}::int, 'update',
        jsonb_build_object(${item.name}::text, jsonb_build_array(coalesce(l.value_text, '✓'), null))
      from customer_properties l where l.property_id = ${item.id}`;
  }
  return sql`
    insert into audit_log (user_id, customer_id, entity, entity_id, action, changes)
    select ${actorId}::int, p.customer_id, ${c.linkEntity}, p.id, 'update',
      jsonb_build_object(p.first_name || ' ' || p.last_name || ': ' || ${item.name}::text,
        jsonb_build_array('✓', null))
    from contact_person_property_links l join contact_persons p on p.id = l.contact_person_id
    where l.property_id = ${item.id}`;
}

/**
 * Deletes an item. When someone has it, nothing happens unless `confirmed` (409 with the
 * count); confirmed, it is removed from them too, each with an audit row.
 */
export async function deleteItem(db: Db, c: Catalog, id: number, confirmed: boolean, actorId: number | null) {
  return db.transaction(async (tx) => {
    const [before] = await tx.execute<CatalogItem>(
      sql`select id, code, name, group_id as "groupId" from ${items(c)} where id = ${id} for update`,
    );
    if (!before) throw new DomainError('error.notFound', 404);
    const used = await itemUsage(tx, c, id);
    if (used > 0 && !confirmed) throw new DomainError('classification.inUse', 409, { count: used });
    if (used > 0) await tx.execute(auditRemovalFromAll(c, before, actorId));
    // The links go with it (on delete cascade).
    await tx.execute(sql`delete from ${items(c)} where id = ${id}`);
    await admin(tx, actorId, c.itemEntity, id, 'delete', {
      code: [before.code, null],
      name: [before.name, null],
      [c.owner === 'customer' ? 'customers' : 'contactPersons']: [used, null],
    });
    return { item: before, cleared: used };
  });
}

// ---------------------------------------------------------------- groups

export async function createGroup(db: Db, c: Catalog, input: CatalogGroupInput, actorId: number | null) {
  return unique('name', () =>
    db.transaction(async (tx) => {
      await assertFree(tx, groups(c), 'name', input.name, null);
      const [row] = await tx.execute<CatalogGroup>(
        sql`insert into ${groups(c)} (name) values (${input.name}) returning id, name`,
      );
      await admin(tx, actorId, c.groupEntity, row!.id, 'create', diff(null, input));
      return row!;
    }),
  );
}

export async function updateGroup(
  db: Db,
  c: Catalog,
  id: number,
  input: CatalogGroupInput,
  actorId: number | null,
) {
  return unique('name', () =>
    db.transaction(async (tx) => {
      const [before] = await tx.execute<CatalogGroup>(
        sql`select id, name from ${groups(c)} where id = ${id} for update`,
      );
      if (!before) throw new DomainError('error.notFound', 404);
      await assertFree(tx, groups(c), 'name', input.name, id);
      const changes = diff(before, input);
      if (Object.keys(changes).length === 0) return before;
      await tx.execute(sql`update ${groups(c)} set name = ${input.name} where id = ${id}`);
      await admin(tx, actorId, c.groupEntity, id, 'update', changes);
      return { id, name: input.name };
    }),
  );
}

/** Deletes a group; its items stay, without a group. */
export async function deleteGroup(db: Db, c: Catalog, id: number, actorId: number | null) {
  return db.transaction(async (tx) => {
    const [before] = await tx.execute<CatalogGroup>(
      sql`select id, name from ${groups(c)} where id = ${id} for update`,
    );
    if (!before) throw new DomainError('error.notFound', 404);
    const ungrouped = await tx.execute(sql`update ${items(c)} set group_id = null where group_id = ${id}`);
    await tx.execute(sql`delete from ${groups(c)} where id = ${id}`);
    await admin(tx, actorId, c.groupEntity, id, 'delete', { name: [before.name, null] });
    return { group: before, ungrouped: ungrouped.count };
  });
}
