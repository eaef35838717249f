import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { properties, trackingDimensions, trackingValues } from '../../src/db/schema/index.js';
import {
  countCustomersWithProperty,
  countCustomersWithTrackingValue,
  customersWithProperty,
  customersWithTrackingValue,
} from '../../src/features/classification/queries.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { kindId } from './helpers.js';

let t: TestApp;
let ids: number[];

beforeAll(async () => {
  t = await createTestApp();
  const db = t.app.db;
  const kind = await kindId(db);
  const rows = await db.execute<{ id: number }>(sql`
    insert into customers (kind_id, number, type, name)
    select ${kind}, 900000 + g, 'organisation', 'Hakuyritys ' || g from generate_series(1, 60) g
    returning id`);
  ids = rows.map((r) => r.id).sort((a, b) => a - b);
  const [region, industry] = await db
    .insert(trackingDimensions)
    .values([
      { code: 'ALUE', name: 'Alue' },
      { code: 'TOIMIALA', name: 'Toimiala' },
    ])
    .returning();
  const [north, south, otherNorth] = await db
    .insert(trackingValues)
    .values([
      { dimensionId: region!.id, code: 'POHJOINEN', name: 'Pohjoinen' },
      { dimensionId: region!.id, code: 'ETELÄ', name: 'Etelä' },
      // The same value code in another dimension must not mix in.
      { dimensionId: industry!.id, code: 'POHJOINEN', name: 'Pohjoinen ala' },
    ])
    .returning();
  const [golf, vip] = await db
    .insert(properties)
    .values([
      { code: 'GOLF', name: 'Golf' },
      { code: 'VIP', name: 'VIP' },
    ])
    .returning();
  // Every third customer in the north, the rest in the south; every customer in otherNorth.
  await db.execute(sql`
    insert into customer_tracking (customer_id, dimension_id, value_id)
    select id, ${region!.id}::int, case when id % 3 = 0 then ${north!.id}::int else ${south!.id}::int end
    from customers where number > 900000`);
  await db.execute(sql`
    insert into customer_tracking (customer_id, dimension_id, value_id)
    select id, ${industry!.id}::int, ${otherNorth!.id}::int from customers where number > 900000`);
  // Golf on the even ones, with and without a value text.
  await db.execute(sql`
    insert into customer_properties (property_id, customer_id, value_text)
    select ${golf!.id}::int, id, case when id % 4 = 0 then 'hcp 12' end
    from customers where number > 900000 and id % 2 = 0`);
  void vip;
});
afterAll(() => t.close());

describe('the CRM search building blocks', () => {
  it('selects the customers with a tracking value, lowest ids first, up to the limit', async () => {
    const north = ids.filter((id) => id % 3 === 0);
    expect(await customersWithTrackingValue(t.app.db, 'ALUE', 'POHJOINEN', 1000)).toEqual(north);
    expect(await customersWithTrackingValue(t.app.db, 'alue', 'pohjoinen', 5)).toEqual(north.slice(0, 5));
    expect(await countCustomersWithTrackingValue(t.app.db, 'ALUE', 'POHJOINEN')).toBe(north.length);
    const south = ids.filter((id) => id % 3 !== 0);
    expect(await countCustomersWithTrackingValue(t.app.db, 'ALUE', 'ETELÄ')).toBe(south.length);
    expect(await customersWithTrackingValue(t.app.db, 'ALUE', 'ETELÄ', 3)).toEqual(south.slice(0, 3));
    expect(await countCustomersWithTrackingValue(t.app.db, 'TOIMIALA', 'POHJOINEN')).toBe(60);
  });

  it('finds nothing for unknown codes', async () => {
    expect(await customersWithTrackingValue(t.app.db, 'ALUE', 'EI-OLE', 10)).toEqual([]);
    expect(await countCustomersWithTrackingValue(t.app.db, 'EI-OLE', 'POHJOINEN')).toBe(0);
    expect(await customersWithProperty(t.app.db, 'EI-OLE', 10)).toEqual([]);
    expect(await countCustomersWithProperty(t.app.db, 'EI-OLE')).toBe(0);
  });

  it('selects the customers with a property, with or without value text', async () => {
    const even = ids.filter((id) => id % 2 === 0);
    expect(await customersWithProperty(t.app.db, 'GOLF', 1000)).toEqual(even);
    expect(await customersWithProperty(t.app.db, 'golf', 2)).toEqual(even.slice(0, 2));
    expect(await countCustomersWithProperty(t.app.db, 'GOLF')).toBe(even.length);
    expect(await countCustomersWithProperty(t.app.db, 'VIP')).toBe(0);
  });
});
