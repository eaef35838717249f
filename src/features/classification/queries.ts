import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { AuditChanges } from '../../db/schema/index.js';
import { intArray, jsonRows } from '../../db/sql.js';
import { DomainError, InputError } from '../../lib/errors.js';
import { writeAudit } from '../audit/queries.js';
import type { ClassificationInput } from './schemas.js';

/*
 * A customer's tracking values (one per dimension, R-REG-5) and properties (R-REG-6):
 * the card tab reads and saves them, the CRM search selects customers by them.
 * customer_tracking is indexed (value_id, customer_id) and customer_properties keyed
 * (property_id, customer_id), so "who has X" is one ordered index range.
 */

export { contactPersonPropertiesFor } from './contact-person-properties.js';

/** How a property without value text shows in the change history. */
export const PROPERTY_SET = '✓';

export type TabDimension = {
  id: number;
  code: string;
  name: string;
  values: { id: number; code: string; name: string }[];
  selectedValueId: number | null;
};
export type TabProperty = {
  id: number;
  code: string;
  name: string;
  checked: boolean;
  valueText: string | null;
};
export type TabPropertyGroup = { id: number | null; name: string | null; properties: TabProperty[] };
export type Classification = { dimensions: TabDimension[]; groups: TabPropertyGroup[] };

/** Everything the tab shows: every dimension with its values and the customer's choice; every property. */
export async function loadClassification(db: Db, customerId: number): Promise<Classification> {
  const [dimensions, properties] = await Promise.all([
    db.execute<TabDimension>(sql`
      select d.id, d.code, d.name, ct.value_id as "selectedValueId",
        coalesce((select json_agg(json_build_object('id', v.id, 'code', v.code, 'name', v.name)
                    order by v.sort, v.name, v.id)
                  from tracking_values v where v.dimension_id = d.id), '[]'::json) as values
      from tracking_dimensions d
      left join customer_tracking ct on ct.customer_id = ${customerId} and ct.dimension_id = d.id
      order by d.sort, d.name, d.id`),
    db.execute<TabProperty & { groupId: number | null; groupName: string | null }>(sql`
      select p.id, p.code, p.name, p.group_id as "groupId", g.name as "groupName",
        cp.customer_id is not null as checked, cp.value_text as "valueText"
      from properties p
      left join property_groups g on g.id = p.group_id
      left join customer_properties cp on cp.property_id = p.id and cp.customer_id = ${customerId}
      order by g.name nulls last, g.id, p.name, p.id`),
  ]);
  const groups: TabPropertyGroup[] = [];
  for (const { groupId, groupName, ...property } of properties) {
    let group = groups.at(-1);
    if (!group || group.id !== groupId) {
      group = { id: groupId, name: groupName, properties: [] };
      groups.push(group);
    }
    group.properties.push(property);
  }
  return { dimensions: [...dimensions], groups };
}

const names = (rows: Iterable<{ key: string; value: string | null }>) =>
  new Map([...rows].map((r) => [r.key, r.value]));

/** old → new per key, for the keys whose value differs. */
function changesBetween(before: Map<string, string | null>, after: Map<string, string | null>): AuditChanges {
  const changes: AuditChanges = {};
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const from = before.get(key) ?? null;
    const to = after.get(key) ?? null;
    if (from !== to) changes[key] = [from, to];
  }
  return changes;
}

/**
 * Saves the tab in one transaction: the tracking values and properties the form showed
 * are set to what it sent, set-based; one audit entry each for tracking and properties,
 * old → new by name. A value that is not of its dimension is refused (nothing saved).
 */
export async function saveClassification(
  db: Db,
  customerId: number,
  input: ClassificationInput,
  actorId: number | null,
): Promise<{ changed: boolean }> {
  const shownDimensions = input.tracking.map((t) => t.dimensionId);
  const chosen = input.tracking.filter((t) => t.valueId !== null) as {
    dimensionId: number;
    valueId: number;
  }[];
  const shownProperties = input.properties.map((p) => p.propertyId);
  const checked = input.properties.filter((p) => p.checked);

  return db.transaction(async (tx) => {
    // One save per customer at a time: the before-image of the audit stays true.
    const [customer] = await tx.execute(sql`select id from customers where id = ${customerId} for update`);
    if (!customer) throw new DomainError('error.notFound', 404);

    const valid = await tx.execute<{ dimensionId: number; valueId: number }>(sql`
      select v.dimension_id as "dimensionId", v.id as "valueId"
      from json_to_recordset(${jsonRows(chosen)}) as x("dimensionId" int, "valueId" int)
      join tracking_values v on v.id = x."valueId" and v.dimension_id = x."dimensionId"`);
    const validIds = new Set([...valid].map((v) => v.valueId));
    const bad = chosen.filter((c) => !validIds.has(c.valueId));
    if (bad.length)
      throw new InputError(
        Object.fromEntries(bad.map((b) => [`dim.${b.dimensionId}`, 'validation.invalid'])),
      );

    const trackingBefore = names(
      await tx.execute<{ key: string; value: string }>(sql`
        select d.name as key, v.name as value from customer_tracking ct
        join tracking_dimensions d on d.id = ct.dimension_id join tracking_values v on v.id = ct.value_id
        where ct.customer_id = ${customerId} and ct.dimension_id = any(${intArray(shownDimensions)})`),
    );
    const propertiesBefore = names(
      await tx.execute<{ key: string; value: string }>(sql`
        select p.name as key, coalesce(cp.value_text, ${PROPERTY_SET}) as value from customer_properties cp
        join properties p on p.id = cp.property_id
        where cp.customer_id = ${customerId} and cp.property_id = any(${intArray(shownProperties)})`),
    );

    await tx.execute(sql`
      delete from customer_tracking
      where customer_id = ${customerId} and dimension_id = any(${intArray(shownDimensions)})
        and not (value_id = any(${intArray(chosen.map((c) => c.valueId))}))`);
    await tx.execute(sql`
      insert into customer_tracking (customer_id, dimension_id, value_id)
      select ${customerId}::int, v.dimension_id, v.id from tracking_values v
      where v.id = any(${intArray(chosen.map((c) => c.valueId))})
      on conflict (customer_id, dimension_id) do update set value_id = excluded.value_id
      where customer_tracking.value_id <> excluded.value_id`);

    await tx.execute(sql`
      delete from customer_properties
      where customer_id = ${customerId} and property_id = any(${intArray(shownProperties)})
        and not (property_id = any(${intArray(checked.map((p) => p.propertyId))}))`);
    await tx.execute(sql`
      insert into customer_properties (property_id, customer_id, value_text)
      select p.id, ${customerId}::int, x."valueText"
      from json_to_recordset(${jsonRows(checked)}) as x("propertyId" int, "valueText" text)
      join properties p on p.id = x."propertyId"
      on conflict (property_id, customer_id) do update set value_text = excluded.value_text
      where customer_properties.value_text is distinct from excluded.value_text`);

    const trackingAfter = names(
      await tx.execute<{ key: string; value: string }>(sql`
        select d.name as key, v.name as value from customer_tracking ct
        join tracking_dimensions d on d.id = ct.dimension_id join tracking_values v on v.id = ct.value_id
        where ct.customer_id = ${customerId} and ct.dimension_id = any(${intArray(shownDimensions)})`),
    );
    const propertiesAfter = names(
      await tx.execute<{ key: string; value: string }>(sql`
        select p.name as key, coalesce(cp.value_text, ${PROPERTY_SET}) as value from customer_properties cp
        join properties p on p.id = cp.property_id
        where cp.customer_id = ${customerId} and cp.property_id = any(${intArray(shownProperties)})`),
    );

    const tracking = changesBetween(trackingBefore, trackingAfter);
    const properties = changesBetween(propertiesBefore, propertiesAfter);
    const entry = { userId: actorId, customerId, action: 'update' as const };
    if (Object.keys(tracking).length)
      await writeAudit(tx, { ...entry, entity: 'tracking', changes: tracking });
    if (Object.keys(properties).length)
      await writeAudit(tx, { ...entry, entity: 'property', changes: properties });
    return { changed: Object.keys(tracking).length + Object.keys(properties).length > 0 };
  });
}

// ---------------------------------------------------------------- CRM search building blocks

/** The value's id, looked up once (an InitPlan), so the link index is read as one ordered range. */
const trackingValueId = (dimensionCode: string, valueCode: string) => sql`(
  select v.id from tracking_values v join tracking_dimensions d on d.id = v.dimension_id
  where d.code = ${dimensionCode.trim().toUpperCase()} and v.code = ${valueCode.trim().toUpperCase()})`;

const propertyId = (propertyCode: string) =>
  sql`(select id from properties where code = ${propertyCode.trim().toUpperCase()})`;

/** Ids of the customers with the tracking value, lowest first, at most `limit`. Unknown codes: none. */
export async function customersWithTrackingValue(
  db: Db,
  dimensionCode: string,
  valueCode: string,
  limit: number,
): Promise<number[]> {
  const rows = await db.execute<{ id: number }>(sql`
    select customer_id as id from customer_tracking
    where value_id = ${trackingValueId(dimensionCode, valueCode)}
    order by customer_id limit ${limit}`);
  return rows.map((r) => r.id);
}

export async function countCustomersWithTrackingValue(
  db: Db,
  dimensionCode: string,
  valueCode: string,
): Promise<number> {
  const [row] = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from customer_tracking
    where value_id = ${trackingValueId(dimensionCode, valueCode)}`);
  return row?.n ?? 0;
}

/** Ids of the customers with the property, lowest first, at most `limit`. Unknown code: none. */
export async function customersWithProperty(db: Db, propertyCode: string, limit: number): Promise<number[]> {
  const rows = await db.execute<{ id: number }>(sql`
    select customer_id as id from customer_properties
    where property_id = ${propertyId(propertyCode)}
    order by customer_id limit ${limit}`);
  return rows.map((r) => r.id);
}

export async function countCustomersWithProperty(db: Db, propertyCode: string): Promise<number> {
  const [row] = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from customer_properties where property_id = ${propertyId(propertyCode)}`);
  return row?.n ?? 0;
}
