import { eq } from 'drizzle-orm';
import type { Db } from '../../src/db/client.js';
import { customerKinds } from '../../src/db/schema/index.js';
import { createCustomer } from '../../src/features/customers/queries.js';
import { customerSchema } from '../../src/features/customers/schemas.js';
import { createField, createValue } from '../../src/features/profiles/definitions.js';
import type { ProfileFieldType } from '../../src/features/profiles/schemas.js';

export async function person(db: Db, firstName: string, lastName = 'Testinen'): Promise<number> {
  const [kind] = await db
    .select({ id: customerKinds.id })
    .from(customerKinds)
    .where(eq(customerKinds.code, 'ASIAKAS'));
  const input = customerSchema.parse({ type: 'person', firstName, lastName, kindId: String(kind!.id) });
  return (await createCustomer(db, input, null)).id;
}

/** A profile field with list values `[code, label]`; returns the field and value ids by code. */
export async function field(
  db: Db,
  code: string,
  title: string,
  type: ProfileFieldType,
  values: [string, string][] = [],
) {
  const f = await createField(db, { code, title, type }, null);
  const ids: Record<string, number> = {};
  for (const [c, label] of values) ids[c] = (await createValue(db, f.id, { code: c, label }, null)).id;
  return { id: f.id, values: ids };
}

/** The demo-like set of fields of every type that the card and API tests use. */
export async function standardFields(db: Db) {
  return {
    toim: await field(db, 'TOIM', 'Toimiala', 'single', [
      ['PHARM', 'Apteekki'],
      ['RETA', 'Vähittäiskauppa'],
    ]),
    harr: await field(db, 'HARR', 'Harrastukset', 'multi', [
      ['GO', 'Golf'],
      ['SK', 'Hiihto'],
      ['KA', 'Kalastus'],
    ]),
    synt: await field(db, 'SYNT', 'Syntymäpäivä', 'date'),
    muist: await field(db, 'MUIST', 'Muistiinpanot', 'memo'),
    nimi: await field(db, 'LEMPI', 'Lempinimi', 'text'),
  };
}
