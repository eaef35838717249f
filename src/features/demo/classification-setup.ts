import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  contactPersonGroups,
  contactPersonProperties,
  profileFields,
  profileValues,
  properties,
  propertyGroups,
  trackingDimensions,
  trackingValues,
} from '../../db/schema/index.js';
import {
  channelDimension,
  contactPersonGroupDefs,
  INDUSTRY_DIMENSION,
  industries,
  type ProfileFieldDef,
  profileFieldDefs,
  propertyGroupDefs,
  REGION_DIMENSION,
  regionCodes,
} from './classification-data.js';

/** Ids of the demo definitions, by code. A field whose type an admin changed is left out. */
export type DemoDefinitions = {
  fields: { def: ProfileFieldDef; id: number; values: Map<string, number> }[];
  dimensions: Map<string, { id: number; values: Map<string, number> }>;
  properties: Map<string, number>;
  contactPersonProperties: Map<string, number>;
};

/**
 * Creates the demo classification definitions that are missing (by code; groups by
 * name) and returns the ids of all of them. Running it again adds nothing; what an
 * admin renamed or re-sorted stays as it is.
 */
export async function ensureDefinitions(tx: Db, say: (m: string) => void): Promise<DemoDefinitions> {
  // Profile definitions change under this lock in the app too.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('profile_definitions'))`);
  const createdFields = await tx
    .insert(profileFields)
    .values(
      profileFieldDefs.map((f, i) => ({ code: f.code, title: f.title, type: f.type, sort: (i + 1) * 10 })),
    )
    .onConflictDoNothing()
    .returning({ id: profileFields.id });
  const fieldRows = await tx
    .select({ id: profileFields.id, code: profileFields.code, type: profileFields.type })
    .from(profileFields)
    .where(
      inArray(
        profileFields.code,
        profileFieldDefs.map((f) => f.code),
      ),
    );
  const fieldByCode = new Map(fieldRows.map((r) => [r.code, r]));
  const fields: DemoDefinitions['fields'] = [];
  for (const def of profileFieldDefs) {
    const row = fieldByCode.get(def.code)!;
    if (row.type !== def.type) {
      say(`profile field ${def.code} is a ${row.type} field here, not ${def.type}: no demo answers for it`);
      continue;
    }
    fields.push({ def, id: row.id, values: new Map() });
  }
  const valueRows = fields.flatMap((f) =>
    f.def.type === 'single' || f.def.type === 'multi'
      ? f.def.values.map(([code, label], i) => ({ fieldId: f.id, code, label, sort: (i + 1) * 10 }))
      : [],
  );
  const createdValues = await tx
    .insert(profileValues)
    .values(valueRows)
    .onConflictDoNothing()
    .returning({ id: profileValues.id });
  const values = await tx
    .select({ id: profileValues.id, fieldId: profileValues.fieldId, code: profileValues.code })
    .from(profileValues)
    .where(
      inArray(
        profileValues.fieldId,
        fields.map((f) => f.id),
      ),
    );
  const fieldById = new Map(fields.map((f) => [f.id, f]));
  for (const v of values) fieldById.get(v.fieldId)!.values.set(v.code, v.id);

  const dimensionDefs = [
    {
      code: REGION_DIMENSION,
      name: 'Alue',
      values: Object.entries(regionCodes).map(([name, code]) => [code, name] as const),
    },
    {
      code: INDUSTRY_DIMENSION,
      name: 'Toimiala',
      values: industries.map(([code, name]) => [code, name] as const),
    },
    { code: channelDimension.code, name: channelDimension.name, values: channelDimension.values },
  ];
  await tx
    .insert(trackingDimensions)
    .values(dimensionDefs.map((d, i) => ({ code: d.code, name: d.name, sort: (i + 1) * 10 })))
    .onConflictDoNothing();
  const dimensionRows = await tx
    .select({ id: trackingDimensions.id, code: trackingDimensions.code })
    .from(trackingDimensions)
    .where(
      inArray(
        trackingDimensions.code,
        dimensionDefs.map((d) => d.code),
      ),
    );
  const dimensions: DemoDefinitions['dimensions'] = new Map(
    dimensionRows.map((d) => [d.code, { id: d.id, values: new Map<string, number>() }]),
  );
  await tx
    .insert(trackingValues)
    .values(
      dimensionDefs.flatMap((d) =>
        d.values.map(([code, name], i) => ({
          dimensionId: dimensions.get(d.code)!.id,
          code,
          name,
          sort: (i + 1) * 10,
        })),
      ),
    )
    .onConflictDoNothing();
  const dimensionIds = new Map([...dimensions].map(([code, d]) => [d.id, code]));
  for (const v of await tx
    .select({ id: trackingValues.id, dimensionId: trackingValues.dimensionId, code: trackingValues.code })
    .from(trackingValues)
    .where(inArray(trackingValues.dimensionId, [...dimensionIds.keys()]))) {
    dimensions.get(dimensionIds.get(v.dimensionId)!)!.values.set(v.code, v.id);
  }

  const namedGroups = propertyGroupDefs.flatMap((g) => (g.name ? [g.name] : []));
  await tx
    .insert(propertyGroups)
    .values(namedGroups.map((name) => ({ name })))
    .onConflictDoNothing();
  const groupIds = new Map(
    (
      await tx
        .select({ id: propertyGroups.id, name: propertyGroups.name })
        .from(propertyGroups)
        .where(inArray(propertyGroups.name, namedGroups))
    ).map((g) => [g.name, g.id]),
  );
  await tx
    .insert(properties)
    .values(
      propertyGroupDefs.flatMap((g) =>
        g.properties.map((p) => ({
          code: p.code,
          name: p.name,
          groupId: g.name ? groupIds.get(g.name)! : null,
        })),
      ),
    )
    .onConflictDoNothing();
  const propertyCodes = propertyGroupDefs.flatMap((g) => g.properties.map((p) => p.code));
  const propertyIds = new Map(
    (
      await tx
        .select({ id: properties.id, code: properties.code })
        .from(properties)
        .where(inArray(properties.code, propertyCodes))
    ).map((p) => [p.code, p.id]),
  );

  await tx
    .insert(contactPersonGroups)
    .values(contactPersonGroupDefs.map((g) => ({ name: g.name })))
    .onConflictDoNothing();
  const cpGroupIds = new Map(
    (
      await tx
        .select({ id: contactPersonGroups.id, name: contactPersonGroups.name })
        .from(contactPersonGroups)
        .where(
          inArray(
            contactPersonGroups.name,
            contactPersonGroupDefs.map((g) => g.name),
          ),
        )
    ).map((g) => [g.name, g.id]),
  );
  await tx
    .insert(contactPersonProperties)
    .values(
      contactPersonGroupDefs.flatMap((g) =>
        g.properties.map((p) => ({ code: p.code, name: p.name, groupId: cpGroupIds.get(g.name)! })),
      ),
    )
    .onConflictDoNothing();
  const cpCodes = contactPersonGroupDefs.flatMap((g) => g.properties.map((p) => p.code));
  const contactPersonPropertyIds = new Map(
    (
      await tx
        .select({ id: contactPersonProperties.id, code: contactPersonProperties.code })
        .from(contactPersonProperties)
        .where(inArray(contactPersonProperties.code, cpCodes))
    ).map((p) => [p.code, p.id]),
  );

  if (createdFields.length || createdValues.length) {
    say(`created ${createdFields.length} profile fields and ${createdValues.length} profile values`);
  }
  return { fields, dimensions, properties: propertyIds, contactPersonProperties: contactPersonPropertyIds };
}
