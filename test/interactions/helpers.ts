import { eq } from 'drizzle-orm';
import type { Db } from '../../src/db/client.js';
import { customerKinds } from '../../src/db/schema/index.js';
import { createContactPerson } from '../../src/features/contact-persons/queries.js';
import { createCustomer } from '../../src/features/customers/queries.js';
import { contactPersonSchema, customerSchema } from '../../src/features/customers/schemas.js';
import { addDefaultContactTypes, listContactTypes } from '../../src/features/interactions/queries.js';
import { todayInHelsinki } from '../../src/features/interactions/schemas.js';

async function asiakas(db: Db): Promise<string> {
  const [kind] = await db
    .select({ id: customerKinds.id })
    .from(customerKinds)
    .where(eq(customerKinds.code, 'ASIAKAS'));
  return String(kind!.id);
}

export async function person(db: Db, firstName: string, lastName = 'Kontaktinen'): Promise<number> {
  const input = customerSchema.parse({ type: 'person', firstName, lastName, kindId: await asiakas(db) });
  return (await createCustomer(db, input, null)).id;
}

export async function organisation(db: Db, name: string) {
  const input = customerSchema.parse({ type: 'organisation', name, kindId: await asiakas(db) });
  const org = await createCustomer(db, input, null);
  const cp = await createContactPerson(
    db,
    org.id,
    contactPersonSchema.parse({ firstName: 'Olli', lastName: 'Ostaja' }),
    null,
  );
  return { id: org.id, contactPersonId: cp.id };
}

/** The default contact types (LS, ME, PU, KI, TA, SMS, TR) by code → id. */
export async function defaultTypes(db: Db): Promise<Record<string, number>> {
  await addDefaultContactTypes(db, null);
  return Object.fromEntries((await listContactTypes(db)).map((t) => [t.code, t.id]));
}

/** An ISO day `days` from today in Helsinki. */
export function isoDay(days: number): string {
  const d = new Date(`${todayInHelsinki()}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The same day as people type it: 1.2.2026. */
export function finnish(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${Number(d)}.${Number(m)}.${y}`;
}
