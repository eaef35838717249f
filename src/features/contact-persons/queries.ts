import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { contactPersons, customers } from '../../db/schema/index.js';
import { ConflictError, DomainError } from '../../lib/errors.js';
import { diff, writeAudit } from '../audit/queries.js';
import { type Bans, setBans } from '../bans/queries.js';
import { setContactPersonProperties } from '../classification/contact-person-properties.js';
import type { ContactPersonInput } from '../customers/schemas.js';

export type ContactPerson = typeof contactPersons.$inferSelect;

/** What the contact-person form saves besides the person's own fields, in the same transaction. */
export type ContactPersonExtras = {
  /** Contact-person properties (markkinointiryhmät): exactly these ids; undefined leaves them as they are. */
  propertyIds?: number[];
  /** Marketing bans (R-REG-9), saved with source 'staff'; undefined leaves them as they are. */
  bans?: Bans;
};

export async function listContactPersons(db: Db, customerId: number): Promise<ContactPerson[]> {
  return db
    .select()
    .from(contactPersons)
    .where(eq(contactPersons.customerId, customerId))
    .orderBy(asc(contactPersons.lastName), asc(contactPersons.firstName), asc(contactPersons.id));
}

export async function getContactPerson(db: Db, id: number): Promise<ContactPerson | undefined> {
  const [row] = await db.select().from(contactPersons).where(eq(contactPersons.id, id));
  return row;
}

/** Contact persons belong to organisations only. */
async function assertOrganisation(db: Db, customerId: number) {
  const [c] = await db.select({ type: customers.type }).from(customers).where(eq(customers.id, customerId));
  if (!c) throw new DomainError('error.notFound', 404);
  if (c.type !== 'organisation') throw new DomainError('contactPersons.onlyOrganisations', 400);
}

export async function createContactPerson(
  db: Db,
  customerId: number,
  input: ContactPersonInput,
  actorId: number | null,
  extras: ContactPersonExtras = {},
) {
  await assertOrganisation(db, customerId);
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(contactPersons)
      .values({ ...input, firstName: input.firstName!, lastName: input.lastName!, customerId })
      .returning();
    await writeAudit(tx, {
      userId: actorId,
      customerId,
      entity: 'contact_person',
      entityId: created!.id,
      action: 'create',
      changes: diff(null, input),
    });
    // -- contact-person properties (markkinointiryhmät)
    if (extras.propertyIds) await setContactPersonProperties(tx, created!, extras.propertyIds, actorId);
    // -- marketing bans
    if (extras.bans)
      await setBans(tx, { contactPersonId: created!.id }, extras.bans, { source: 'staff', userId: actorId });
    return created!;
  });
}

export async function updateContactPerson(
  db: Db,
  id: number,
  version: number,
  input: ContactPersonInput,
  actorId: number | null,
  extras: ContactPersonExtras = {},
) {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(contactPersons).where(eq(contactPersons.id, id)).for('update');
    if (!before) throw new DomainError('error.notFound', 404);
    if (before.version !== version) throw new ConflictError();
    const changes = diff(before, input);
    // -- contact-person properties (markkinointiryhmät): a change of them alone still moves the version on
    const propertiesChanged = extras.propertyIds
      ? await setContactPersonProperties(tx, before, extras.propertyIds, actorId)
      : false;
    // -- marketing bans: a change of them alone also moves the version on
    const bansChanged = extras.bans
      ? (await setBans(tx, { contactPersonId: id }, extras.bans, { source: 'staff', userId: actorId }))
          .changed.length > 0
      : false;
    if (Object.keys(changes).length === 0) {
      if (!propertiesChanged && !bansChanged) return before;
      const [bumped] = await tx
        .update(contactPersons)
        .set({ version: version + 1, updatedAt: sql`now()` })
        .where(eq(contactPersons.id, id))
        .returning();
      return bumped!;
    }
    const [updated] = await tx
      .update(contactPersons)
      .set({
        ...input,
        firstName: input.firstName!,
        lastName: input.lastName!,
        version: version + 1,
        updatedAt: sql`now()`,
      })
      .where(eq(contactPersons.id, id))
      .returning();
    await writeAudit(tx, {
      userId: actorId,
      customerId: before.customerId,
      entity: 'contact_person',
      entityId: id,
      action: 'update',
      changes,
    });
    return updated!;
  });
}

export async function deleteContactPerson(db: Db, id: number, actorId: number | null) {
  return db.transaction(async (tx) => {
    const [gone] = await tx.delete(contactPersons).where(eq(contactPersons.id, id)).returning();
    if (!gone) throw new DomainError('error.notFound', 404);
    await writeAudit(tx, {
      userId: actorId,
      customerId: gone.customerId,
      entity: 'contact_person',
      entityId: id,
      action: 'delete',
      changes: { name: [`${gone.firstName} ${gone.lastName}`, null] },
    });
    return gone;
  });
}

/** A contact person's own fields (contactPersonDetails adds roles, bans and properties). */
export function contactPersonJson(p: ContactPerson) {
  return {
    id: p.id,
    firstName: p.firstName,
    lastName: p.lastName,
    title: p.title,
    email: p.email,
    phone: p.phone,
    mobile: p.mobile,
    language: p.language,
  };
}
