import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactPersonGroups, contactPersonProperties } from '../../src/db/schema/index.js';
import { setBans } from '../../src/features/bans/queries.js';
import { setContactPersonProperties } from '../../src/features/classification/contact-person-properties.js';
import { createContactPerson } from '../../src/features/contact-persons/queries.js';
import { setContactRoles } from '../../src/features/contact-roles/queries.js';
import { contactPersonSchema } from '../../src/features/customers/schemas.js';
import { apiToken, createTestApp, type TestApp } from '../helpers/app.js';

/*
 * GET /api/v1/customers/:id shows what the other features store about a customer: a
 * person's own marketing bans, and each contact person's roles, bans and properties.
 * Everything is set through those features' own query functions.
 */

let t: TestApp;
let token: string;
let readonlyToken: string;
let catalog: Awaited<ReturnType<typeof propertyCatalog>>;

beforeAll(async () => {
  t = await createTestApp();
  token = await apiToken(t.app, 'staff');
  readonlyToken = await apiToken(t.app, 'readonly');
  catalog = await propertyCatalog();
});
afterAll(() => t.close());

function call(method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown, bearer = token) {
  return t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { authorization: `Bearer ${bearer}` },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

async function created(body: Record<string, unknown>): Promise<number> {
  const res = await call('POST', '/customers', { kind: 'ASIAKAS', ...body });
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

async function contactPerson(orgId: number, firstName: string, lastName: string, title?: string) {
  const input = contactPersonSchema.parse({ firstName, lastName, title, email: '', phone: '', mobile: '' });
  return createContactPerson(t.app.db, orgId, input, null);
}

/** Two contact-person properties in a group and one without, as an admin would make them. */
async function propertyCatalog() {
  const db = t.app.db;
  const [group] = await db.insert(contactPersonGroups).values({ name: 'Uutiskirjeet' }).returning();
  const [monthly, events, press] = await db
    .insert(contactPersonProperties)
    .values([
      { code: 'UK-KK', name: 'Kuukausikirje', groupId: group!.id },
      { code: 'TAPAHT', name: 'Tapahtumakutsut', groupId: group!.id },
      { code: 'LEHDISTO', name: 'Lehdistö' },
    ])
    .returning();
  return { monthly: monthly!.id, events: events!.id, press: press!.id };
}

const noBans = { noMarketing: false, noSms: false, noEmail: false };

describe('GET /customers/:id of an organisation', () => {
  it("shows each contact person's roles, bans and properties as set by their features", async () => {
    const orgId = await created({ type: 'organisation', name: 'Yhteys Oy' });
    const olli = await contactPerson(orgId, 'Olli', 'Ostaja', 'Ostopäällikkö');
    const liisa = await contactPerson(orgId, 'Liisa', 'Laskuttaja');
    const unto = await contactPerson(orgId, 'Unto', 'Uusi');

    await setContactRoles(
      t.app.db,
      orgId,
      { CONTACT_NUMBER: liisa.id, CONTACT_PURCHASE: olli.id, CONTACT_SALES: olli.id },
      null,
    );
    await setBans(
      t.app.db,
      { contactPersonId: olli.id },
      { noSms: true, noEmail: true },
      {
        source: 'staff',
        userId: null,
      },
    );
    await t.app.db.transaction(async (tx) => {
      await setContactPersonProperties(tx, olli, [catalog.press, catalog.events, catalog.monthly], null);
      await setContactPersonProperties(tx, liisa, [catalog.monthly], null);
    });

    const res = await call('GET', `/customers/${orgId}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.bans).toBeNull();
    // By last name, then first name.
    expect(body.contactPersons).toEqual([
      {
        id: liisa.id,
        firstName: 'Liisa',
        lastName: 'Laskuttaja',
        title: null,
        email: null,
        phone: null,
        mobile: null,
        language: 'fi',
        roles: ['CONTACT_NUMBER'],
        bans: noBans,
        properties: [{ code: 'UK-KK', name: 'Kuukausikirje', group: 'Uutiskirjeet' }],
      },
      {
        id: olli.id,
        firstName: 'Olli',
        lastName: 'Ostaja',
        title: 'Ostopäällikkö',
        email: null,
        phone: null,
        mobile: null,
        language: 'fi',
        roles: ['CONTACT_PURCHASE', 'CONTACT_SALES'],
        bans: { noMarketing: false, noSms: true, noEmail: true },
        // Grouped ones first (by name), ungrouped last.
        properties: [
          { code: 'UK-KK', name: 'Kuukausikirje', group: 'Uutiskirjeet' },
          { code: 'TAPAHT', name: 'Tapahtumakutsut', group: 'Uutiskirjeet' },
          { code: 'LEHDISTO', name: 'Lehdistö', group: null },
        ],
      },
      expect.objectContaining({ id: unto.id, roles: [], bans: noBans, properties: [] }),
    ]);

    // A read-only token sees the same.
    expect((await call('GET', `/customers/${orgId}`, undefined, readonlyToken)).json()).toEqual(body);
  });

  it('follows changes: a role moved to another person, a ban lifted, properties removed', async () => {
    const orgId = await created({ type: 'organisation', name: 'Muutos Oy' });
    const a = await contactPerson(orgId, 'Aapo', 'Aaltonen');
    const b = await contactPerson(orgId, 'Bea', 'Björk');
    await setContactRoles(
      t.app.db,
      orgId,
      { CONTACT_NUMBER: a.id, CONTACT_PURCHASE: null, CONTACT_SALES: a.id },
      null,
    );
    await setBans(
      t.app.db,
      { contactPersonId: b.id },
      { noMarketing: true },
      { source: 'staff', userId: null },
    );
    await t.app.db.transaction((tx) => setContactPersonProperties(tx, b, [catalog.press], null));
    const before = (await call('GET', `/customers/${orgId}`)).json().contactPersons;
    expect(before.map((p: { roles: string[] }) => p.roles)).toEqual([
      ['CONTACT_NUMBER', 'CONTACT_SALES'],
      [],
    ]);

    await setContactRoles(
      t.app.db,
      orgId,
      { CONTACT_NUMBER: a.id, CONTACT_PURCHASE: b.id, CONTACT_SALES: b.id },
      null,
    );
    await setBans(
      t.app.db,
      { contactPersonId: b.id },
      { noMarketing: false },
      { source: 'staff', userId: null },
    );
    await t.app.db.transaction((tx) => setContactPersonProperties(tx, b, [], null));

    const after = (await call('GET', `/customers/${orgId}`)).json().contactPersons;
    expect(after).toEqual([
      expect.objectContaining({ id: a.id, roles: ['CONTACT_NUMBER'] }),
      expect.objectContaining({
        id: b.id,
        roles: ['CONTACT_PURCHASE', 'CONTACT_SALES'],
        bans: noBans,
        properties: [],
      }),
    ]);
  });

  it('answers PATCH and a repeated POST with the same contact-person details as GET', async () => {
    const orgId = await created({ type: 'organisation', name: 'Sama Oy', externalId: 'org-same-1' });
    const p = await contactPerson(orgId, 'Pirjo', 'Pysyvä');
    await setContactRoles(
      t.app.db,
      orgId,
      { CONTACT_NUMBER: p.id, CONTACT_PURCHASE: null, CONTACT_SALES: null },
      null,
    );
    await setBans(t.app.db, { contactPersonId: p.id }, { noEmail: true }, { source: 'staff', userId: null });
    const read = (await call('GET', `/customers/${orgId}`)).json();
    expect(read.contactPersons).toHaveLength(1);

    const patched = await call('PATCH', `/customers/${orgId}`, { city: 'Lahti' });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ city: 'Lahti', bans: null, contactPersons: read.contactPersons });

    const again = await call('POST', '/customers', {
      type: 'organisation',
      externalId: 'org-same-1',
      city: 'Kouvola',
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: orgId, city: 'Kouvola', contactPersons: read.contactPersons });
  });
});

describe("a person customer's own bans", () => {
  it('shows the bans set by the bans feature and by PUT /customers/:id/bans', async () => {
    const id = await created({ type: 'person', firstName: 'Kielto', lastName: 'Kirsikka' });
    const fresh = await call('GET', `/customers/${id}`);
    expect(fresh.json()).toMatchObject({ bans: noBans, contactPersons: [] });

    await setBans(
      t.app.db,
      { customerId: id },
      { noMarketing: true, noEmail: true },
      {
        source: 'staff',
        userId: null,
      },
    );
    const read = await call('GET', `/customers/${id}`);
    expect(read.json().bans).toEqual({ noMarketing: true, noSms: false, noEmail: true });

    const put = await call('PUT', `/customers/${id}/bans`, { noEmail: false, noSms: true });
    expect(put.statusCode).toBe(200);
    expect((await call('GET', `/customers/${id}`)).json().bans).toEqual({
      noMarketing: true,
      noSms: true,
      noEmail: false,
    });
  });

  it('cannot be changed through PATCH: bans in the body are ignored', async () => {
    const id = await created({ type: 'person', firstName: 'Ohitus', lastName: 'Olli' });
    const res = await call('PATCH', `/customers/${id}`, { bans: { noSms: true }, city: 'Pori' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ city: 'Pori', bans: noBans });
  });

  it('answers a new customer with its bans: none for a person, null for an organisation', async () => {
    const person = await call('POST', '/customers', {
      type: 'person',
      kind: 'ASIAKAS',
      firstName: 'Uusi',
      lastName: 'Ulla',
    });
    expect(person.json()).toMatchObject({ bans: noBans, contactPersons: [] });
    const org = await call('POST', '/customers', { type: 'organisation', kind: 'ASIAKAS', name: 'Uusi Oy' });
    expect(org.json()).toMatchObject({ bans: null, contactPersons: [] });
  });
});
