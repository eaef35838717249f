import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditLog,
  contactPersonGroups,
  contactPersonPropertyLinks,
  contactPersons,
  customerProperties,
  customerTracking,
  propertyGroups,
  trackingValues,
} from '../../src/db/schema/index.js';
import { type Agent, createTestApp, loginAs, type TestApp } from '../helpers/app.js';
import {
  contactPersonPropertyByCode,
  dimensionByCode,
  followFlash,
  newCustomer,
  propertyByCode,
  valueByCode,
} from './helpers.js';

let t: TestApp;
let admin: Agent;
let staff: Agent;
let reader: Agent;

beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAs(t.app, 'admin');
  staff = await loginAs(t.app, 'staff');
  reader = await loginAs(t.app, 'readonly');
});
afterAll(() => t.close());

const screens = ['/settings/tracking', '/settings/properties', '/settings/contact-person-properties'];

describe('access to the classification admin screens', () => {
  it('lists the three screens on the settings index for an admin', async () => {
    const res = await admin.get('/settings');
    for (const title of ['Seurantakohteet', 'Asiakkaan ominaisuudet', 'Markkinointiryhmät'])
      expect(res.body).toContain(title);
    for (const href of screens) expect(res.body).toContain(`href="${href}"`);
  });

  it('refuses staff and read-only users, on GET and on POST', async () => {
    for (const agent of [staff, reader]) {
      for (const page of [...screens, '/settings/tracking/new', '/settings/properties/groups/new']) {
        const res = await agent.get(page);
        expect(res.statusCode, page).toBe(403);
        expect(res.body).toContain('Sinulla ei ole oikeutta');
      }
      const post = await agent.post('/settings/tracking', { code: 'X', name: 'X' });
      expect(post.statusCode).toBe(403);
      const prop = await agent.post('/settings/properties', { code: 'X', name: 'X' });
      expect(prop.statusCode).toBe(403);
    }
    expect(await dimensionByCode(t.app.db, 'X')).toBeUndefined();
  });
});

describe('tracking pick lists', () => {
  it('creates a dimension with values, code in capitals, and refuses a duplicate code with a message', async () => {
    const bad = await admin.post('/settings/tracking', { code: 'ä ä', name: '' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Tunnus: 1–20 merkkiä');
    expect(bad.body).toContain('Pakollinen tieto.');

    const created = await admin.post('/settings/tracking', { code: 'alue', name: 'Alue', sort: '1' });
    expect(created.statusCode).toBe(303);
    const dim = (await dimensionByCode(t.app.db, 'ALUE'))!;
    expect(dim).toMatchObject({ name: 'Alue', sort: 1 });
    expect(created.headers.location).toBe(`/settings/tracking/${dim.id}`);
    expect(await followFlash(admin, created.headers.location)).toContain('Seurantakohde ”Alue” lisätty.');

    const dup = await admin.post('/settings/tracking', { code: 'ALUE', name: 'Toinen alue' });
    expect(dup.statusCode).toBe(422);
    expect(dup.body).toContain('Tunnus on jo käytössä.');

    for (const [code, name, sort] of [
      ['UUSI', 'Uusimaa', '1'],
      ['PIRK', 'Pirkanmaa', '2'],
      ['POHJ', 'Pohjois-Pohjanmaa', '3'],
    ]) {
      const res = await admin.post(`/settings/tracking/${dim.id}/values`, {
        code: code!,
        name: name!,
        sort: sort!,
      });
      expect(res.statusCode).toBe(303);
    }
    const dupValue = await admin.post(`/settings/tracking/${dim.id}/values`, {
      code: 'uusi',
      name: 'Uusimaa 2',
    });
    expect(dupValue.statusCode).toBe(422);
    expect(dupValue.body).toContain('Tunnus on jo käytössä.');
    expect(await t.app.db.$count(trackingValues, eq(trackingValues.dimensionId, dim.id))).toBe(3);

    // The same value code in another dimension is fine.
    await admin.post('/settings/tracking', { code: 'TOIMIALA', name: 'Toimiala' });
    const other = (await dimensionByCode(t.app.db, 'TOIMIALA'))!;
    const same = await admin.post(`/settings/tracking/${other.id}/values`, {
      code: 'UUSI',
      name: 'Uusi ala',
    });
    expect(same.statusCode).toBe(303);

    const page = await admin.get(`/settings/tracking/${dim.id}`);
    expect(page.body).toContain('Pohjois-Pohjanmaa');
    expect(page.body.indexOf('Uusimaa')).toBeLessThan(page.body.indexOf('Pirkanmaa'));
    const list = await admin.get('/settings/tracking');
    expect(list.body).toContain('ALUE');
    expect(list.body).toContain('Toimiala');
  });

  it('edits a dimension and a value; a value code taken in its dimension is refused', async () => {
    const dim = (await dimensionByCode(t.app.db, 'ALUE'))!;
    const renamed = await admin.post(`/settings/tracking/${dim.id}`, {
      code: 'ALUE',
      name: 'Maakunta',
      sort: '1',
    });
    expect(renamed.statusCode).toBe(303);
    expect((await dimensionByCode(t.app.db, 'ALUE'))!.name).toBe('Maakunta');

    const pirk = (await valueByCode(t.app.db, dim.id, 'PIRK'))!;
    const taken = await admin.post(`/settings/tracking/values/${pirk.id}`, {
      code: 'UUSI',
      name: 'Pirkanmaa',
    });
    expect(taken.statusCode).toBe(422);
    expect(taken.body).toContain('Tunnus on jo käytössä.');
    const ok = await admin.post(`/settings/tracking/values/${pirk.id}`, {
      code: 'PIR',
      name: 'Pirkanmaa',
      sort: '5',
    });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`/settings/tracking/${dim.id}`);
    expect(await valueByCode(t.app.db, dim.id, 'PIR')).toMatchObject({ name: 'Pirkanmaa', sort: 5 });
  });

  it('deletes a value in use only after confirmation, clearing it from the customers with an audit row', async () => {
    const dim = (await dimensionByCode(t.app.db, 'ALUE'))!;
    const pohj = (await valueByCode(t.app.db, dim.id, 'POHJ'))!;
    const customerId = await newCustomer(t.app.db, staff, { type: 'organisation', name: 'Oulun Kala Oy' });
    await t.app.db.insert(customerTracking).values({ customerId, dimensionId: dim.id, valueId: pohj.id });

    const page = await admin.get(`/settings/tracking/values/${pohj.id}`);
    expect(page.body).toContain('Arvo on 1 asiakkaalla.');

    const refused = await admin.post(`/settings/tracking/values/${pohj.id}/delete`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('se on käytössä 1 asiakkaalla');
    expect(await valueByCode(t.app.db, dim.id, 'POHJ')).toBeDefined();

    const done = await admin.post(`/settings/tracking/values/${pohj.id}/delete`, { confirm: 'on' });
    expect(done.statusCode).toBe(303);
    expect(await valueByCode(t.app.db, dim.id, 'POHJ')).toBeUndefined();
    expect(await t.app.db.$count(customerTracking, eq(customerTracking.customerId, customerId))).toBe(0);
    const history = await staff.get(`/customers/${customerId}/history`);
    expect(history.body).toContain('Seurantakohteet muutettu');
    expect(history.body).toMatch(
      /Maakunta: <span class="old">Pohjois-Pohjanmaa<\/span> → <span class="new">–<\/span>/,
    );

    // An unused value goes without confirmation.
    const uusi = (await valueByCode(t.app.db, dim.id, 'UUSI'))!;
    expect((await admin.post(`/settings/tracking/values/${uusi.id}/delete`, {})).statusCode).toBe(303);
  });

  it('deletes a dimension in use after confirmation', async () => {
    const dim = (await dimensionByCode(t.app.db, 'TOIMIALA'))!;
    const value = (await valueByCode(t.app.db, dim.id, 'UUSI'))!;
    const customerId = await newCustomer(t.app.db, staff, { type: 'organisation', name: 'Ala Oy' });
    await t.app.db.insert(customerTracking).values({ customerId, dimensionId: dim.id, valueId: value.id });
    const refused = await admin.post(`/settings/tracking/${dim.id}/delete`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('1 asiakkaalla');
    expect((await admin.post(`/settings/tracking/${dim.id}/delete`, { confirm: 'on' })).statusCode).toBe(303);
    expect(await dimensionByCode(t.app.db, 'TOIMIALA')).toBeUndefined();
    expect(await t.app.db.$count(customerTracking, eq(customerTracking.customerId, customerId))).toBe(0);
    const audit = await t.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.customerId, customerId), eq(auditLog.entity, 'tracking')));
    expect(audit[0]!.changes).toEqual({ Toimiala: ['Uusi ala', null] });
  });
});

describe('customer properties', () => {
  it('creates groups and properties, refuses duplicates with a message, edits and ungroups on group delete', async () => {
    expect((await admin.post('/settings/properties/groups', { name: 'Kiinnostukset' })).statusCode).toBe(303);
    const dupGroup = await admin.post('/settings/properties/groups', { name: 'Kiinnostukset' });
    expect(dupGroup.statusCode).toBe(422);
    expect(dupGroup.body).toContain('Nimi on jo käytössä.');
    const [group] = await t.app.db
      .select()
      .from(propertyGroups)
      .where(eq(propertyGroups.name, 'Kiinnostukset'));

    const created = await admin.post('/settings/properties', {
      code: 'golf',
      name: 'Golf',
      groupId: String(group!.id),
    });
    expect(created.statusCode).toBe(303);
    expect(await followFlash(admin, created.headers.location)).toContain('”Golf” lisätty.');
    expect(await propertyByCode(t.app.db, 'GOLF')).toMatchObject({ name: 'Golf', groupId: group!.id });
    await admin.post('/settings/properties', { code: 'VIP', name: 'VIP-asiakas' });

    const dup = await admin.post('/settings/properties', { code: 'Golf', name: 'Toinen golf' });
    expect(dup.statusCode).toBe(422);
    expect(dup.body).toContain('Tunnus on jo käytössä.');

    const list = await admin.get('/settings/properties');
    expect(list.body).toContain('Golf');
    expect(list.body).toContain('VIP-asiakas');
    expect(list.body).toContain('Kiinnostukset');

    const golf = (await propertyByCode(t.app.db, 'GOLF'))!;
    const edited = await admin.post(`/settings/properties/${golf.id}`, {
      code: 'GOLF',
      name: 'Golf ja frisbeegolf',
      groupId: String(group!.id),
    });
    expect(edited.statusCode).toBe(303);
    expect((await propertyByCode(t.app.db, 'GOLF'))!.name).toBe('Golf ja frisbeegolf');

    const renamed = await admin.post(`/settings/properties/groups/${group!.id}`, { name: 'Harrastukset' });
    expect(renamed.statusCode).toBe(303);
    expect((await admin.post(`/settings/properties/groups/${group!.id}/delete`, {})).statusCode).toBe(303);
    expect((await propertyByCode(t.app.db, 'GOLF'))!.groupId).toBeNull();
  });

  it('deletes a property in use only after confirmation and records it on the customer', async () => {
    const vip = (await propertyByCode(t.app.db, 'VIP'))!;
    const customerId = await newCustomer(t.app.db, staff, { type: 'organisation', name: 'Tärkeä Oy' });
    await t.app.db
      .insert(customerProperties)
      .values({ propertyId: vip.id, customerId, valueText: 'kultataso' });

    const page = await admin.get(`/settings/properties/${vip.id}`);
    expect(page.body).toContain('Käytössä 1 asiakkaalla.');
    const refused = await admin.post(`/settings/properties/${vip.id}/delete`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('Ominaisuutta ei poistettu: se on 1 asiakkaalla.');
    expect(await propertyByCode(t.app.db, 'VIP')).toBeDefined();

    expect((await admin.post(`/settings/properties/${vip.id}/delete`, { confirm: 'on' })).statusCode).toBe(
      303,
    );
    expect(await propertyByCode(t.app.db, 'VIP')).toBeUndefined();
    expect(await t.app.db.$count(customerProperties, eq(customerProperties.customerId, customerId))).toBe(0);
    const history = await staff.get(`/customers/${customerId}/history`);
    expect(history.body).toContain('Ominaisuudet muutettu');
    expect(history.body).toMatch(/VIP-asiakas: <span class="old">kultataso<\/span>/);
  });
});

describe('contact-person properties (markkinointiryhmät)', () => {
  it('has the same screens: groups, properties, duplicates refused, delete in use confirmed', async () => {
    expect(
      (await admin.post('/settings/contact-person-properties/groups', { name: 'Uutiskirjeet' })).statusCode,
    ).toBe(303);
    const [group] = await t.app.db
      .select()
      .from(contactPersonGroups)
      .where(eq(contactPersonGroups.name, 'Uutiskirjeet'));
    const created = await admin.post('/settings/contact-person-properties', {
      code: 'UK-KK',
      name: 'Kuukausikirje',
      groupId: String(group!.id),
    });
    expect(created.statusCode).toBe(303);
    const dup = await admin.post('/settings/contact-person-properties', { code: 'uk-kk', name: 'Toinen' });
    expect(dup.statusCode).toBe(422);
    expect(dup.body).toContain('Tunnus on jo käytössä.');
    const badGroup = await admin.post('/settings/contact-person-properties', {
      code: 'X1',
      name: 'X',
      groupId: '999999',
    });
    expect(badGroup.statusCode).toBe(422);

    const list = await admin.get('/settings/contact-person-properties');
    expect(list.body).toContain('Kuukausikirje');
    expect(list.body).toContain('Uutiskirjeet');
    expect(list.body).toContain('Yhteyshenkilöryhmät');

    const prop = (await contactPersonPropertyByCode(t.app.db, 'UK-KK'))!;
    const orgId = await newCustomer(t.app.db, staff, { type: 'organisation', name: 'Posti Oy' });
    const [person] = await t.app.db
      .insert(contactPersons)
      .values({ customerId: orgId, firstName: 'Päivi', lastName: 'Pöntinen' })
      .returning();
    await t.app.db
      .insert(contactPersonPropertyLinks)
      .values({ propertyId: prop.id, contactPersonId: person!.id });

    const refused = await admin.post(`/settings/contact-person-properties/${prop.id}/delete`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('se on 1 yhteyshenkilöllä');
    expect(
      (await admin.post(`/settings/contact-person-properties/${prop.id}/delete`, { confirm: 'on' }))
        .statusCode,
    ).toBe(303);
    expect(await contactPersonPropertyByCode(t.app.db, 'UK-KK')).toBeUndefined();
    const history = await staff.get(`/customers/${orgId}/history`);
    expect(history.body).toContain('Yhteyshenkilön markkinointiryhmät muutettu');
    expect(history.body).toContain('Päivi Pöntinen: Kuukausikirje');
  });
});
