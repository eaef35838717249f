import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { AuditChanges } from '../../db/schema/index.js';
import { intArray } from '../../db/sql.js';
import { InputError } from '../../lib/errors.js';
import { writeAudit } from '../audit/queries.js';

/*
 * Contact-person properties (markkinointiryhmät) grouped by contact-person groups
 * (yhteyshenkilöryhmät), R-REG-7: picked on the contact-person form, shown on the
 * card's contact-persons tab and in the API.
 */

export type ContactPersonPropertyRef = { id: number; code: string; name: string; groupName: string | null };
export type ContactPersonPropertyGroup = {
  id: number | null;
  name: string | null;
  properties: { id: number; code: string; name: string }[];
};

/** Every contact-person property, grouped (ungrouped last), for the form's checkboxes. */
export async function contactPersonPropertyOptions(db: Db): Promise<ContactPersonPropertyGroup[]> {
  const rows = await db.execute<{
    id: number;
    code: string;
    name: string;
    groupId: number | null;
    groupName: string | null;
  }>(sql`
    select p.id, p.code, p.name, p.group_id as "groupId", g.name as "groupName"
    from contact_person_properties p left join contact_person_groups g on g.id = p.group_id
    order by g.name nulls last, g.id, p.name, p.id`);
  const groups: ContactPersonPropertyGroup[] = [];
  for (const { groupId, groupName, ...property } of rows) {
    let group = groups.at(-1);
    if (!group || group.id !== groupId) {
      group = { id: groupId, name: groupName, properties: [] };
      groups.push(group);
    }
    group.properties.push(property);
  }
  return groups;
}

/**
 * The properties of each contact person asked for, in one query; every id asked for is
 * in the map (with an empty list when it has none). Ordered by group, then name.
 */
export async function contactPersonPropertiesFor(
  db: Db,
  contactPersonIds: readonly number[],
): Promise<Map<number, ContactPersonPropertyRef[]>> {
  const result = new Map<number, ContactPersonPropertyRef[]>(contactPersonIds.map((id) => [id, []]));
  if (contactPersonIds.length === 0) return result;
  const rows = await db.execute<ContactPersonPropertyRef & { contactPersonId: number }>(sql`
    select l.contact_person_id as "contactPersonId", p.id, p.code, p.name, g.name as "groupName"
    from contact_person_property_links l
    join contact_person_properties p on p.id = l.property_id
    left join contact_person_groups g on g.id = p.group_id
    where l.contact_person_id = any(${intArray(contactPersonIds)})
    order by g.name nulls last, p.name, p.id`);
  for (const { contactPersonId, ...property } of rows) result.get(contactPersonId)?.push(property);
  return result;
}

type Person = { id: number; customerId: number; firstName: string; lastName: string };

/**
 * Sets a contact person's properties to exactly `propertyIds` (set-based, inside the
 * caller's transaction) and writes one audit entry on the organisation when something
 * changed. Unknown ids are refused. Returns whether anything changed.
 */
export async function setContactPersonProperties(
  tx: Db,
  person: Person,
  propertyIds: readonly number[],
  actorId: number | null,
): Promise<boolean> {
  const ids = intArray(propertyIds);
  const known = await tx.execute<{ id: number }>(
    sql`select id from contact_person_properties where id = any(${ids}) for share`,
  );
  if (known.length !== new Set(propertyIds).size) throw new InputError({ cpProperty: 'validation.invalid' });

  const removed = await tx.execute<{ name: string }>(sql`
    with gone as (
      delete from contact_person_property_links
      where contact_person_id = ${person.id} and not (property_id = any(${ids}))
      returning property_id)
    select p.name from gone join contact_person_properties p on p.id = gone.property_id`);
  const added = await tx.execute<{ name: string }>(sql`
    with added as (
      insert into contact_person_property_links (property_id, contact_person_id)
      select id, ${person.id}::int from contact_person_properties where id = any(${ids})
      on conflict do nothing
      returning property_id)
    select p.name from added join contact_person_properties p on p.id = added.property_id`);

  if (removed.length === 0 && added.length === 0) return false;
  const who = `${person.firstName} ${person.lastName}`;
  const changes: AuditChanges = {};
  for (const r of removed) changes[`${who}: ${r.name}`] = ['✓', null];
  for (const a of added) changes[`${who}: ${a.name}`] = [null, '✓'];
  await writeAudit(tx, {
    userId: actorId,
    customerId: person.customerId,
    entity: 'contact_person_property',
    entityId: person.id,
    action: 'update',
    changes,
  });
  return true;
}
