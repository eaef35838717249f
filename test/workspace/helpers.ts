import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.js';
import { generateDemoData } from '../../src/features/demo/generate.js';

/**
 * A small demo register (3 000 customers, seed 1) plus sales documents of our own, so the
 * manual's scenarios always have matches whatever the demo sales step makes: F1 trips in
 * 2011 and 2012 for persons in the 33xxx postal area, and GF bookings for every 9th
 * customer. customer_sales_years is kept in step with the documents we add, as the sales
 * feature does.
 */
export async function demoRegister(db: Db): Promise<void> {
  process.env.KANTA_PASSWORD ??= 'demo password for tests';
  await generateDemoData(db, { customers: 3000, seed: 1, log: () => {} });
  await db.execute(sql`
    insert into destination_types (code, name) values ('F1', 'Formula 1'), ('GF', 'Golf')
    on conflict (code) do nothing`);
  await db.execute(sql`
    insert into sales_documents (customer_id, external_id, kind, date, travel_start, travel_end,
      destination_type_id, destination, amount_cents)
    select c.id, 'ws-test-f1-' || c.id, 'booking'::sales_document_kind,
      make_date(2010 + (c.id % 2), 11, 1), make_date(2011 + (c.id % 2), 5, 20), make_date(2011 + (c.id % 2), 5, 24),
      (select id from destination_types where code = 'F1'), 'Monaco', 250000 + c.id
    from customers c
    where c.type = 'person' and c.postal_code like '33%' and c.id % 3 = 0
    union all
    select c.id, 'ws-test-gf-' || c.id, 'booking'::sales_document_kind, make_date(2012 + c.id % 10, 3, 1), make_date(2012 + c.id % 10, 4, 1),
      null, (select id from destination_types where code = 'GF'), 'Algarve', 180000
    from customers c where c.id % 9 = 0`);
  await db.execute(sql`
    insert into customer_sales_years (customer_id, year, kind, destination_type_id, count, amount_cents)
    select customer_id, extract(year from date)::int, kind, coalesce(destination_type_id, 0), count(*), sum(amount_cents)
    from sales_documents where external_id like 'ws-test-%'
    group by 1, 2, 3, 4
    on conflict (customer_id, year, kind, destination_type_id) do update
      set count = customer_sales_years.count + excluded.count,
          amount_cents = customer_sales_years.amount_cents + excluded.amount_cents`);
}

/** Ids in a list of the user, sorted. */
export async function listIds(db: Db, list: 'found' | 'selected', userId: number, targetType: string) {
  const rows = await db.execute<{ id: number }>(sql`
    select target_id as id from ${list === 'found' ? sql`found_list` : sql`selected_list`}
    where user_id = ${userId} and target_type = ${targetType} order by target_id`);
  return rows.map((r) => r.id);
}

/** Ids from the test's own SQL, sorted. */
export async function ids(db: Db, query: ReturnType<typeof sql>) {
  const rows = await db.execute<{ id: number }>(query);
  return rows.map((r) => r.id).sort((a, b) => a - b);
}
