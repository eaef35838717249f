import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerKinds, customers } from '../../src/db/schema/index.js';
import { createCustomer } from '../../src/features/customers/queries.js';
import { customerSchema } from '../../src/features/customers/schemas.js';
import { parseInput } from '../../src/lib/validation.js';
import { type Agent, createTestApp, htmxPartial, loginAs, type TestApp } from '../helpers/app.js';
import { kindId } from './helpers.js';

let t: TestApp;
let staff: Agent;
let asiakas: number;

beforeAll(async () => {
  t = await createTestApp();
  staff = await loginAs(t.app, 'staff', 'sanna');
  asiakas = await kindId(t.app.db);
});
afterAll(() => t.close());

function idFromLocation(location: string | string[] | undefined): number {
  return Number(/\/customers\/(\d+)/.exec(String(location))?.[1]);
}

describe('creating customers through the form', () => {
  it('creates a person with the next number of the kind and shows the card', async () => {
    const res = await staff.post('/customers', {
      type: 'person',
      firstName: 'Matti',
      lastName: 'Meikäläinen',
      kindId: String(asiakas),
      streetAddress: 'Hämeenkatu 1',
      postalCode: '33100',
      city: 'Tampere',
      phone: '040 123 4567',
      email: 'Matti.Meikalainen@Example.FI',
      relationshipStart: '1.2.2026',
      language: 'fi',
    });
    expect(res.statusCode).toBe(303);
    const id = idFromLocation(res.headers.location);
    const [row] = await t.app.db.select().from(customers).where(eq(customers.id, id));
    expect(row).toMatchObject({
      number: 10000,
      name: 'Meikäläinen Matti',
      phone: '+358 40 1234567',
      email: 'matti.meikalainen@example.fi',
      relationshipStart: '2026-02-01',
      createdBy: staff.userId,
    });
    const card = await staff.get(`/customers/${id}`);
    expect(card.statusCode).toBe(200);
    expect(card.body).toContain('Meikäläinen Matti');
    expect(card.body).toContain('1.2.2026');
    expect(card.body).toContain('Asiakas 10000 luotu.');
  });

  it('re-renders the form with a message beside each bad field and saves nothing', async () => {
    const before = await t.app.db.$count(customers);
    const res = await staff.post('/customers', {
      type: 'organisation',
      name: 'Testi Oy',
      businessId: '1234567-8',
      kindId: String(asiakas),
      email: 'not-an-address',
      phone: '12',
      postalCode: '3310',
      relationshipStart: '31.2.2026',
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Y-tunnus ei ole kelvollinen');
    expect(res.body).toContain('Sähköpostiosoite ei ole kelvollinen');
    expect(res.body).toContain('Puhelinnumero ei ole kelvollinen');
    expect(res.body).toContain('Päivämäärä ei ole kelvollinen');
    expect(res.body).toContain('value="Testi Oy"');
    expect(await t.app.db.$count(customers)).toBe(before);
  });

  it('refuses a wrong Finnish postal code but accepts a foreign one', async () => {
    const bad = await staff.post('/customers', {
      type: 'organisation',
      name: 'Posti Oy',
      kindId: String(asiakas),
      postalCode: '3310',
      country: 'FI',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Postinumero ei ole kelvollinen');
    const foreign = await staff.post('/customers', {
      type: 'organisation',
      name: 'Svensk AB',
      kindId: String(asiakas),
      postalCode: '111 22',
      country: 'se',
    });
    expect(foreign.statusCode).toBe(303);
  });

  it('shows a customer named like a script tag as text everywhere', async () => {
    const evil = '<script>alert(1)</script>';
    const res = await staff.post('/customers', {
      type: 'organisation',
      name: evil,
      kindId: String(asiakas),
      city: evil,
    });
    expect(res.statusCode).toBe(303);
    const id = idFromLocation(res.headers.location);
    const pages = [
      await staff.get(`/customers/${id}`),
      await staff.get(`/customers/${id}/history`),
      await staff.get(`/customers/${id}/edit`),
      await staff.get('/customers?q=script'),
      await staff.get('/customers/quick?q=script', htmxPartial),
    ];
    for (const page of pages) {
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain(evil);
      expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
  });

  it('links a person to a company found inline and creates a typed department', async () => {
    const company = await staff.post('/customers/company-picker', { name: 'Pirkan Matkat Oy' }, htmxPartial);
    expect(company.statusCode).toBe(200);
    const companyId = Number(/name="companyId" value="(\d+)"/.exec(company.body)?.[1]);
    expect(companyId).toBeGreaterThan(0);
    const found = await staff.get('/customers/company-picker?q=pirkan', htmxPartial);
    expect(found.body).toContain('Pirkan Matkat Oy');
    const picked = {
      companyId: String(companyId),
      companyName: 'Pirkan Matkat Oy',
      departmentName: 'Myynti',
    };
    const bad = await staff.post('/customers', {
      type: 'person',
      firstName: 'Liisa',
      lastName: 'Laine',
      kindId: String(asiakas),
      email: 'liisa@',
      ...picked,
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('<strong>Pirkan Matkat Oy</strong>');
    expect(bad.body).toContain('value="Myynti"');
    const res = await staff.post('/customers', {
      type: 'person',
      firstName: 'Liisa',
      lastName: 'Laine',
      kindId: String(asiakas),
      ...picked,
    });
    expect(res.statusCode).toBe(303);
    const card = await staff.get(`/customers/${idFromLocation(res.headers.location)}`);
    expect(card.body).toContain('Pirkan Matkat Oy');
    expect(card.body).toContain('Myynti');
    const again = await staff.get(`/customers/company-picker?select=${companyId}`, htmxPartial);
    expect(again.body).toContain('<option value="Myynti">');
  });
});

describe('numbers in a kind', () => {
  it('gives 200 parallel creations unique numbers inside the range', async () => {
    const [kind] = await t.app.db
      .insert(customerKinds)
      .values({
        code: 'RINN',
        nameFi: 'Rinnakkain',
        nameEn: 'Parallel',
        rangeStart: 900000,
        rangeEnd: 900199,
        nextNumber: 900000,
      })
      .returning();
    const input = (i: number) =>
      parseInput(customerSchema, { type: 'person', firstName: `E${i}`, lastName: 'Rinta', kindId: kind!.id });
    const created = await Promise.all(
      Array.from({ length: 200 }, (_, i) => createCustomer(t.app.db, input(i), null)),
    );
    const numbers = created.map((c) => c.number);
    expect(new Set(numbers).size).toBe(200);
    expect(Math.min(...numbers)).toBe(900000);
    expect(Math.max(...numbers)).toBe(900199);
    await expect(createCustomer(t.app.db, input(201), null)).rejects.toThrow('customers.rangeExhausted');
  });

  it('skips numbers already taken by hand', async () => {
    const [kind] = await t.app.db
      .insert(customerKinds)
      .values({
        code: 'AUKKO',
        nameFi: 'Aukko',
        nameEn: 'Gap',
        rangeStart: 910000,
        rangeEnd: 910100,
        nextNumber: 910000,
      })
      .returning();
    await t.app.db.insert(customers).values(
      [910000, 910001, 910003].map((number) => ({
        number,
        kindId: kind!.id,
        type: 'organisation' as const,
        name: `Käsin ${number}`,
      })),
    );
    const input = parseInput(customerSchema, { type: 'organisation', name: 'Uusi', kindId: kind!.id });
    expect((await createCustomer(t.app.db, input, null)).number).toBe(910002);
    expect((await createCustomer(t.app.db, input, null)).number).toBe(910004);
  });
});

describe('editing', () => {
  it('refuses a stale form with a conflict message and keeps the newer data', async () => {
    const res = await staff.post('/customers', {
      type: 'organisation',
      name: 'Versio Oy',
      kindId: String(asiakas),
    });
    const id = idFromLocation(res.headers.location);
    const form = await staff.get(`/customers/${id}/edit`);
    const version = /name="version" value="(\d+)"/.exec(form.body)?.[1] ?? '';
    const first = await staff.post(`/customers/${id}`, {
      type: 'organisation',
      name: 'Versio Oy',
      city: 'Turku',
      kindId: String(asiakas),
      version,
    });
    expect(first.statusCode).toBe(303);
    const stale = await staff.post(`/customers/${id}`, {
      type: 'organisation',
      name: 'Vanha Nimi Oy',
      kindId: String(asiakas),
      version,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Joku muu muutti tätä tietoa');
    const [row] = await t.app.db.select().from(customers).where(eq(customers.id, id));
    expect(row).toMatchObject({ name: 'Versio Oy', city: 'Turku', version: 2 });
  });

  it('records old → new values on the Muutoshistoria tab', async () => {
    const res = await staff.post('/customers', {
      type: 'organisation',
      name: 'Historia Oy',
      city: 'Oulu',
      kindId: String(asiakas),
    });
    const id = idFromLocation(res.headers.location);
    await staff.post(`/customers/${id}`, {
      type: 'organisation',
      name: 'Historia Oy',
      city: 'Kemi',
      kindId: String(asiakas),
      version: '1',
    });
    const tab = await staff.get(`/customers/${id}/history`, htmxPartial);
    expect(tab.statusCode).toBe(200);
    expect(tab.body).not.toContain('<html');
    expect(tab.body).toMatch(
      /Postitoimipaikka: <span class="old">Oulu<\/span> → <span class="new">Kemi<\/span>/,
    );
    expect(tab.body).toContain('Test staff');
    const full = await staff.get(`/customers/${id}/history`);
    expect(full.body).toContain('<html');
    expect(full.body).toContain('aria-selected="true">Muutoshistoria');
  });

  it('archives and restores, hiding archived customers from the default list', async () => {
    const res = await staff.post('/customers', {
      type: 'organisation',
      name: 'Arkisto Oy',
      kindId: String(asiakas),
    });
    const id = idFromLocation(res.headers.location);
    expect((await staff.post(`/customers/${id}/archive`, {})).statusCode).toBe(303);
    expect((await staff.get('/customers?q=Arkisto')).body).not.toContain('Arkisto Oy');
    expect((await staff.get('/customers?q=Arkisto&archived=archived')).body).toContain('Arkisto Oy');
    expect((await staff.post(`/customers/${id}/restore`, {})).statusCode).toBe(303);
    expect((await staff.get('/customers?q=Arkisto')).body).toContain('Arkisto Oy');
    const history = await staff.get(`/customers/${id}/history`);
    expect(history.body).toContain('arkistoitu');
    expect(history.body).toContain('palautettu');
  });
});

describe('roles', () => {
  it('lets a read-only user see but not change', async () => {
    const reader = await loginAs(t.app, 'readonly', 'lukija');
    const list = await reader.get('/customers');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain('Uusi henkilöasiakas');
    const res = await reader.post('/customers', {
      type: 'organisation',
      name: 'Ei Saa Oy',
      kindId: String(asiakas),
    });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Lukuoikeudella ei voi tehdä muutoksia');
    const [{ n }] = (await t.app.db.execute(
      sql`select count(*)::int as n from customers where name = 'Ei Saa Oy'`,
    )) as unknown as [{ n: number }];
    expect(n).toBe(0);
  });

  it('answers 404 for an unknown customer', async () => {
    expect((await staff.get('/customers/999999')).statusCode).toBe(404);
    expect((await staff.get('/customers/abc')).statusCode).toBe(404);
  });
});
