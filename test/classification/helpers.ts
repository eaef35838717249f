import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.js';
import {
  contactPersonProperties,
  properties,
  trackingDimensions,
  trackingValues,
} from '../../src/db/schema/index.js';
import { kindId } from '../customers/helpers.js';
import type { Agent } from '../helpers/app.js';

export { kindId };

/** Creates a customer through the form; returns its id. */
export async function newCustomer(
  db: Db,
  agent: Agent,
  form: Record<string, string> = { type: 'organisation', name: 'Testi Oy' },
): Promise<number> {
  const res = await agent.post('/customers', { kindId: String(await kindId(db)), ...form });
  const id = Number(/\/customers\/(\d+)/.exec(String(res.headers.location))?.[1]);
  if (!id) throw new Error(`customer not created: ${res.statusCode} ${res.body.slice(0, 500)}`);
  return id;
}

export async function dimensionByCode(db: Db, code: string) {
  const [d] = await db.select().from(trackingDimensions).where(eq(trackingDimensions.code, code));
  return d;
}

export async function valueByCode(db: Db, dimensionId: number, code: string) {
  const [v] = await db
    .select()
    .from(trackingValues)
    .where(sql`${trackingValues.dimensionId} = ${dimensionId} and ${trackingValues.code} = ${code}`);
  return v;
}

export async function propertyByCode(db: Db, code: string) {
  const [p] = await db.select().from(properties).where(eq(properties.code, code));
  return p;
}

export async function contactPersonPropertyByCode(db: Db, code: string) {
  const [p] = await db.select().from(contactPersonProperties).where(eq(contactPersonProperties.code, code));
  return p;
}

/** The flash text shown after following a 303. */
export async function followFlash(agent: Agent, location: unknown): Promise<string> {
  return (await agent.get(String(location))).body;
}
