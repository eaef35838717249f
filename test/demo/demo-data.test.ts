import { isValidPhoneNumber } from 'libphonenumber-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { generateDemoData } from '../../src/features/demo/generate.js';
import { isValidBusinessId } from '../../src/lib/validation.js';
import { twoDemoDatabases } from './helpers.js';

const COUNT = 500;
let first: Database;
let second: Database;

beforeAll(async () => {
  [first, second] = await twoDemoDatabases(COUNT, 7);
});

afterAll(async () => {
  await first?.close();
  await second?.close();
});

describe('demo data', () => {
  it('creates the asked number of customers of all four kinds', async () => {
    const rows = await first.sql<{ code: string; n: number }[]>`
      select k.code, count(c.id)::int as n from customer_kinds k
      left join customers c on c.kind_id = k.id group by k.code`;
    const byKind = Object.fromEntries(rows.map((r) => [r.code, r.n]));
    expect(Object.values(byKind).reduce((a, b) => a + b, 0)).toBe(COUNT);
    for (const code of ['ASIAKAS', 'TOIMITTAJA', 'AGENTTI', 'PROSPEKTI'])
      expect(byKind[code]).toBeGreaterThan(0);
    expect(byKind.ASIAKAS).toBeGreaterThan(COUNT / 2);
  });

  it('gives every organisation a valid Y-tunnus', async () => {
    const orgs = await first.sql<{ business_id: string | null }[]>`
      select business_id from customers where type = 'organisation'`;
    expect(orgs.length).toBeGreaterThan(0);
    for (const o of orgs) expect(isValidBusinessId(o.business_id ?? ''), o.business_id ?? 'null').toBe(true);
  });

  it('stores phones that libphonenumber accepts, in its international format', async () => {
    const rows = await first.sql<{ phone: string }[]>`
      select phone from customers where phone is not null
      union all select mobile from customers where mobile is not null
      union all select phone from contact_persons where phone is not null
      union all select mobile from contact_persons where mobile is not null`;
    expect(rows.length).toBeGreaterThan(COUNT / 2);
    for (const { phone } of rows) {
      expect(isValidPhoneNumber(phone, 'FI'), phone).toBe(true);
      expect(phone).toMatch(/^\+358 \d{1,2} \d{6,8}$/);
    }
  });

  it('numbers customers inside their kind range and moves each series past them', async () => {
    const rows = await first.sql<{ outside: number; behind: number }[]>`
      select count(*) filter (where c.number not between k.range_start and k.range_end)::int as outside,
        count(*) filter (where c.number >= k.next_number)::int as behind
      from customers c join customer_kinds k on k.id = c.kind_id`;
    expect(rows[0]).toEqual({ outside: 0, behind: 0 });
  });

  it('has Tampere customers with real 33xxx postal codes', async () => {
    const [row] = await first.sql<{ n: number; wrong: number }[]>`
      select count(*) filter (where city = 'Tampere')::int as n,
        count(*) filter (where city = 'Tampere' and postal_code !~ '^33[0-9]{3}$')::int as wrong
      from customers`;
    expect(row!.n).toBeGreaterThan(0);
    expect(row!.wrong).toBe(0);
  });

  it('gives organisations contact persons and departments, and links some persons to them', async () => {
    const [row] = await first.sql<
      { contacts: number; titled: number; departments: number; linked: number }[]
    >`
      select (select count(*) from contact_persons)::int as contacts,
        (select count(*) from contact_persons where title = 'Toimitusjohtaja')::int as titled,
        (select count(*) from departments)::int as departments,
        (select count(*) from customers p join customers o on o.id = p.company_id
          where p.type = 'person' and o.type = 'organisation')::int as linked`;
    expect(row!.contacts).toBeGreaterThan(0);
    expect(row!.titled).toBeGreaterThan(0);
    expect(row!.departments).toBeGreaterThan(0);
    expect(row!.linked).toBeGreaterThan(0);
  });

  it('puts customers in the group tree and gives some an account manager', async () => {
    const [row] = await first.sql<{ nested: number; managed: number; archived: number }[]>`
      select (select count(*) from customers c join customer_groups g on g.id = c.group_id
          where g.parent_id is not null)::int as nested,
        (select count(*) from customers where account_manager_id is not null)::int as managed,
        (select count(*) from customers where archived_at is not null)::int as archived`;
    expect(row!.nested).toBeGreaterThan(COUNT / 2);
    expect(row!.managed).toBeGreaterThan(0);
    expect(row!.archived).toBeGreaterThan(0);
  });

  it('is deterministic: the same seed gives the same register', async () => {
    const query = (d: Database) =>
      d.sql`select number, name, email, phone, mobile, postal_code, city, business_id
            from customers order by number`;
    const [a, b] = await Promise.all([query(first), query(second)]);
    expect(a.length).toBe(COUNT);
    expect(b).toEqual(a);
  });

  it('appends more customers when run again, continuing the number series', async () => {
    await generateDemoData(second.db, { customers: 100, seed: 7, log: () => {} });
    const [row] = await second.sql<{ n: number; numbers: number; behind: number }[]>`
      select count(*)::int as n, count(distinct number)::int as numbers,
        (select count(*) from customers c join customer_kinds k on k.id = c.kind_id
          where c.number >= k.next_number)::int as behind
      from customers`;
    expect(row).toEqual({ n: COUNT + 100, numbers: COUNT + 100, behind: 0 });
  });
});
