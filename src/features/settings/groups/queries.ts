import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { customerGroups } from '../../../db/schema/index.js';
import { DomainError, InputError } from '../../../lib/errors.js';
import { writeAudit } from '../../audit/queries.js';

export type GroupNode = {
  id: number;
  parentId: number | null;
  name: string;
  depth: number;
  /** Customers in this group itself. */
  customerCount: number;
  /** Customers in this group and all its subgroups. */
  totalCount: number;
  children: GroupNode[];
};

/** Changes to the shape of the tree queue here, so two concurrent moves cannot make a cycle. */
const lockTree = (tx: Db) => tx.execute(sql`select pg_advisory_xact_lock(hashtext('customer_groups.tree'))`);

/** The whole tree, siblings by name, with customer counts per group and per subtree. */
export async function groupTree(db: Db): Promise<{ roots: GroupNode[]; flat: GroupNode[] }> {
  const rows = await db.execute<Omit<GroupNode, 'children' | 'totalCount'>>(sql`
    with recursive tree as (
      select id, parent_id, name, 0 as depth, array[lower(name), lpad(id::text, 10, '0')] as path
      from customer_groups where parent_id is null
      union all
      select g.id, g.parent_id, g.name, t.depth + 1, t.path || lower(g.name) || lpad(g.id::text, 10, '0')
      from customer_groups g join tree t on g.parent_id = t.id
    )
    select t.id, t.parent_id as "parentId", t.name, t.depth, coalesce(c.n, 0)::int as "customerCount"
    from tree t
    left join (select group_id, count(*) as n from customers where group_id is not null group by group_id) c
      on c.group_id = t.id
    order by t.path`);
  const flat: GroupNode[] = rows.map((r) => ({ ...r, totalCount: r.customerCount, children: [] }));
  const byId = new Map(flat.map((g) => [g.id, g]));
  const roots: GroupNode[] = [];
  for (const g of flat) {
    const parent = g.parentId === null ? undefined : byId.get(g.parentId);
    if (parent) parent.children.push(g);
    else roots.push(g);
  }
  // Rows come parents first, so walking them backwards adds every subtree before its parent.
  for (let i = flat.length - 1; i >= 0; i--) {
    const g = flat[i]!;
    const parent = g.parentId === null ? undefined : byId.get(g.parentId);
    if (parent) parent.totalCount += g.totalCount;
  }
  return { roots, flat };
}

/** A group with what its edit and delete pages show. */
export async function getGroup(db: Db, id: number) {
  const [row] = await db.execute<{
    id: number;
    name: string;
    parentId: number | null;
    parentName: string | null;
    childCount: number;
    customerCount: number;
  }>(sql`
    select g.id, g.name, g.parent_id as "parentId", p.name as "parentName",
      (select count(*) from customer_groups c where c.parent_id = g.id)::int as "childCount",
      (select count(*) from customers c where c.group_id = g.id)::int as "customerCount"
    from customer_groups g left join customer_groups p on p.id = g.parent_id
    where g.id = ${id}`);
  return row;
}

export type GroupDetails = NonNullable<Awaited<ReturnType<typeof getGroup>>>;

/** The group and all its descendants (recursive CTE). */
export async function subtreeIds(db: Db, id: number): Promise<number[]> {
  const rows = await db.execute<{ id: number }>(sql`
    with recursive sub as (
      select id from customer_groups where id = ${id}
      union all
      select g.id from customer_groups g join sub s on g.parent_id = s.id
    ) select id from sub`);
  return rows.map((r) => r.id);
}

async function checkParent(tx: Db, parentId: number | null, field: string): Promise<void> {
  if (parentId === null) return;
  const [parent] = await tx
    .select({ id: customerGroups.id })
    .from(customerGroups)
    .where(eq(customerGroups.id, parentId));
  if (!parent) throw new InputError({ [field]: 'validation.invalid' });
}

/** Siblings may not share a name (case-insensitive): the tree would be ambiguous in pick lists. */
async function checkSiblingName(tx: Db, parentId: number | null, name: string, id: number | null) {
  const [row] = await tx.execute<{ taken: boolean }>(sql`
    select exists (
      select 1 from customer_groups
      where parent_id is not distinct from ${parentId}::int and lower(name) = lower(${name})
        and id is distinct from ${id}::int
    ) as taken`);
  if (row?.taken) throw new InputError({ name: 'settings.groups.nameTaken' });
}

export async function createGroup(
  db: Db,
  input: { name: string; parentId: number | null },
  actorId: number | null,
): Promise<{ id: number; name: string }> {
  return db.transaction(async (tx) => {
    await lockTree(tx);
    await checkParent(tx, input.parentId, 'parentId');
    await checkSiblingName(tx, input.parentId, input.name, null);
    const [group] = await tx
      .insert(customerGroups)
      .values(input)
      .returning({ id: customerGroups.id, name: customerGroups.name });
    await writeAudit(tx, {
      userId: actorId,
      customerId: null,
      entity: 'group',
      entityId: group!.id,
      action: 'create',
      changes: { name: [null, input.name], parentId: [null, input.parentId] },
    });
    return group!;
  });
}

export async function renameGroup(db: Db, id: number, name: string, actorId: number | null): Promise<void> {
  await db.transaction(async (tx) => {
    await lockTree(tx);
    const [before] = await tx.select().from(customerGroups).where(eq(customerGroups.id, id)).for('update');
    if (!before) throw new DomainError('error.notFound', 404);
    if (before.name === name) return;
    await checkSiblingName(tx, before.parentId, name, id);
    await tx.update(customerGroups).set({ name }).where(eq(customerGroups.id, id));
    await writeAudit(tx, {
      userId: actorId,
      customerId: null,
      entity: 'group',
      entityId: id,
      action: 'update',
      changes: { name: [before.name, name] },
    });
  });
}

/** Moves a group (with its subtree) under another parent; never under itself or its own descendant. */
export async function moveGroup(
  db: Db,
  id: number,
  parentId: number | null,
  actorId: number | null,
): Promise<void> {
  await db.transaction(async (tx) => {
    await lockTree(tx);
    const [before] = await tx.select().from(customerGroups).where(eq(customerGroups.id, id)).for('update');
    if (!before) throw new DomainError('error.notFound', 404);
    if (before.parentId === parentId) return;
    await checkParent(tx, parentId, 'parentId');
    if (parentId !== null && (await subtreeIds(tx, id)).includes(parentId)) {
      throw new InputError({ parentId: 'settings.groups.cycle' });
    }
    await checkSiblingName(tx, parentId, before.name, id);
    await tx.update(customerGroups).set({ parentId }).where(eq(customerGroups.id, id));
    await writeAudit(tx, {
      userId: actorId,
      customerId: null,
      entity: 'group',
      entityId: id,
      action: 'move',
      changes: { parentId: [before.parentId, parentId] },
    });
  });
}

/**
 * Deletes a group. An empty group (no subgroups, no customers) simply goes. Otherwise
 * `reassignTo` must name a group outside this subtree: the customers move there (one
 * UPDATE, each move audited on the customer) and so do the subgroups, then the group
 * is deleted — all in one transaction.
 */
export async function deleteGroup(
  db: Db,
  id: number,
  reassignTo: number | null,
  actorId: number | null,
): Promise<{ name: string; movedCustomers: number; movedGroups: number }> {
  return db.transaction(async (tx) => {
    await lockTree(tx);
    const [before] = await tx.select().from(customerGroups).where(eq(customerGroups.id, id)).for('update');
    if (!before) throw new DomainError('error.notFound', 404);
    const group = (await getGroup(tx, id))!;
    const empty = group.childCount === 0 && group.customerCount === 0;
    if (!empty && reassignTo === null) {
      throw new DomainError('settings.groups.notEmpty', 409, {
        groups: group.childCount,
        customers: group.customerCount,
      });
    }
    let movedCustomers = 0;
    let movedGroups = 0;
    if (reassignTo !== null && !empty) {
      await checkParent(tx, reassignTo, 'reassignTo');
      if ((await subtreeIds(tx, id)).includes(reassignTo)) {
        throw new InputError({ reassignTo: 'settings.groups.reassignInside' });
      }
      const [clash] = await tx.execute<{ name: string }>(sql`
        select c.name from customer_groups c
        join customer_groups t on t.parent_id = ${reassignTo} and lower(t.name) = lower(c.name)
        where c.parent_id = ${id}
        limit 1`);
      if (clash) throw new InputError({ reassignTo: 'settings.groups.reassignNameClash' });
      const [moved] = await tx.execute<{ n: number }>(sql`
        with moved as (
          update customers
          set group_id = ${reassignTo}, version = version + 1, updated_at = now(), updated_by = ${actorId}
          where group_id = ${id}
          returning id
        ), logged as (
          insert into audit_log (user_id, customer_id, entity, entity_id, action, changes)
          select ${actorId}::int, moved.id, 'customer', moved.id, 'update',
            jsonb_build_object('groupId', jsonb_build_array(${id}::int, ${reassignTo}::int))
          from moved
          returning 1
        ) select count(*)::int as n from logged`);
      movedCustomers = moved?.n ?? 0;
      const [children] = await tx.execute<{ n: number }>(sql`
        with moved as (
          update customer_groups set parent_id = ${reassignTo} where parent_id = ${id} returning id
        ), logged as (
          insert into audit_log (user_id, customer_id, entity, entity_id, action, changes)
          select ${actorId}::int, null, 'group', moved.id, 'move',
            jsonb_build_object('parentId', jsonb_build_array(${id}::int, ${reassignTo}::int))
          from moved
          returning 1
        ) select count(*)::int as n from logged`);
      movedGroups = children?.n ?? 0;
    }
    await tx.delete(customerGroups).where(eq(customerGroups.id, id));
    await writeAudit(tx, {
      userId: actorId,
      customerId: null,
      entity: 'group',
      entityId: id,
      action: 'delete',
      changes: {
        name: [before.name, null],
        parentId: [before.parentId, null],
        ...(reassignTo !== null && !empty
          ? { reassignedTo: [null, reassignTo], customersMoved: [null, movedCustomers] }
          : {}),
      },
    });
    return { name: before.name, movedCustomers, movedGroups };
  });
}
