import { and, desc, eq, isNull, lt, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { contactTypes, interactionBatches, users } from '../../db/schema/index.js';
import { writeAudit } from '../audit/queries.js';

export type ContactType = { id: number; code: string; name: string };

/** The contact type with this code (case-insensitive), or null. */
export async function contactTypeByCode(db: Db, code: string): Promise<ContactType | null> {
  const [row] = await db
    .select({ id: contactTypes.id, code: contactTypes.code, name: contactTypes.name })
    .from(contactTypes)
    .where(sql`upper(${contactTypes.code}) = upper(${code.trim()})`)
    .limit(1);
  return row ?? null;
}

/** Writes one contact entry per recipient row in ONE statement and records the batch. `recipients` is a SQL query
 *  returning columns (customer_id int, contact_person_id int|null). */
export async function writeInteractionBatch(
  db: Db,
  input: { source: string; userId: number | null; typeId: number; text: string; recipients: SQL },
): Promise<{ batchId: number; count: number }> {
  // The audit entry commits with the entries (a savepoint when the caller is in a transaction already).
  return db.transaction(async (tx) => {
    // One statement: the recipients are read once (materialised), the batch row gets their count, every entry is
    // inserted with the batch id and each customer's history gets its line. A failure anywhere leaves nothing behind.
    const rows = await tx.execute<{ batch_id: number; count: string | number }>(sql`
      with recipients as materialized (
        select r.customer_id::int as customer_id, r.contact_person_id::int as contact_person_id
        from (${input.recipients}) r
      ),
      batch as (
        insert into interaction_batches (source, entry_count, created_by)
        select ${input.source}, count(*)::int, ${input.userId}::int from recipients
        returning id
      ),
      entries as (
        insert into interactions (customer_id, contact_person_id, type_id, text, batch_id, created_by)
        select r.customer_id, r.contact_person_id, ${input.typeId}::int, ${input.text}, batch.id, ${input.userId}::int
        from recipients r cross join batch
        returning id, customer_id, batch_id
      ),
      audit as (
        insert into audit_log (user_id, customer_id, entity, entity_id, action, changes)
        select ${input.userId}::int, e.customer_id, 'interaction', e.id, 'create',
          jsonb_build_object('typeId', jsonb_build_array(null, ${input.typeId}::int),
            'text', jsonb_build_array(null, ${input.text}::text), 'batchId', jsonb_build_array(null, e.batch_id))
        from entries e
      )
      select batch.id as batch_id, (select count(*) from entries) as count from batch`);
    const row = rows[0]!;
    const batchId = Number(row.batch_id);
    const count = Number(row.count);
    await writeAudit(tx, {
      userId: input.userId,
      entity: 'interaction_batch',
      entityId: batchId,
      action: 'create',
      changes: { source: [null, input.source], count: [null, count], typeId: [null, input.typeId] },
    });
    return { batchId, count };
  });
}

/** Deletes the batch's entries (set-based; their alarms go with them, each customer's history records it) and
 *  marks the batch undone. Returns the
 *  number of entries removed; 0 when the batch does not exist or was undone already. */
export async function undoInteractionBatch(db: Db, batchId: number, userId: number): Promise<number> {
  return db.transaction(async (tx) => {
    const [batch] = await tx
      .update(interactionBatches)
      .set({ undoneAt: sql`now()`, undoneBy: userId })
      .where(and(eq(interactionBatches.id, batchId), isNull(interactionBatches.undoneAt)))
      .returning({ id: interactionBatches.id, source: interactionBatches.source });
    if (!batch) return 0;
    const deleted = await tx.execute<{ count: string | number }>(sql`
      with gone as (delete from interactions where batch_id = ${batchId} returning id, customer_id, type_id, text),
      audit as (
        insert into audit_log (user_id, customer_id, entity, entity_id, action, changes)
        select ${userId}::int, g.customer_id, 'interaction', g.id, 'delete',
          jsonb_build_object('typeId', jsonb_build_array(g.type_id, null), 'text', jsonb_build_array(g.text, null),
            'batchId', jsonb_build_array(${batchId}::int, null))
        from gone g
      )
      select count(*) as count from gone`);
    const count = Number(deleted[0]?.count ?? 0);
    await writeAudit(tx, {
      userId,
      entity: 'interaction_batch',
      entityId: batchId,
      action: 'delete',
      changes: { source: [batch.source, null], count: [count, null] },
    });
    return count;
  });
}

export type BatchRow = {
  id: number;
  source: string;
  entryCount: number;
  createdAt: Date;
  createdByName: string | null;
  undoneAt: Date | null;
  undoneByName: string | null;
};

/** Recent batches, newest first, keyset on id. */
export async function listInteractionBatches(db: Db, beforeId?: number, limit = 50): Promise<BatchRow[]> {
  const undoer = sql`(select display_name from users u2 where u2.id = ${interactionBatches.undoneBy})`;
  return db
    .select({
      id: interactionBatches.id,
      source: interactionBatches.source,
      entryCount: interactionBatches.entryCount,
      createdAt: interactionBatches.createdAt,
      createdByName: users.displayName,
      undoneAt: interactionBatches.undoneAt,
      undoneByName: undoer.mapWith(String),
    })
    .from(interactionBatches)
    .leftJoin(users, eq(users.id, interactionBatches.createdBy))
    .where(beforeId ? lt(interactionBatches.id, beforeId) : undefined)
    .orderBy(desc(interactionBatches.id))
    .limit(limit);
}
