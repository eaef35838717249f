import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers, guardians } from '../../src/db/schema/index.js';
import { newCustomer } from '../bans/helpers.js';
import { kindId } from '../customers/helpers.js';
import { type Agent, createTestApp, htmxPartial, loginAs, type TestApp } from '../helpers/app.js';

let t: TestApp;
let staff: Agent;
let viewer: Agent;
let child: number;
let mother: number;
let grandma: number;
let org: number;

const numberOf = async (id: number) =>
  String((await t.app.db.select({ n: customers.number }).from(customers).where(eq(customers.id, id)))[0]!.n);
const links = () => t.app.db.select().from(guardians).orderBy(guardians.guardianId, guardians.wardId);

beforeAll(async () => {
  t = await createTestApp();
  staff = await loginAs(t.app, 'staff');
  viewer = await loginAs(t.app, 'readonly');
  const kind = await kindId(t.app.db);
  child = await newCustomer(staff, kind, { type: 'person', firstName: 'Eetu', lastName: 'Lapsi' });
  mother = await newCustomer(staff, kind, { type: 'person', firstName: 'Äiti', lastName: 'Lapsi' });
  grandma = await newCustomer(staff, kind, { type: 'person', firstName: 'Mummo', lastName: 'Öljymäki' });
  org = await newCustomer(staff, kind, { type: 'organisation', name: 'Huolto Oy' });
});
afterAll(() => t.close());

describe('guardians of a person customer', () => {
  it('shows the section on the basic tab of persons only', async () => {
    const card = await staff.get(`/customers/${child}`);
    expect(card.body).toContain('Huoltajat');
    expect(card.body).toContain('Ei huoltajia.');
    expect(card.body).toContain('Ei huollettavia.');
    const orgCard = await staff.get(`/customers/${org}`);
    expect(orgCard.body).not.toContain(`/customers/${org}/guardians`);
    expect(orgCard.body).not.toContain('Huoltajat');
  });

  it('adds a guardian by customer number and shows the link on both cards', async () => {
    const res = await staff.post(`/customers/${child}/guardians`, { number: await numberOf(mother) });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/customers/${child}`);
    expect(await links()).toEqual([{ guardianId: mother, wardId: child }]);

    const childSection = await staff.get(`/customers/${child}`);
    expect(childSection.body).toContain(`<a href="/customers/${mother}">Lapsi Äiti</a>`);
    const motherSection = await staff.get(`/customers/${mother}`);
    const wards = motherSection.body.slice(motherSection.body.indexOf('Huollettavat'));
    expect(wards).toContain(`<a href="/customers/${child}">Lapsi Eetu</a>`);

    const childHistory = await staff.get(`/customers/${child}/history`);
    expect(childHistory.body).toContain('Huoltajuus lisätty');
    expect(childHistory.body).toMatch(
      /Huoltaja: <span class="old">–<\/span> → <span class="new">Lapsi Äiti \(\d+\)<\/span>/,
    );
    const motherHistory = await staff.get(`/customers/${mother}/history`);
    expect(motherHistory.body).toMatch(
      /Huollettava: <span class="old">–<\/span> → <span class="new">Lapsi Eetu \(\d+\)<\/span>/,
    );
  });

  it('finds person customers for the picker and adds the one picked', async () => {
    const found = await staff.get(`/customers/${child}/guardians/search?q=öljymäki`, htmxPartial);
    expect(found.body).toContain(`name="guardianId" value="${grandma}"`);
    const none = await staff.get(`/customers/${child}/guardians/search?q=huolto`, htmxPartial);
    expect(none.body).not.toContain(`value="${org}"`);
    expect(none.body).toContain('Henkilöasiakkaita ei löytynyt.');

    const res = await staff.post(`/customers/${mother}/guardians`, {
      guardianId: String(grandma),
      q: 'öljymäki',
      number: '',
    });
    expect(res.statusCode).toBe(303);
    expect(await links()).toContainEqual({ guardianId: grandma, wardId: mother });
  });

  it('refuses self, organisations, duplicates, cycles and unknown numbers with a message', async () => {
    const refusals: [number, Record<string, string>, string][] = [
      [child, { guardianId: String(child) }, 'Asiakas ei voi olla oma huoltajansa.'],
      [
        child,
        { number: await numberOf(org) },
        'Huolto Oy on organisaatio. Huoltajan on oltava henkilöasiakas.',
      ],
      [child, { number: await numberOf(mother) }, 'Lapsi Äiti on jo tämän asiakkaan huoltaja.'],
      [mother, { guardianId: String(child) }, 'Lapsi Eetu on jo tämän asiakkaan huollettava'],
      // Grandma → mother → child: the child cannot become grandma's guardian either.
      [grandma, { guardianId: String(child) }, 'Lapsi Eetu on jo tämän asiakkaan huollettava'],
      [child, { number: '99999999' }, 'Asiakasnumerolla 99999999 ei löytynyt asiakasta.'],
      [child, { number: '' }, 'Anna huoltajan asiakasnumero'],
    ];
    for (const [ward, form, message] of refusals) {
      const res = await staff.post(`/customers/${ward}/guardians`, form);
      expect(res.statusCode, message).toBe(422);
      expect(res.body).toContain(message);
      expect(res.body).toContain('<html');
    }
    const onOrganisation = await staff.post(`/customers/${org}/guardians`, { guardianId: String(mother) });
    expect(onOrganisation.statusCode).toBe(400);
    expect(onOrganisation.body).toContain('Huoltajia voi lisätä vain henkilöasiakkaalle.');
    expect(await links()).toHaveLength(2);
    const partial = await staff.post(`/customers/${child}/guardians`, { number: '99999999' }, htmxPartial);
    expect(partial.statusCode).toBe(422);
    expect(partial.body).not.toContain('<html');
    expect(partial.body).toContain('value="99999999"');
  });

  it('lets a read-only user see the guardians but not change them', async () => {
    const card = await viewer.get(`/customers/${child}`);
    const section = { body: card.body.slice(card.body.indexOf('Huoltajat')) };
    expect(section.body).toContain('Lapsi Äiti');
    expect(section.body).not.toContain('Lisää huoltaja');
    expect(section.body).not.toContain('/delete');
    expect(
      (await viewer.post(`/customers/${child}/guardians`, { guardianId: String(grandma) })).statusCode,
    ).toBe(403);
    expect((await viewer.post(`/customers/${child}/guardians/${mother}/delete`, {})).statusCode).toBe(403);
    expect(await links()).toHaveLength(2);
  });

  it('removes a guardian, with audit on both customers', async () => {
    const res = await staff.post(`/customers/${child}/guardians/${mother}/delete`, {});
    expect(res.statusCode).toBe(303);
    expect(await links()).toEqual([{ guardianId: grandma, wardId: mother }]);
    const childHistory = await staff.get(`/customers/${child}/history`);
    expect(childHistory.body).toContain('Huoltajuus poistettu');
    const motherHistory = await staff.get(`/customers/${mother}/history`);
    expect(motherHistory.body).toMatch(/Huollettava: <span class="old">Lapsi Eetu \(\d+\)<\/span>/);
    expect((await staff.post(`/customers/${child}/guardians/${mother}/delete`, {})).statusCode).toBe(404);
  });
});
