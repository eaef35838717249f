import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { quickSearch } from '../../src/features/customers/search.js';
import { generateDemoData } from '../../src/features/demo/generate.js';
import { createTestDatabase } from '../helpers/db.js';

type Row = {
  id: number;
  number: number;
  name: string;
  last_name: string | null;
  email: string | null;
  mobile: string | null;
  business_id: string | null;
};

let database: Database;
let person: Row;
let organisation: Row;

beforeAll(async () => {
  process.env.KANTA_PASSWORD = 'demo password for tests';
  database = await createTestDatabase();
  await generateDemoData(database.db, { customers: 2000, seed: 11, log: () => {} });
  const people = await database.sql<Row[]>`
    select id, number, name, last_name, email, mobile, business_id from customers
    where type = 'person' and archived_at is null and email is not null and mobile is not null
    order by number limit 1`;
  const organisations = await database.sql<Row[]>`
    select id, number, name, last_name, email, mobile, business_id from customers
    where type = 'organisation' and archived_at is null order by number limit 1`;
  person = people[0]!;
  organisation = organisations[0]!;
});

afterAll(async () => {
  await database?.close();
});

const ids = async (q: string) => (await quickSearch(database.db, q)).map((r) => r.id);

describe('quick search on the demo register', () => {
  it('finds a customer by number, business id, e-mail and phone', async () => {
    expect((await ids(String(person.number)))[0]).toBe(person.id);
    expect((await ids(organisation.business_id!))[0]).toBe(organisation.id);
    expect(await ids(person.email!)).toContain(person.id);
    const [, area, rest] = /^\+358 (\d+) (\d+)$/.exec(person.mobile!)!;
    expect(await ids(`0${area} ${rest}`)).toContain(person.id);
  });

  it('lists name prefix matches before the rest', async () => {
    const rows = await quickSearch(database.db, person.last_name!);
    expect(rows.length).toBe(10);
    for (const r of rows) expect(r.name.toLowerCase().startsWith(person.last_name!.toLowerCase())).toBe(true);
  });

  it('finds people of a city and tolerates a doubled letter', async () => {
    const rows = await quickSearch(database.db, 'Tampere');
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.city).toBe('Tampere');
    const last = person.last_name!;
    const typo = `${last.slice(0, 3)}${last[2]}${last.slice(3)}`;
    const found = await quickSearch(database.db, typo);
    expect(found.some((r) => r.name.startsWith(last))).toBe(true);
  });

  it('leaves archived customers out and finds nothing for nonsense', async () => {
    const [archived] = await database.sql<{ number: number }[]>`
      select number from customers where archived_at is not null limit 1`;
    expect(await ids(String(archived!.number))).toEqual([]);
    expect(await ids('zzqxqz')).toEqual([]);
  });
});
