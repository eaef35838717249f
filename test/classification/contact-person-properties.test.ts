import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  contactPersonGroups,
  contactPersonProperties,
  contactPersonPropertyLinks,
  contactPersons,
} from '../../src/db/schema/index.js';
import { contactPersonPropertiesFor } from '../../src/features/classification/queries.js';
import { type Agent, createTestApp, htmxPartial, loginAs, type TestApp } from '../helpers/app.js';
import { newCustomer } from './helpers.js';

let t: TestApp;
let staff: Agent;
let orgId: number;
const p = { monthly: 0, events: 0, press: 0 };

beforeAll(async () => {
  t = await createTestApp();
  staff = await loginAs(t.app, 'staff');
  const db = t.app.db;
  const [letters] = await db.insert(contactPersonGroups).values({ name: 'Uutiskirjeet' }).returning();
  const rows = await db
    .insert(contactPersonProperties)
    .values([
      { code: 'UK-KK', name: 'Kuukausikirje', groupId: letters!.id },
      { code: 'TAPAHT', name: 'Tapahtumakutsut', groupId: letters!.id },
      { code: 'LEHDISTÖ', name: 'Lehdistö' },
    ])
    .returning();
  p.monthly = rows[0]!.id;
  p.events = rows[1]!.id;
  p.press = rows[2]!.id;
  orgId = await newCustomer(db, staff, { type: 'organisation', name: 'Markkinointi Oy' });
});
afterAll(() => t.close());

async function linksOf(personId: number) {
  const rows = await t.app.db
    .select({ id: contactPersonPropertyLinks.propertyId })
    .from(contactPersonPropertyLinks)
    .where(eq(contactPersonPropertyLinks.contactPersonId, personId));
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

describe('contact-person properties on the contact-person form', () => {
  let personId: number;

  it('shows the properties as checkboxes grouped by contact-person group', async () => {
    const form = await staff.get(`/customers/${orgId}/contact-persons/new`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<legend>Markkinointiryhmät</legend>');
    expect(form.body).toContain('<strong>Uutiskirjeet</strong>');
    expect(form.body).toContain(`name="cpProperty" value="${p.monthly}"`);
    expect(form.body).toContain('Lehdistö');
  });

  it('saves them with a new contact person and shows them as badges on the tab', async () => {
    const bad = await staff.post(`/customers/${orgId}/contact-persons`, {
      firstName: '',
      lastName: 'Sihteeri',
      cpPropertiesShown: '1',
      cpProperty: [String(p.monthly)],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toMatch(new RegExp(`name="cpProperty" value="${p.monthly}" checked`));

    const res = await staff.post(`/customers/${orgId}/contact-persons`, {
      firstName: 'Sirpa',
      lastName: 'Sihteeri',
      cpPropertiesShown: '1',
      cpProperty: [String(p.monthly), String(p.press)],
    });
    expect(res.statusCode).toBe(303);
    const [person] = await t.app.db.select().from(contactPersons).where(eq(contactPersons.customerId, orgId));
    personId = person!.id;
    expect(await linksOf(personId)).toEqual([p.monthly, p.press].sort((a, b) => a - b));

    const tab = await staff.get(`/customers/${orgId}/contact-persons`, htmxPartial);
    expect(tab.body).toContain('<span class="badge" title="Uutiskirjeet: UK-KK">Kuukausikirje</span>');
    expect(tab.body).toContain('>Lehdistö</span>');
    expect(tab.body).not.toContain('>Tapahtumakutsut</span>');
  });

  it('changes them on edit (also alone, moving the version on) with an audit entry', async () => {
    const edit = await staff.get(`/contact-persons/${personId}/edit`);
    expect(edit.body).toMatch(new RegExp(`name="cpProperty" value="${p.press}" checked`));
    expect(edit.body).not.toMatch(new RegExp(`name="cpProperty" value="${p.events}" checked`));

    const res = await staff.post(`/contact-persons/${personId}`, {
      firstName: 'Sirpa',
      lastName: 'Sihteeri',
      version: '1',
      cpPropertiesShown: '1',
      cpProperty: [String(p.events), String(p.press)],
    });
    expect(res.statusCode).toBe(303);
    expect(await linksOf(personId)).toEqual([p.events, p.press].sort((a, b) => a - b));
    const [person] = await t.app.db.select().from(contactPersons).where(eq(contactPersons.id, personId));
    expect(person!.version).toBe(2);

    const stale = await staff.post(`/contact-persons/${personId}`, {
      firstName: 'Sirpa',
      lastName: 'Sihteeri',
      version: '1',
      cpPropertiesShown: '1',
    });
    expect(stale.statusCode).toBe(409);
    expect(await linksOf(personId)).toEqual([p.events, p.press].sort((a, b) => a - b));

    const cleared = await staff.post(`/contact-persons/${personId}`, {
      firstName: 'Sirpa',
      lastName: 'Sihteeri',
      version: '2',
      cpPropertiesShown: '1',
    });
    expect(cleared.statusCode).toBe(303);
    expect(await linksOf(personId)).toEqual([]);

    const history = await staff.get(`/customers/${orgId}/history`);
    expect(history.body).toContain('Yhteyshenkilön markkinointiryhmät muutettu');
    expect(history.body).toMatch(
      /Sirpa Sihteeri: Tapahtumakutsut: <span class="old">–<\/span> → <span class="new">✓<\/span>/,
    );
    expect(history.body).toMatch(
      /Sirpa Sihteeri: Kuukausikirje: <span class="old">✓<\/span> → <span class="new">–<\/span>/,
    );
  });

  it('refuses an unknown property id and saves nothing', async () => {
    const res = await staff.post(`/customers/${orgId}/contact-persons`, {
      firstName: 'Ei',
      lastName: 'Tallennu',
      cpPropertiesShown: '1',
      cpProperty: [String(p.monthly), '999999'],
    });
    expect(res.statusCode).toBe(422);
    expect(await t.app.db.$count(contactPersons, eq(contactPersons.lastName, 'Tallennu'))).toBe(0);
  });

  it('contactPersonPropertiesFor gives each asked contact person its properties in one go', async () => {
    const [a, b] = await t.app.db
      .insert(contactPersons)
      .values([
        { customerId: orgId, firstName: 'Aino', lastName: 'Aalto' },
        { customerId: orgId, firstName: 'Bertta', lastName: 'Björk' },
      ])
      .returning();
    await t.app.db.insert(contactPersonPropertyLinks).values([
      { propertyId: p.press, contactPersonId: a!.id },
      { propertyId: p.monthly, contactPersonId: a!.id },
    ]);
    const map = await contactPersonPropertiesFor(t.app.db, [a!.id, b!.id]);
    expect(map.get(a!.id)).toEqual([
      { id: p.monthly, code: 'UK-KK', name: 'Kuukausikirje', groupName: 'Uutiskirjeet' },
      { id: p.press, code: 'LEHDISTÖ', name: 'Lehdistö', groupName: null },
    ]);
    expect(map.get(b!.id)).toEqual([]);
    expect((await contactPersonPropertiesFor(t.app.db, [])).size).toBe(0);
  });
});
