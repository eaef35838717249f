import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { labelLayouts } from '../../db/schema/index.js';
import { DomainError, InputError } from '../../lib/errors.js';
import { diff, writeAudit } from '../audit/queries.js';
import { type LayoutInput, layoutProblems } from './schemas.js';

/** A label sheet layout (tarra-arkki) as stored. */
export type Layout = typeof labelLayouts.$inferSelect;

/** Labels on one sheet. */
export const cellsOf = (layout: Pick<Layout, 'columns' | 'rows'>) => layout.columns * layout.rows;

/** Every layout: the built-in ones first, then by code. */
export async function listLayouts(db: Db): Promise<Layout[]> {
  return db.select().from(labelLayouts).orderBy(sql`${labelLayouts.builtIn} desc`, asc(labelLayouts.code));
}

export async function getLayout(db: Db, id: number): Promise<Layout | undefined> {
  const [layout] = await db.select().from(labelLayouts).where(eq(labelLayouts.id, id));
  return layout;
}

/** The layout named by `code` (case-insensitive: '3X8' is '3x8'). */
export async function layoutByCode(db: Db, code: string): Promise<Layout | undefined> {
  const [layout] = await db
    .select()
    .from(labelLayouts)
    .where(sql`lower(${labelLayouts.code}) = lower(${code})`);
  return layout;
}

/** Refuses a layout that does not fit its page, overlapping labels, or a taken code. */
async function checkLayout(db: Db, input: LayoutInput, id: number | null): Promise<void> {
  const fields: InputError['fields'] = { ...layoutProblems(input) };
  const [row] = await db.execute<{ taken: boolean }>(sql`
    select exists (select 1 from label_layouts where lower(code) = lower(${input.code})
                   and id is distinct from ${id}::int) as taken`);
  if (row?.taken) fields.code = 'validation.unique';
  if (Object.keys(fields).length) throw new InputError(fields);
}

export async function createLayout(db: Db, input: LayoutInput, userId: number): Promise<Layout> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('label_layouts.code'))`);
    await checkLayout(tx, input, null);
    const [layout] = await tx.insert(labelLayouts).values(input).returning();
    await writeAudit(tx, {
      userId,
      entity: 'label_layout',
      entityId: layout!.id,
      action: 'create',
      changes: diff(null, input),
    });
    return layout!;
  });
}

/** Changes a layout an admin added; the built-in ones stay as they are. */
export async function updateLayout(db: Db, id: number, input: LayoutInput, userId: number): Promise<Layout> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('label_layouts.code'))`);
    const [before] = await tx.select().from(labelLayouts).where(eq(labelLayouts.id, id)).for('update');
    if (!before) throw new DomainError('error.notFound', 404);
    if (before.builtIn) throw new DomainError('labels.layouts.builtInLocked', 409);
    await checkLayout(tx, input, id);
    const [layout] = await tx
      .update(labelLayouts)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(labelLayouts.id, id))
      .returning();
    const changes = diff(before, input);
    if (Object.keys(changes).length)
      await writeAudit(tx, { userId, entity: 'label_layout', entityId: id, action: 'update', changes });
    return layout!;
  });
}

/** Deletes a layout an admin added; built-in layouts cannot be deleted (409). */
export async function deleteLayout(db: Db, id: number, userId: number): Promise<Layout> {
  return db.transaction(async (tx) => {
    const [layout] = await tx.select().from(labelLayouts).where(eq(labelLayouts.id, id)).for('update');
    if (!layout) throw new DomainError('error.notFound', 404);
    if (layout.builtIn) throw new DomainError('labels.layouts.builtInLocked', 409);
    await tx.delete(labelLayouts).where(eq(labelLayouts.id, id));
    await writeAudit(tx, {
      userId,
      entity: 'label_layout',
      entityId: id,
      action: 'delete',
      changes: { code: [layout.code, null] },
    });
    return layout;
  });
}
