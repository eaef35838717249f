import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerGroups } from '../../src/db/schema/index.js';
import { createCustomer } from '../../src/features/customers/queries.js';
import { customerSchema } from '../../src/features/customers/schemas.js';
import { listCustomers, quickSearch } from '../../src/features/customers/search.js';
import { parseInput } from '../../src/lib/validation.js';
import { type Agent, createTestApp, htmxPartial, loginAs, type TestApp } from '../helpers/app.js';
import { kindId } from './helpers.js';

let t: TestApp;
let staff: Agent;

beforeAll(async () => {
  t = await createTestApp();
  staff = await loginAs(t.app, 'staff');
  const db = t.app.db;
  const asiakas = await kindId(db);
  const prospekti = await kindId(db, 'PROSPEKTI');
  const [root] = await db.insert(customerGroups).values({ name: 'Yritykset' }).returning();
  const [child] = await db
    .insert(customerGroups)
    .values({ name: 'Pirkanmaa', parentId: root!.id })
    .returning();
  const add = (fields: Record<string, unknown>) =>
    createCustomer(db, parseInput(customerSchema, fields), null);
  await add({
    type: 'person',
    firstName: 'Pekka',
    lastName: 'Virtanen',
    kindId: asiakas,
    city: 'Tampere',
    postalCode: '33100',
    mobile: '040 765 4321',
    email: 'pekka@virtanen.fi',
  });
  await add({
    type: 'organisation',
    name: 'Nokian Renkaat Oyj',
    businessId: '1572860-0',
    kindId: asiakas,
    city: 'Nokia',
    groupId: child!.id,
  });
  await add({
    type: 'organisation',
    name: 'Kesko Oyj',
    kindId: prospekti,
    city: 'Helsinki',
    groupId: root!.id,
  });
  for (let i = 0; i < 60; i++)
    await add({
      type: 'person',
      firstName: `Asiakas${i}`,
      lastName: 'Sivutus',
      kindId: asiakas,
      city: 'Turku',
    });
  (t as TestApp & { groups: number[] }).groups = [root!.id, child!.id];
});
afterAll(() => t.close());

describe('quick search', () => {
  it('finds by a misspelt name, number, phone fragment, e-mail, business id and city', async () => {
    const db = t.app.db;
    expect((await quickSearch(db, 'virtnen'))[0]?.name).toBe('Virtanen Pekka');
    expect((await quickSearch(db, '10000'))[0]?.name).toBe('Virtanen Pekka');
    expect((await quickSearch(db, '040 765'))[0]?.name).toBe('Virtanen Pekka');
    expect((await quickSearch(db, 'pekka@virtanen'))[0]?.name).toBe('Virtanen Pekka');
    expect((await quickSearch(db, '1572860-0'))[0]?.name).toBe('Nokian Renkaat Oyj');
    expect((await quickSearch(db, 'nokia')).map((r) => r.name)).toContain('Nokian Renkaat Oyj');
    expect(await quickSearch(db, 'zzzqqq')).toEqual([]);
  });

  it('answers htmx with result links only, and a direct visit with the list page', async () => {
    const partial = await staff.get('/customers/quick?q=renkaat', htmxPartial);
    expect(partial.statusCode).toBe(200);
    expect(partial.body).not.toContain('<html');
    expect(partial.body).toContain('Nokian Renkaat Oyj');
    const direct = await staff.get('/customers/quick?q=renkaat');
    expect(direct.statusCode).toBe(303);
    expect(direct.headers.location).toBe('/customers?q=renkaat');
  });
});

describe('customer list', () => {
  it('filters by kind, by group with its subgroups, and by city', async () => {
    const db = t.app.db;
    const [root, child] = (t as TestApp & { groups: number[] }).groups;
    const prospects = await listCustomers(db, { kindId: await kindId(db, 'PROSPEKTI') });
    expect(prospects.rows.map((r) => r.name)).toEqual(['Kesko Oyj']);
    const inRoot = await listCustomers(db, { groupId: root });
    expect(inRoot.rows.map((r) => r.name).sort()).toEqual(['Kesko Oyj', 'Nokian Renkaat Oyj']);
    const inChild = await listCustomers(db, { groupId: child });
    expect(inChild.rows.map((r) => r.name)).toEqual(['Nokian Renkaat Oyj']);
    const tampere = await listCustomers(db, { city: 'tampere' });
    expect(tampere.rows.map((r) => r.name)).toEqual(['Virtanen Pekka']);
  });

  it('pages with a keyset cursor by number and by name without gaps or repeats', async () => {
    const db = t.app.db;
    for (const sort of ['number', 'name'] as const) {
      const seen: string[] = [];
      let after: string | undefined;
      do {
        const page = await listCustomers(db, { sort, after, limit: 25 });
        seen.push(...page.rows.map((r) => r.name));
        after = page.next ?? undefined;
      } while (after);
      expect(seen).toHaveLength(63);
      expect(new Set(seen).size).toBe(63);
      if (sort === 'name')
        expect(seen).toEqual([...seen].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase(), 'en')));
    }
  });

  it('renders the results as a fragment for htmx and as a page otherwise, with a next-page link', async () => {
    const partial = await staff.get('/customers?city=Turku', htmxPartial);
    expect(partial.body).not.toContain('<html');
    expect(partial.body).toContain('Sivutus Asiakas0');
    expect(partial.body).toContain('Seuraava sivu');
    expect(partial.headers.vary).toContain('HX-Request');
    const full = await staff.get('/customers?city=Turku');
    expect(full.body).toContain('<html');
    const next = /href="(\/customers\?[^"]*after=[^"]+)"/.exec(full.body)?.[1]?.replace(/&amp;/g, '&');
    const second = await staff.get(next!);
    expect(second.body).toContain('Sivutus Asiakas');
    expect(second.body).not.toContain('Seuraava sivu');
  });
});
