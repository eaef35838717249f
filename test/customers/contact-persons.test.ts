import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactPersons } from '../../src/db/schema/index.js';
import { type Agent, createTestApp, htmxPartial, loginAs, type TestApp } from '../helpers/app.js';
import { kindId } from './helpers.js';

let t: TestApp;
let staff: Agent;
let orgId: number;
let personId: number;

beforeAll(async () => {
  t = await createTestApp();
  staff = await loginAs(t.app, 'staff');
  const kind = String(await kindId(t.app.db));
  const org = await staff.post('/customers', { type: 'organisation', name: 'Yhteys Oy', kindId: kind });
  orgId = Number(/\/customers\/(\d+)/.exec(String(org.headers.location))?.[1]);
  const person = await staff.post('/customers', {
    type: 'person',
    firstName: 'Yksi',
    lastName: 'Henkilö',
    kindId: kind,
  });
  personId = Number(/\/customers\/(\d+)/.exec(String(person.headers.location))?.[1]);
});
afterAll(() => t.close());

describe('contact persons of an organisation', () => {
  it('adds, edits and deletes a contact person, each in the change history', async () => {
    const bad = await staff.post(`/customers/${orgId}/contact-persons`, {
      firstName: '',
      lastName: 'Sihteeri',
      email: 'x@',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Pakollinen tieto.');
    expect(bad.body).toContain('Sähköpostiosoite ei ole kelvollinen');

    const created = await staff.post(`/customers/${orgId}/contact-persons`, {
      firstName: 'Sirpa',
      lastName: 'Sihteeri',
      title: 'Sihteeri',
      email: 'sirpa@yhteys.fi',
      mobile: '0501234567',
      language: 'fi',
    });
    expect(created.statusCode).toBe(303);
    expect(created.headers.location).toBe(`/customers/${orgId}/contact-persons`);
    const tab = await staff.get(`/customers/${orgId}/contact-persons`, htmxPartial);
    expect(tab.body).toContain('Sihteeri Sirpa');
    expect(tab.body).toContain('+358 50 1234567');

    const [cp] = await t.app.db.select().from(contactPersons).where(eq(contactPersons.customerId, orgId));
    const edited = await staff.post(`/contact-persons/${cp!.id}`, {
      firstName: 'Sirpa',
      lastName: 'Sihteeri',
      title: 'Toimitusjohtaja',
      version: '1',
    });
    expect(edited.statusCode).toBe(303);
    const stale = await staff.post(`/contact-persons/${cp!.id}`, {
      firstName: 'Sirpa',
      lastName: 'Vanha',
      version: '1',
    });
    expect(stale.statusCode).toBe(409);

    expect((await staff.post(`/contact-persons/${cp!.id}/delete`, {})).statusCode).toBe(303);
    expect(await t.app.db.$count(contactPersons, eq(contactPersons.customerId, orgId))).toBe(0);
    const history = await staff.get(`/customers/${orgId}/history`);
    expect(history.body).toContain('Yhteyshenkilö lisätty');
    expect(history.body).toMatch(
      /Titteli: <span class="old">Sihteeri<\/span> → <span class="new">Toimitusjohtaja<\/span>/,
    );
    expect(history.body).toContain('Yhteyshenkilö poistettu');
  });

  it('refuses contact persons on a person customer', async () => {
    const res = await staff.post(`/customers/${personId}/contact-persons`, {
      firstName: 'Ei',
      lastName: 'Käy',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('vain organisaatioasiakkaalle');
  });
});
