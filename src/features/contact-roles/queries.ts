import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { type AuditChanges, contactPersons, contactRoles, customers } from '../../db/schema/index.js';
import { DomainError } from '../../lib/errors.js';
import { writeAudit } from '../audit/queries.js';
import { contactPersonPropertiesFor } from '../classification/contact-person-properties.js';
import { contactPersonJson, listContactPersons } from '../contact-persons/queries.js';

/*
 * Contact roles (R-REG-8): per organisation, which contact person gets e-mail invoices and
 * payment reminders, purchase orders and sales orders. The primary key (customer, role)
 * keeps it to one person per role.
 */

export const CONTACT_ROLES = ['CONTACT_NUMBER', 'CONTACT_PURCHASE', 'CONTACT_SALES'] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];
/** Who has each role; null = nobody. */
export type RoleAssignments = Record<ContactRole, number | null>;

/** The organisation's roles: who has each, and each contact person's roles in the list order. */
export async function contactRolesOf(db: Db, customerId: number) {
  const rows = await db
    .select({ role: contactRoles.role, contactPersonId: contactRoles.contactPersonId })
    .from(contactRoles)
    .where(eq(contactRoles.customerId, customerId));
  const assignments: RoleAssignments = { CONTACT_NUMBER: null, CONTACT_PURCHASE: null, CONTACT_SALES: null };
  for (const r of rows) assignments[r.role] = r.contactPersonId;
  const byPerson = new Map<number, ContactRole[]>();
  for (const role of CONTACT_ROLES) {
    const id = assignments[role];
    if (id !== null) byPerson.set(id, [...(byPerson.get(id) ?? []), role]);
  }
  return { assignments, byPerson };
}

const nameOf = (p: { firstName: string; lastName: string }) => `${p.firstName} ${p.lastName}`;

/**
 * Sets all three roles of an organisation at once (null = nobody): upserts and deletes
 * only what changed and writes one audit entry. A contact person of another customer is
 * refused. Returns whether anything changed.
 */
export async function setContactRoles(
  db: Db,
  customerId: number,
  wanted: RoleAssignments,
  actorId: number | null,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    // The organisation's row serialises concurrent role changes.
    const [org] = await tx
      .select({ type: customers.type })
      .from(customers)
      .where(eq(customers.id, customerId))
      .for('update');
    if (!org) throw new DomainError('error.notFound', 404);
    if (org.type !== 'organisation') throw new DomainError('contactRoles.onlyOrganisations', 400);

    const ids = [...new Set(CONTACT_ROLES.map((r) => wanted[r]).filter((id): id is number => id !== null))];
    const people = ids.length
      ? await tx
          .select({
            id: contactPersons.id,
            customerId: contactPersons.customerId,
            firstName: contactPersons.firstName,
            lastName: contactPersons.lastName,
          })
          .from(contactPersons)
          .where(inArray(contactPersons.id, ids))
          .for('share')
      : [];
    if (people.length !== ids.length || people.some((p) => p.customerId !== customerId))
      throw new DomainError('contactRoles.otherOrganisation', 400);

    const current = await tx
      .select({
        role: contactRoles.role,
        contactPersonId: contactRoles.contactPersonId,
        firstName: contactPersons.firstName,
        lastName: contactPersons.lastName,
      })
      .from(contactRoles)
      .innerJoin(contactPersons, eq(contactPersons.id, contactRoles.contactPersonId))
      .where(eq(contactRoles.customerId, customerId));
    const before = new Map(current.map((c) => [c.role, c]));
    const named = new Map(people.map((p) => [p.id, nameOf(p)]));

    const changes: AuditChanges = {};
    const removed: ContactRole[] = [];
    const set: { customerId: number; role: ContactRole; contactPersonId: number }[] = [];
    for (const role of CONTACT_ROLES) {
      const old = before.get(role);
      const next = wanted[role];
      if ((old?.contactPersonId ?? null) === next) continue;
      changes[role] = [old ? nameOf(old) : null, next === null ? null : (named.get(next) ?? null)];
      if (next === null) removed.push(role);
      else set.push({ customerId, role, contactPersonId: next });
    }
    if (Object.keys(changes).length === 0) return false;

    if (removed.length)
      await tx
        .delete(contactRoles)
        .where(and(eq(contactRoles.customerId, customerId), inArray(contactRoles.role, removed)));
    if (set.length)
      await tx
        .insert(contactRoles)
        .values(set)
        .onConflictDoUpdate({
          target: [contactRoles.customerId, contactRoles.role],
          set: { contactPersonId: sql`excluded.contact_person_id` },
        });
    await writeAudit(tx, {
      userId: actorId,
      customerId,
      entity: 'contact_role',
      entityId: customerId,
      action: 'update',
      changes,
    });
    return true;
  });
}

/**
 * The organisation's contact persons as the API shows them, each with its roles (codes),
 * marketing bans and contact-person properties (markkinointiryhmät).
 */
export async function contactPersonDetails(db: Db, customerId: number) {
  const persons = await listContactPersons(db, customerId);
  const [{ byPerson }, properties] = await Promise.all([
    contactRolesOf(db, customerId),
    contactPersonPropertiesFor(
      db,
      persons.map((p) => p.id),
    ),
  ]);
  return persons.map((p) => ({
    ...contactPersonJson(p),
    roles: byPerson.get(p.id) ?? [],
    bans: { noMarketing: p.noMarketing, noSms: p.noSms, noEmail: p.noEmail },
    properties: (properties.get(p.id) ?? []).map((x) => ({ code: x.code, name: x.name, group: x.groupName })),
  }));
}
