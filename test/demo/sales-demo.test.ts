import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { generateDemoData } from '../../src/features/demo/generate.js';
import { twoDemoDatabases } from './helpers.js';

const COUNT = 3000;
const SEED = 5;
let first: Database;
let second: Database;

beforeAll(async () => {
  [first, second] = await twoDemoDatabases(COUNT, SEED);
});

afterAll(async () => {
  await first?.close();
  await second?.close();
});

/** Every document and yearly figure by customer number and codes, in a stable order. */
const snapshot = async (d: Database) => ({
  documents: await d.sql`
    select c.number as customer, s.kind, s.number, s.date::text, s.travel_start::text, s.travel_end::text,
      t.code, s.destination, s.amount_cents::text, s.due_date::text, s.paid_date::text, s.created_at::text
    from sales_documents s join customers c on c.id = s.customer_id
    left join destination_types t on t.id = s.destination_type_id
    order by c.number, s.number`,
  years: await d.sql`
    select c.number as customer, y.year, y.kind, t.code, y.count, y.amount_cents::text
    from customer_sales_years y join customers c on c.id = y.customer_id
    left join destination_types t on t.id = y.destination_type_id
    order by 1, 2, 3, 4`,
});

/** Rows of customer_sales_years that differ from a GROUP BY over sales_documents, both ways. */
const yearFigureDifferences = async (d: Database) => {
  const [row] = await d.sql<{ n: number }[]>`
    with truth as (
      select customer_id, extract(year from date)::int as year, kind, coalesce(destination_type_id, 0) as type_id,
        count(*)::int as count, sum(amount_cents)::bigint as amount
      from sales_documents group by 1, 2, 3, 4
    ), stored as (
      select customer_id, year, kind, destination_type_id as type_id, count, amount_cents as amount
      from customer_sales_years
    )
    select count(*)::int as n from ((table truth except table stored) union all (table stored except table truth)) x`;
  return row!.n;
};

const today = async (d: Database) => {
  const [row] = await d.sql<
    { today: string }[]
  >`select (now() at time zone 'Europe/Helsinki')::date::text as today`;
  return row!.today;
};

describe('demo sales history', () => {
  it('adds the demo destination types and maps GF to Harrastukset: Golf and SK to skiing', async () => {
    const types = await first.sql<
      { code: string; name: string; field: string | null; value: string | null }[]
    >`
      select t.code, t.name, f.code as field, v.code as value from destination_types t
      left join profile_values v on v.id = t.auto_value_id left join profile_fields f on f.id = v.field_id
      order by t.code`;
    const byCode = new Map(types.map((t) => [t.code, t]));
    for (const code of ['GF', 'F1', 'SK', 'CI', 'BE', 'CR', 'KU', 'SP', 'SA'])
      expect(byCode.has(code), code).toBe(true);
    expect(byCode.get('F1')!.name).toBe('Formula 1');
    expect(byCode.get('GF')).toMatchObject({ name: 'Golf', field: 'HARR', value: 'GO' });
    expect(byCode.get('SK')).toMatchObject({ field: 'HARR', value: 'SK' });
    expect(byCode.get('BE')).toMatchObject({ field: null, value: null });
  });

  it('is the same for the same seed', async () => {
    const [a, b] = await Promise.all([snapshot(first), snapshot(second)]);
    expect(a.documents.length).toBeGreaterThan(0);
    expect(a.years.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
  });

  it('averages about five documents per customer and leaves some customers without purchases', async () => {
    const [row] = await first.sql<{ documents: number; without: number; prospects_buying: number }[]>`
      select (select count(*) from sales_documents)::int as documents,
        (select count(*) from customers c
          where not exists (select 1 from sales_documents s where s.customer_id = c.id))::int as without,
        (select count(distinct s.customer_id) from sales_documents s join customers c on c.id = s.customer_id
          join customer_kinds k on k.id = c.kind_id where k.code = 'PROSPEKTI')::int as prospects_buying`;
    expect(row!.documents).toBeGreaterThan(COUNT * 4);
    expect(row!.documents).toBeLessThan(COUNT * 6);
    expect(row!.without).toBeGreaterThan(COUNT * 0.1);
    expect(row!.without).toBeLessThan(COUNT * 0.25);
    expect(row!.prospects_buying).toBe(0);
  });

  it('keeps customer_sales_years equal to a GROUP BY over the documents', async () => {
    expect(await yearFigureDifferences(first)).toBe(0);
    const [row] = await first.sql<{ rows: number; documents: number; counted: number }[]>`
      select (select count(*) from customer_sales_years)::int as rows,
        (select count(*) from sales_documents)::int as documents,
        (select sum(count) from customer_sales_years)::int as counted`;
    expect(row!.rows).toBeGreaterThan(0);
    expect(row!.counted).toBe(row!.documents);
  });

  it('has realistic bookings from 2011 until today, travel after booking', async () => {
    const now = await today(first);
    const [row] = await first.sql<
      { bookings: number; bad: number; first_date: string; last_date: string; types: number }[]
    >`
      select count(*)::int as bookings,
        count(*) filter (where travel_start is null or travel_end is null or travel_start <= date
          or travel_end < travel_start or destination_type_id is null or destination is null
          or amount_cents not between 30000 and 600000 or due_date is not null or paid_date is not null)::int as bad,
        min(date)::text as first_date, max(date)::text as last_date,
        count(distinct destination_type_id)::int as types
      from sales_documents where kind = 'booking'`;
    expect(row!.bookings).toBeGreaterThan(COUNT);
    expect(row!.bad).toBe(0);
    expect(row!.first_date >= '2011-01-01' && row!.first_date < '2011-03-01').toBe(true);
    expect(row!.last_date <= now).toBe(true);
    expect(row!.types).toBeGreaterThanOrEqual(9);
    const [monza] = await first.sql<{ n: number }[]>`
      select count(*)::int as n from sales_documents s join destination_types t on t.id = s.destination_type_id
      where t.code = 'F1' and s.destination = 'Monza'`;
    expect(monza!.n).toBeGreaterThan(0);
  });

  it('invoices most bookings, due in 14 days, with some credit invoices and a few unpaid past due', async () => {
    const now = await today(first);
    const [row] = await first.sql<
      {
        bookings: number;
        invoices: number;
        credits: number;
        overdue: number;
        bad_due: number;
        future: number;
      }[]
    >`
      select (select count(*) from sales_documents where kind = 'booking')::int as bookings,
        count(*) filter (where amount_cents > 0)::int as invoices,
        count(*) filter (where amount_cents < 0)::int as credits,
        count(*) filter (where amount_cents > 0 and paid_date is null and due_date < ${now}::date)::int as overdue,
        count(*) filter (where amount_cents > 0 and due_date <> date + 14)::int as bad_due,
        count(*) filter (where date > ${now}::date or paid_date > ${now}::date)::int as future
      from sales_documents where kind = 'invoice'`;
    expect(row!.invoices).toBeGreaterThan(row!.bookings * 0.8);
    expect(row!.invoices).toBeLessThanOrEqual(row!.bookings);
    expect(row!.credits).toBeGreaterThan(0);
    expect(row!.overdue).toBeGreaterThan(row!.invoices * 0.01);
    expect(row!.overdue).toBeLessThan(row!.invoices * 0.08);
    expect(row!.bad_due).toBe(0);
    expect(row!.future).toBe(0);
  });

  it('gives organisations more sales orders than persons', async () => {
    const rows = await first.sql<{ type: string; share: number }[]>`
      select c.type::text, (count(*) filter (where s.kind = 'sales_order'))::float8
          / nullif(count(*) filter (where s.kind = 'booking'), 0) as share
      from sales_documents s join customers c on c.id = s.customer_id group by c.type`;
    const share = Object.fromEntries(rows.map((r) => [r.type, r.share]));
    expect(share.person).toBeGreaterThan(0);
    expect(share.organisation).toBeGreaterThan(share.person! * 3);
  });

  it('has customers in Tampere (33xxx) who travelled to Formula 1 in 2011', async () => {
    const [row] = await first.sql<{ n: number }[]>`
      select count(distinct c.id)::int as n from customers c
      join sales_documents s on s.customer_id = c.id and s.kind = 'booking'
      join destination_types t on t.id = s.destination_type_id and t.code = 'F1'
      where c.postal_code like '33%' and s.travel_start between '2011-01-01' and '2011-12-31'`;
    expect(row!.n).toBeGreaterThan(0);
  });

  it('gives every Golf booker Harrastukset: Golf exactly once (AUTO)', async () => {
    const [row] = await first.sql<{ bookers: number; wrong: number }[]>`
      select count(*)::int as bookers, count(*) filter (where n <> 1)::int as wrong from (
        select b.customer_id, (select count(*) from customer_profile_values a
            join profile_values v on v.id = a.value_id join profile_fields f on f.id = a.field_id
            where a.customer_id = b.customer_id and f.code = 'HARR' and v.code = 'GO') as n
        from (select distinct s.customer_id from sales_documents s
          join destination_types t on t.id = s.destination_type_id
          where t.code = 'GF' and s.kind = 'booking') b
      ) x`;
    expect(row!.bookers).toBeGreaterThan(0);
    expect(row!.wrong).toBe(0);
  });

  it('appends history for the new customers only on a second run', async () => {
    const before = await snapshot(first);
    const [last] = await first.sql<{ top: number }[]>`select max(id)::int as top from customers`;
    await generateDemoData(first.db, { customers: 400, seed: SEED + 1, log: () => {} });
    const after = await snapshot(first);
    const oldNumbers = new Set(before.documents.map((d) => d.customer));
    expect(after.documents.filter((d) => oldNumbers.has(d.customer))).toEqual(before.documents);
    expect(after.years.filter((y) => oldNumbers.has(y.customer))).toEqual(before.years);
    const [row] = await first.sql<{ buyers: number; documents: number }[]>`
      select count(distinct customer_id)::int as buyers, count(*)::int as documents
      from sales_documents where customer_id > ${last!.top}`;
    expect(row!.buyers).toBeGreaterThan(200);
    expect(row!.documents).toBeGreaterThan(1000);
    expect(await yearFigureDifferences(first)).toBe(0);
    const [types] = await first.sql<
      { n: number }[]
    >`select count(*)::int as n from destination_types where code = 'GF'`;
    expect(types!.n).toBe(1);
  });

  it('maps to a single-choice field at most once per customer, never beside an existing answer', async () => {
    // Beach and cruise bookings both map to one value of the single field "Toivottu yhteydenottotapa".
    await second.sql`
      update destination_types t set auto_value_id = v.id
      from profile_values v join profile_fields f on f.id = v.field_id
      where f.code = 'YHTT' and ((t.code = 'BE' and v.code = 'PUH') or (t.code = 'CR' and v.code = 'KIRJE'))`;
    const [last] = await second.sql<{ top: number }[]>`select max(id)::int as top from customers`;
    await generateDemoData(second.db, { customers: 600, seed: SEED + 2, log: () => {} });
    const [row] = await second.sql<{ bookers: number; both: number; unanswered: number; mapped: number }[]>`
      with bookers as (
        select s.customer_id, bool_or(t.code = 'BE') as be, bool_or(t.code = 'CR') as cr
        from sales_documents s join destination_types t on t.id = s.destination_type_id
        where s.kind = 'booking' and t.code in ('BE', 'CR') and s.customer_id > ${last!.top}
        group by 1
      ), answers as (
        select a.customer_id, array_agg(v.code) as codes from customer_profile_values a
        join profile_values v on v.id = a.value_id join profile_fields f on f.id = a.field_id
        where f.code = 'YHTT' and a.customer_id > ${last!.top} group by 1
      )
      select count(*)::int as bookers, count(*) filter (where b.be and b.cr)::int as both,
        count(*) filter (where a.codes is null)::int as unanswered,
        count(*) filter (where a.codes && array['PUH', 'KIRJE']::varchar[])::int as mapped
      from bookers b left join answers a using (customer_id)`;
    expect(row!.bookers).toBeGreaterThan(50);
    expect(row!.both).toBeGreaterThan(0);
    expect(row!.unanswered).toBe(0);
    expect(row!.mapped).toBeGreaterThan(row!.bookers / 2);
    const [many] = await second.sql<{ n: number }[]>`
      select count(*)::int as n from (
        select a.customer_id from customer_profile_values a join profile_fields f on f.id = a.field_id
        where f.type = 'single' group by a.customer_id, a.field_id having count(*) > 1) x`;
    expect(many!.n).toBe(0);
  });
});
